// The `okctl plan` and `okctl apply` check runs. Annotations go 50 a request: the first chunk with
// the create (or update), the rest as further updates carrying the same output.
import { chunkAnnotations, type CheckAnnotation } from "../render/annotations.js";
import type { CheckRunOutput } from "../render/check-run-output.js";
import type { Octokit, RepoRef } from "./types.js";

/** "okctl plan" / "okctl apply" / "okctl drift", suffixed with the declaration path when it is not the root okctl.yaml. */
export type CheckRunName = "okctl plan" | "okctl apply" | "okctl drift" | `okctl plan (${string})` | `okctl apply (${string})` | `okctl drift (${string})`;
export type CheckRunStatus = "queued" | "in_progress" | "completed";
export type CheckRunConclusion = "success" | "failure" | "neutral";

export interface CheckRunFields {
  status?: CheckRunStatus;
  /** Required by GitHub when status is "completed". */
  conclusion?: CheckRunConclusion;
  output?: CheckRunOutput;
  /** Sent in chunks of 50; needs `output`. */
  annotations?: readonly CheckAnnotation[];
  detailsUrl?: string;
  externalId?: string;
}

export interface CreateCheckRunInput extends RepoRef, CheckRunFields {
  name: CheckRunName;
  headSha: string;
}

export interface UpdateCheckRunInput extends RepoRef, CheckRunFields {
  checkRunId: number;
}

function outputWith(output: CheckRunOutput | undefined, annotations: CheckAnnotation[] | undefined) {
  if (!output) return undefined;
  return { ...output, ...(annotations && annotations.length > 0 ? { annotations } : {}) };
}

function fields(input: CheckRunFields, annotations: CheckAnnotation[] | undefined) {
  if (input.annotations && input.annotations.length > 0 && !input.output) throw new Error("check run annotations need an output");
  return {
    ...(input.status ? { status: input.status } : {}),
    ...(input.conclusion ? { conclusion: input.conclusion } : {}),
    ...(input.detailsUrl ? { details_url: input.detailsUrl } : {}),
    ...(input.externalId ? { external_id: input.externalId } : {}),
    ...(input.output ? { output: outputWith(input.output, annotations) } : {}),
  };
}

async function sendRemainingAnnotations(octokit: Octokit, input: RepoRef & { checkRunId: number; output?: CheckRunOutput }, rest: CheckAnnotation[][]): Promise<void> {
  for (const chunk of rest) {
    await octokit.rest.checks.update({ owner: input.owner, repo: input.repo, check_run_id: input.checkRunId, output: outputWith(input.output, chunk) });
  }
}

/** Creates the check run; returns its id. */
export async function createCheckRun(octokit: Octokit, input: CreateCheckRunInput): Promise<number> {
  const [first, ...rest] = chunkAnnotations(input.annotations ?? []);
  const created = await octokit.rest.checks.create({ owner: input.owner, repo: input.repo, name: input.name, head_sha: input.headSha, ...fields(input, first) });
  await sendRemainingAnnotations(octokit, { ...input, checkRunId: created.data.id }, rest);
  return created.data.id;
}

export async function updateCheckRun(octokit: Octokit, input: UpdateCheckRunInput): Promise<void> {
  const [first, ...rest] = chunkAnnotations(input.annotations ?? []);
  await octokit.rest.checks.update({ owner: input.owner, repo: input.repo, check_run_id: input.checkRunId, ...fields(input, first) });
  await sendRemainingAnnotations(octokit, input, rest);
}

/**
 * A check run of ours still in progress on a commit: the one an interrupted apply left, which the
 * resumed apply takes over instead of leaving it spinning for ever. One request.
 */
export async function findInProgressCheckRun(octokit: Octokit, input: RepoRef & { ref: string; name: CheckRunName }): Promise<number | undefined> {
  return (await checkRunsNamed(octokit, { ...input, status: "in_progress" })).find((run) => run.status === "in_progress")?.id;
}

/** A check run as a lookup on a commit sees it. */
export interface ListedCheckRun {
  id: number;
  status: string;
  conclusion: string | null;
  externalId: string | null;
  annotations: number;
}

/** The check runs named `name` on commit `ref` (the newest 100; one request), optionally only those with `status`. */
export async function checkRunsNamed(octokit: Octokit, input: RepoRef & { ref: string; name: string; status?: "in_progress" }): Promise<ListedCheckRun[]> {
  const { data } = await octokit.rest.checks.listForRef({
    owner: input.owner, repo: input.repo, ref: input.ref, check_name: input.name, ...(input.status ? { status: input.status } : { filter: "all" as const }), per_page: 100,
  });
  return data.check_runs.map((run) => ({ id: run.id, status: run.status, conclusion: run.conclusion, externalId: run.external_id, annotations: run.output.annotations_count }));
}

// A merge or apply job that gave up (out of retries after hours of GitHub or AWS trouble) is not
// lost: its applies are held (so `/okctl apply` retries them) and reported on the merge commit and
// the pull request. This job retries for days, so the report lands as soon as GitHub answers.
import { createCheckRun, IssueComments, type Octokit } from "../../github/index.js";
import type { Json } from "../../resources/types.js";
import { alert, codeSpan, escapeText } from "../../render/escape.js";
import { applyCommentMarker } from "../../render/marker.js";
import { checkName } from "../check-name.js";
import type { AppDeps } from "../deps.js";
import { repositoryOf, type ApplyJobPayload, type MergeJobPayload, type RepoJob } from "../job-payloads.js";
import { mergeApplies } from "./merge.js";

/** What the report job carries: the job that gave up, and why. */
export interface GaveUpJobPayload extends RepoJob {
  gaveUp: { id: string; kind: "merge" | "apply"; key: string; queue: string | null; attempts: number; enqueuedAt: string };
  /** "GitHub unreachable: …", "AWS refused: …" or "access configuration: …". */
  failure: string;
  merge?: MergeJobPayload;
  apply?: ApplyJobPayload;
}

const NEXT_STEP = "It is held: comment `/okctl apply` (needs write permission) to try again.";

function gaveUpText(failure: string): string {
  return `okctl gave up on this apply after retrying for hours (${failure}). Nothing was applied since.`;
}

/** The apply-result comment's place on the pull request, and a neutral `okctl apply` check run on the merge commit. */
async function report(deps: AppDeps, octokit: Octokit, apply: ApplyJobPayload, clusterKey: string | undefined, failure: string): Promise<"held" | "reported"> {
  const reason = `${gaveUpText(failure)} ${NEXT_STEP}`;
  const repository = repositoryOf(apply);
  const plan = apply.reviewedPlan ?? (await deps.store.latestPublishedPlan(repository, apply.pullNumber, apply.declarationPath))?.plan;
  // Held first: `/okctl apply` works even while GitHub still refuses the report below.
  const held = plan !== undefined && clusterKey !== undefined;
  if (held) {
    await deps.store.saveHeldApply({
      repository,
      pullNumber: apply.pullNumber,
      declarationPath: apply.declarationPath,
      clusterKey,
      mergeSha: apply.mergeSha,
      mergedBy: apply.mergedBy,
      planHash: plan.hash,
      plan,
      reason,
      heldAt: deps.now(),
    });
  }
  const comments = new IssueComments(octokit, { owner: apply.owner, repo: apply.repo, issueNumber: apply.pullNumber, ...(deps.botLogin ? { botLogin: deps.botLogin } : {}) });
  const marker = applyCommentMarker(apply.declarationPath);
  const body = [
    marker,
    `### okctl apply: ${codeSpan(apply.declarationPath)} held`,
    "",
    `**Commit** merge ${codeSpan(apply.mergeSha.slice(0, 12))}`,
    "",
    alert("WARNING", [`${escapeText(gaveUpText(failure))} ${NEXT_STEP}`]),
    "",
  ].join("\n");
  await comments.upsert(marker, body);
  await createCheckRun(octokit, {
    owner: apply.owner,
    repo: apply.repo,
    name: checkName("apply", apply.declarationPath),
    headSha: apply.mergeSha,
    status: "completed",
    conclusion: "neutral",
    output: { title: `Held: okctl gave up (${failure.split(":")[0]})`, summary: reason },
  });
  return held ? "held" : "reported";
}

function clusterOfQueue(queue: string | null): string | undefined {
  return queue?.startsWith("cluster:") ? queue.slice("cluster:".length) : undefined;
}

export async function runGaveUpJob(deps: AppDeps, job: GaveUpJobPayload): Promise<Json> {
  const octokit = await deps.octokitFor(job.installationId);
  if (job.apply) {
    const outcome = await report(deps, octokit, job.apply, clusterOfQueue(job.gaveUp.queue), job.failure);
    return { [job.apply.declarationPath]: outcome };
  }
  if (!job.merge) return { reported: "nothing to report" };
  // The merge never found its pull request: find it now, and hold each of its applies.
  const found = await mergeApplies(deps, octokit, job.merge);
  if (found.kind !== "applies") return { reported: found.kind };
  const results: Record<string, string> = {};
  for (const apply of found.applies) results[apply.payload.declarationPath] = await report(deps, octokit, apply.payload, apply.clusterKey, job.failure);
  return results;
}

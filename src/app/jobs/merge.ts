// The merge job: a push to the default branch changed okctl.yaml files. Find the merged pull
// request, then queue one apply per declaration in its cluster's queue (one apply per cluster at a
// time, in merge order). A push without a pull request applies nothing: only reviewed plans apply.
import { changedDeclarationsForPush, createCheckRun, labelsOf, type Octokit } from "../../github/index.js";
import type { Json } from "../../resources/types.js";
import { clusterKey } from "../../store/cluster-key.js";
import { checkName } from "../check-name.js";
import { declarationAt } from "../declaration-at.js";
import type { AppDeps } from "../deps.js";
import { cappedDeclarations } from "./plan-pull-request.js";
import { DURABLE_JOB_ATTEMPTS } from "../retry-policy.js";
import { asJson, repositoryIdOf, repositoryOf, type ApplyJobPayload, type MergeJobPayload } from "../job-payloads.js";

interface MergedPullRequest {
  number: number;
  labels: string[];
  mergedBy: string;
}

/**
 * The pull request this push merged: merged into the default branch with the push's commit as its
 * merge commit. Any other pull request that contains the commit (a branch merged elsewhere, one
 * merged earlier) is not it: no fallback.
 */
async function mergedPullRequest(octokit: Octokit, job: MergeJobPayload): Promise<MergedPullRequest | undefined> {
  const response = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner: job.owner, repo: job.repo, commit_sha: job.after });
  const pr = response.data.find((candidate) => candidate.merged_at && candidate.merge_commit_sha === job.after && candidate.base.ref === job.defaultBranch);
  if (!pr) return undefined;
  return { number: pr.number, labels: labelsOf(pr), mergedBy: job.pusher };
}

/** One apply a merge asks for: its payload and its queue (the cluster's, when the declaration is valid). */
export interface MergedApply {
  payload: ApplyJobPayload;
  queue: string;
  key: string;
  clusterKey: string | undefined;
}

export type MergeApplies = { kind: "none" } | { kind: "no-pull-request"; paths: string[] } | { kind: "applies"; pullNumber: number; applies: MergedApply[] };

/** What a merge applies: one apply per changed declaration (at most ten) of the merged pull request. */
export async function mergeApplies(deps: AppDeps, octokit: Octokit, job: MergeJobPayload): Promise<MergeApplies> {
  const repo = { owner: job.owner, repo: job.repo };
  const changes = await changedDeclarationsForPush(octokit, repo, job);
  if (changes.length === 0) return { kind: "none" };
  const pr = await mergedPullRequest(octokit, job);
  if (!pr) return { kind: "no-pull-request", paths: changes.map((change) => change.path) };
  const applies: MergedApply[] = [];
  // Only what could be planned on the pull request (the rest was reported there as not planned).
  for (const change of cappedDeclarations(changes)) {
    const removed = change.status === "removed";
    const found = await declarationAt(octokit, { ...repo, path: change.path, ref: removed ? job.before : job.after });
    // An invalid or missing declaration still gets an apply job (in a per-path queue) so that its
    // outcome is reported on the pull request and the merge commit in the same place as any other.
    const key =
      found.kind === "valid"
        ? clusterKey({ accountId: found.declaration.metadata.accountID, region: found.declaration.metadata.region, cluster: found.declaration.metadata.name })
        : undefined;
    const queue = key ? `cluster:${key}` : `declaration:${repositoryOf(job)}:${change.path}`;
    // Merged: no longer an open pull request to re-plan after the cluster's next apply.
    if (key) await deps.store.rememberPullRequestCluster({ repository: repositoryOf(job), pullNumber: pr.number, declarationPath: change.path, clusterKey: key, open: false });
    const payload: ApplyJobPayload = {
      installationId: job.installationId,
      owner: job.owner,
      repo: job.repo,
      ...repositoryIdOf(job),
      declarationPath: change.path,
      removed,
      mergeSha: job.after,
      before: job.before,
      pullNumber: pr.number,
      labels: pr.labels,
      mergedBy: pr.mergedBy,
    };
    applies.push({ payload, queue, key: `${repositoryOf(job)}#${pr.number}:${change.path}@${job.after.slice(0, 12)}`, clusterKey: key });
  }
  return { kind: "applies", pullNumber: pr.number, applies };
}

export async function runMergeJob(deps: AppDeps, job: MergeJobPayload): Promise<Json> {
  const octokit = await deps.octokitFor(job.installationId);
  const repo = { owner: job.owner, repo: job.repo };
  const found = await mergeApplies(deps, octokit, job);
  if (found.kind === "none") return { applies: 0 };
  if (found.kind === "no-pull-request") {
    for (const path of found.paths) {
      await createCheckRun(octokit, {
        ...repo,
        name: checkName("apply", path),
        headSha: job.after,
        status: "completed",
        conclusion: "neutral",
        output: {
          title: "Not applied: pushed without a pull request",
          summary:
            `${path} changed in a push that belongs to no merged pull request. okctl applies only plans that reviewers saw on a pull request: ` +
            `open a pull request with the change (or an empty commit touching ${path}) and merge it.`,
        },
      });
    }
    return { applies: 0, reason: "no merged pull request" };
  }
  for (const apply of found.applies) {
    await deps.store.enqueueJob({ kind: "apply", key: apply.key, payload: asJson(apply.payload), queue: apply.queue, maxAttempts: DURABLE_JOB_ATTEMPTS }, deps.now());
  }
  return { applies: found.applies.length, pullNumber: found.pullNumber };
}

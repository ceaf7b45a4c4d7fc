// After an apply: the final check run, the result on the pull request, the audit record, a held
// retry when something failed, and fresh plans for the other open pull requests of the cluster.
import type { ApplyResult } from "../../apply/apply-plan.js";
import { updateCheckRun, upsertComment, type Octokit } from "../../github/index.js";
import type { Json } from "../../resources/types.js";
import { applyCommentMarker, renderApplyResultComment, type CommitRef } from "../../render/markdown.js";
import { renderCheckRunOutput } from "../../render/check-run-output.js";
import { readClusterOutputs } from "../../outputs/read-outputs.js";
import { outputsContext } from "../../outputs/declared-access.js";
import type { ClusterOutputs } from "../../outputs/cluster-outputs.js";
import { errorMessage } from "../../resources/shared/aws-errors.js";
import type { ApplyProgress } from "../apply-progress.js";
import type { AppDeps } from "../deps.js";
import { asJson, repositoryIdOf, repositoryOf, type ApplyJobPayload, type PlanJobPayload } from "../job-payloads.js";
import type { DeclarationPlan } from "../plan-declaration.js";
import { audit } from "./apply.js";

export interface FinishInput {
  job: ApplyJobPayload;
  planned: Extract<DeclarationPlan, { kind: "planned" }>;
  commit: CommitRef;
  checkRunId: number;
  progress: ApplyProgress;
  result: ApplyResult;
  startedAt: Date;
}

/** Other open pull requests that plan the same cluster get a fresh plan: the last one is stale now. */
export async function replanOpenPullRequests(deps: AppDeps, job: ApplyJobPayload, clusterKey: string): Promise<number> {
  const open = await deps.store.openPullRequestsForCluster(clusterKey);
  const repository = repositoryOf(job);
  const numbers = [...new Set(open.filter((pr) => pr.repository === repository && pr.pullNumber !== job.pullNumber).map((pr) => pr.pullNumber))];
  for (const pullNumber of numbers) {
    const payload: PlanJobPayload = { installationId: job.installationId, owner: job.owner, repo: job.repo, ...repositoryIdOf(job), pullNumber, trigger: "replan" };
    const key = `${repository}#${pullNumber}`;
    await deps.store.enqueueJob({ kind: "plan", key, payload: asJson(payload), coalesceKey: `plan:${key}` }, deps.now());
  }
  return numbers.length;
}

/**
 * What the team needs next, read from AWS with the repository's session. Nothing when the cluster
 * is being deleted; a failed read costs the comment its outputs, never the apply its result.
 */
async function outputsAfterApply(deps: AppDeps, planned: FinishInput["planned"]): Promise<ClusterOutputs | undefined> {
  if (!planned.declaration) return undefined;
  const { plan } = planned;
  try {
    return await readClusterOutputs({
      clients: planned.clients,
      target: planned.target,
      ...outputsContext(planned.declaration),
      deployRoleArn: planned.entry.roleArn,
    });
  } catch (error) {
    deps.log.warn({ err: errorMessage(error), cluster: plan.cluster }, "reading the cluster's outputs after the apply failed");
    return undefined;
  }
}

export async function finishApply(deps: AppDeps, octokit: Octokit, input: FinishInput): Promise<Json> {
  const { job, planned, commit, result } = input;
  const { plan } = planned;
  if (result.outcome === "refused") throw new Error(`apply refused after the checks passed: ${result.message}`); // a bug: checks ran first
  const steps = input.progress.list();
  const elapsed = deps.now().getTime() - input.startedAt.getTime();
  const outputs = await outputsAfterApply(deps, planned);
  // A live progress update still in flight would land after the final one and leave the check run "in progress".
  await input.progress.settled();
  await updateCheckRun(octokit, {
    owner: job.owner,
    repo: job.repo,
    checkRunId: input.checkRunId,
    status: "completed",
    conclusion: result.ok ? "success" : "failure",
    output: renderCheckRunOutput({ kind: "apply", plan, declarationPath: job.declarationPath, commit, steps, durationMs: elapsed, ...(outputs ? { outputs } : {}) }),
  });
  await upsertComment(octokit, {
    owner: job.owner,
    repo: job.repo,
    issueNumber: job.pullNumber,
    marker: applyCommentMarker(job.declarationPath),
    body: renderApplyResultComment({ plan, declarationPath: job.declarationPath, commit, steps, durationMs: elapsed, ...(outputs ? { outputs } : {}) }).body,
    ...(deps.botLogin ? { botLogin: deps.botLogin } : {}),
  });
  const failed = steps.filter((step) => step.status === "failed").map((step) => ({ id: step.id, error: step.error ?? "" }));
  if (!result.ok) {
    const ref = { repository: repositoryOf(job), pullNumber: job.pullNumber, declarationPath: job.declarationPath };
    const reason = `The apply at ${job.mergeSha.slice(0, 12)} failed: ${failed.map((step) => step.id).join(", ") || "interrupted"}.`;
    await deps.store.saveHeldApply({ ...ref, clusterKey: planned.clusterKey, mergeSha: job.mergeSha, mergedBy: job.mergedBy, planHash: plan.hash, plan, reason, heldAt: deps.now() });
  }
  const summary = { summary: { ...plan.summary }, steps: steps.length, failed, durationMs: elapsed };
  await audit(deps, job, planned, result.ok ? "succeeded" : "failed", summary, input.startedAt);
  const replanned = await replanOpenPullRequests(deps, job, planned.clusterKey);
  return { outcome: result.ok ? "applied" : "failed", failed: failed.map((step) => step.id), replanned };
}

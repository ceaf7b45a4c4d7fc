// The apply job, run in its cluster's queue: re-plan at the merge commit, check the plan is the one
// reviewers saw, check the destroy rules, apply with live progress, and report on the pull request.
import { createCheckRun, findInProgressCheckRun, updateCheckRun, upsertComment, type Octokit } from "../../github/index.js";
import type { Json } from "../../resources/types.js";
import { applyCluster } from "../../engine/apply-cluster.js";
import type { Plan } from "../../plan/types.js";
import {
  applyCommentMarker,
  renderApplyRefusedComment,
  renderPlanComment,
  renderRefusalComment,
  renderValidationComment,
  type ApplyStep,
  type CommitRef,
} from "../../render/markdown.js";
import { renderCheckRunOutput } from "../../render/check-run-output.js";
import type { HeldCause } from "../../render/next-steps.js";
import { checkName } from "../check-name.js";
import { destroyDecision } from "../destroy-policy.js";
import type { AppDeps } from "../deps.js";
import { applySubject, repositoryIdOf, repositoryOf, type ApplyJobPayload } from "../job-payloads.js";
import { planDeclaration, type DeclarationPlan } from "../plan-declaration.js";
import { publishOutcome } from "../publish.js";
import { checkReviewed } from "../reviewed-plan.js";
import { checkApplyRequirement } from "../apply-requirement-check.js";
import type { PublishedPlan } from "../../store/store.js";
import { ApplyProgress } from "../apply-progress.js";
import { finishApply } from "./apply-finish.js";
import { costOfPlan } from "../plan-cost.js";
import { JobFailure } from "../job-failure.js";
import { formatUtc, heldApplyExpiresAt } from "../held-apply-drop.js";

export interface ApplyRun {
  runId: string;
  /** Leases taken so far; above 1 means an earlier attempt may have started applying. */
  attempts: number;
  signal: AbortSignal;
}

type Planned = Extract<DeclarationPlan, { kind: "planned" }>;

async function hold(deps: AppDeps, octokit: Octokit, job: ApplyJobPayload, planned: Planned, commit: CommitRef, held: { reason: string; cause: HeldCause; reviewed: Plan | undefined; startedAt: Date }): Promise<Json> {
  const { reason, cause, reviewed, startedAt } = held;
  const { plan } = planned;
  const heldAt = deps.now();
  // Asked for on a drift issue, a held apply has no lifetime: `/okctl apply` there always plans again
  // and applies only what the issue showed (or holds again).
  const nextSteps = applySubject(job) === "drift-issue"
    ? ({ kind: "held", cause, reason, on: "drift-issue" } as const)
    : ({ kind: "held", cause, reason, expiresAt: formatUtc(heldApplyExpiresAt(heldAt)) } as const);
  // The plan reviewers approved stays readable, folded under the held one that replaces it.
  const cost = await costOfPlan(deps, plan);
  const showReviewed = reviewed !== undefined && reviewed.hash !== plan.hash;
  const rendered = renderPlanComment({ plan, declarationPath: job.declarationPath, commit, nextSteps, cost, ...(showReviewed ? { reviewed: { plan: reviewed } } : {}) });
  const ref = { repository: repositoryOf(job), pullNumber: job.pullNumber, declarationPath: job.declarationPath };
  await publishOutcome(deps, octokit, { ...ref, owner: job.owner, repo: job.repo, checkSha: job.mergeSha, checkKind: "apply" }, {
    comment: rendered.body,
    conclusion: "neutral",
    output: { kind: "plan", plan, declarationPath: job.declarationPath, commit, nextSteps, commentShows: rendered.shownResources, cost },
  });
  await deps.store.saveHeldApply({ ...ref, clusterKey: planned.clusterKey, mergeSha: job.mergeSha, mergedBy: job.mergedBy, planHash: plan.hash, plan, reason, heldAt });
  await audit(deps, job, planned, "held", { cause, reason }, startedAt);
  return { outcome: "held", cause, reason };
}

export async function audit(deps: AppDeps, job: ApplyJobPayload, planned: Planned, result: "succeeded" | "failed" | "refused" | "held", summary: Json, startedAt = deps.now()): Promise<void> {
  await deps.store.recordApplyAudit({
    repository: repositoryOf(job),
    pullNumber: job.pullNumber,
    declarationPath: job.declarationPath,
    clusterKey: planned.clusterKey,
    mergedBy: job.mergedBy,
    mergeSha: job.mergeSha,
    planHash: planned.plan.hash,
    startedAt,
    finishedAt: deps.now(),
    result,
    summary,
  });
}

/** Nothing applied: `comment` in the apply result's place, and a completed `okctl apply` check run. */
async function refuse(deps: AppDeps, octokit: Octokit, job: ApplyJobPayload, comment: string, reason: string, conclusion: "neutral" | "failure"): Promise<void> {
  await upsertComment(octokit, {
    owner: job.owner,
    repo: job.repo,
    issueNumber: job.pullNumber,
    marker: applyCommentMarker(job.declarationPath),
    body: comment,
    ...(deps.botLogin ? { botLogin: deps.botLogin } : {}),
  });
  await createCheckRun(octokit, {
    owner: job.owner,
    repo: job.repo,
    name: checkName("apply", job.declarationPath),
    headSha: job.mergeSha,
    status: "completed",
    conclusion,
    output: renderCheckRunOutput({ kind: "refusal", declarationPath: job.declarationPath, reason }),
  });
}

/** The plan reviewers saw: the one `/okctl apply` was given for, else the last one published on the pull request. */
function reviewedPlan(job: ApplyJobPayload, published: PublishedPlan | undefined): Plan | undefined {
  return job.reviewedPlan ?? published?.plan;
}

export async function runApplyJob(deps: AppDeps, job: ApplyJobPayload, run: ApplyRun): Promise<Json> {
  // A held or refused apply's audit record spans this whole run (the re-plan at the merge commit included).
  const runStartedAt = deps.now();
  const octokit = await deps.octokitFor(job.installationId);
  // From a drift issue, the commit applied is the default branch's head, not a merge commit.
  const commit: CommitRef = { sha: job.mergeSha, kind: applySubject(job) === "drift-issue" ? "default-branch" : "merge" };
  const outcome = await planDeclaration(deps, octokit, {
    owner: job.owner,
    repo: job.repo,
    path: job.declarationPath,
    ref: job.mergeSha,
    ...(job.removed ? { removedSince: job.before } : {}),
    fromFork: false,
    runId: run.runId,
    ...repositoryIdOf(job),
  });
  if (outcome.kind === "missing") return { outcome: "skipped", reason: "declaration not found" };
  if (outcome.kind === "invalid") {
    const target = { owner: job.owner, repo: job.repo, pullNumber: job.pullNumber, declarationPath: job.declarationPath, checkSha: job.mergeSha, checkKind: "apply" as const };
    await publishOutcome(deps, octokit, target, {
      comment: renderValidationComment(job.declarationPath, outcome.diagnostics, commit),
      conclusion: "failure",
      output: { kind: "validation", declarationPath: job.declarationPath, diagnostics: outcome.diagnostics },
      diagnostics: outcome.diagnostics,
    });
    return { outcome: "invalid" };
  }
  if (outcome.kind === "refused" || outcome.kind === "failed") {
    const comment = renderRefusalComment(job.declarationPath, outcome.message, commit, "apply");
    await refuse(deps, octokit, job, comment, outcome.message, outcome.kind === "refused" ? "neutral" : "failure");
    // AWS trouble: retried with backoff.
    if (outcome.kind === "failed") throw new JobFailure(outcome.cause === "assume-role" ? "access" : "aws", outcome.message);
    return { outcome: "refused", reason: outcome.message };
  }
  const { plan } = outcome;
  const published = (await deps.store.latestPublishedPlan(repositoryOf(job), job.pullNumber, job.declarationPath)) ?? undefined;
  const reviewed = reviewedPlan(job, published);
  const review = checkReviewed(plan, reviewed, { resuming: run.attempts > 1 || job.reviewedPlan !== undefined });
  // Checked on every run, `/okctl apply` included: an approval given after the merge counts, one withdrawn since does not.
  const requirement = await checkApplyRequirement(deps, octokit, job, outcome.entry, published, outcome.clusterKey);
  // Without a published plan nobody could approve, only a new pull request can apply the merge: that
  // comes before "the plan differs from the reviewed one" (there was none), which `/okctl apply` would answer.
  if (!requirement.ok && requirement.cause === "no-plan-to-approve") {
    return hold(deps, octokit, job, outcome, commit, { reason: requirement.reason, cause: requirement.cause, reviewed, startedAt: runStartedAt });
  }
  if (!review.ok) {
    const reason = requirement.ok ? review.reason : `${review.reason} ${requirement.reason}`;
    return hold(deps, octokit, job, outcome, commit, { reason, cause: "plan-changed", reviewed, startedAt: runStartedAt });
  }
  if (!requirement.ok) return hold(deps, octokit, job, outcome, commit, { reason: requirement.reason, cause: requirement.cause, reviewed, startedAt: runStartedAt });
  if (plan.errors.length > 0) {
    const message = `The plan has errors, so nothing was applied. Fix them in okctl.yaml with a new pull request:\n${plan.errors.map((error) => `- ${error}`).join("\n")}`;
    await refuse(deps, octokit, job, renderApplyRefusedComment(job.declarationPath, plan, message, commit), message, "failure");
    await audit(deps, job, outcome, "refused", { errors: plan.errors }, runStartedAt);
    return { outcome: "refused", reason: "plan errors" };
  }
  const destroy = destroyDecision(plan, outcome.entry, job.labels, applySubject(job));
  if (!destroy.allowed) {
    await refuse(deps, octokit, job, renderApplyRefusedComment(job.declarationPath, plan, destroy.message, commit), destroy.message, "neutral");
    const ref = { repository: repositoryOf(job), pullNumber: job.pullNumber, declarationPath: job.declarationPath };
    await deps.store.saveHeldApply({ ...ref, clusterKey: outcome.clusterKey, mergeSha: job.mergeSha, mergedBy: job.mergedBy, planHash: plan.hash, plan, reason: destroy.message, heldAt: deps.now() });
    await audit(deps, job, outcome, "refused", { reason: destroy.why }, runStartedAt);
    return { outcome: "refused", reason: destroy.why };
  }
  const startedAt = deps.now();
  const checkRun = { owner: job.owner, repo: job.repo, name: checkName("apply", job.declarationPath) };
  // A resumed apply (an earlier attempt died) takes over the check run that attempt left in progress.
  const leftInProgress = run.attempts > 1 ? await findInProgressCheckRun(octokit, { ...checkRun, ref: job.mergeSha }) : undefined;
  const checkRunId = leftInProgress ?? (await createCheckRun(octokit, { ...checkRun, headSha: job.mergeSha, status: "in_progress" }));
  const push = (steps: ApplyStep[], changed: readonly number[]) =>
    updateCheckRun(octokit, {
      owner: job.owner,
      repo: job.repo,
      checkRunId,
      status: "in_progress",
      output: renderCheckRunOutput({ kind: "apply", plan, declarationPath: job.declarationPath, commit, steps, live: { changed } }),
    });
  const progress = new ApplyProgress(plan, push, deps.progressIntervalMs ?? 5000);
  await progress.flush();
  const result = await applyCluster(plan, {
    clients: outcome.clients,
    repositoryId: outcome.target.repositoryId,
    allowDestroy: true, // decided above: entry and label both allow it, or nothing is destructive
    onEvent: (event) => progress.onEvent(event),
    signal: run.signal,
    ...deps.applyOptions,
  });
  return finishApply(deps, octokit, { job, planned: outcome, commit, checkRunId, progress, result, startedAt });
}

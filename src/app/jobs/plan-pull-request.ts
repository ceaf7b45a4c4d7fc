// The plan job: every changed okctl.yaml of a pull request is planned (against GitHub's test merge
// commit when there is one, else the head) and published as a sticky comment and a check run.
import { getPullRequest, isFromFork, listChangedDeclarations, planCommit, type ChangedDeclaration, type IssueComments, type Octokit, type PullRequestInfo } from "../../github/index.js";
import type { Json } from "../../resources/types.js";
import { renderPlanComment, renderRefusalComment, renderValidationComment, type CommitRef } from "../../render/markdown.js";
import { DECLARATIONS_CAPPED_MARKER, renderDeclarationsCapped } from "../../render/declarations-capped.js";
import { nextStepsBeforeMerge } from "../destroy-policy.js";
import type { AppDeps } from "../deps.js";
import { repositoryIdOf, repositoryOf, type PlanJobPayload } from "../job-payloads.js";
import { planDeclaration } from "../plan-declaration.js";
import { issueComments, publishOutcome, type PublishTarget } from "../publish.js";
import { costOfPlan } from "../plan-cost.js";

type DeclarationResult = "planned" | "invalid" | "refused" | "failed" | "missing";

/** Most declarations planned (and applied) per pull request; the rest get one comment saying so. */
export const MAX_DECLARATIONS_PER_PULL_REQUEST = 10;

/** The declarations okctl plans and applies: the first ten by path, at plan time and at merge. */
export function cappedDeclarations<T extends { path: string }>(changes: readonly T[]): T[] {
  return [...changes].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).slice(0, MAX_DECLARATIONS_PER_PULL_REQUEST);
}

async function planOne(deps: AppDeps, octokit: Octokit, job: PlanJobPayload, pr: PullRequestInfo, change: ChangedDeclaration, runId: string, comments: IssueComments): Promise<DeclarationResult> {
  const commit: CommitRef = planCommit(pr);
  const removed = change.status === "removed";
  const target: PublishTarget = { owner: job.owner, repo: job.repo, pullNumber: pr.number, declarationPath: change.path, checkSha: pr.headSha, comments };
  const outcome = await planDeclaration(deps, octokit, {
    owner: job.owner,
    repo: job.repo,
    path: change.path,
    ref: commit.sha,
    ...(removed ? { removedSince: pr.baseSha } : {}),
    fromFork: isFromFork(pr),
    runId,
    ...repositoryIdOf(job),
  });
  switch (outcome.kind) {
    case "missing":
      return "missing";
    case "invalid":
      await publishOutcome(deps, octokit, target, {
        comment: renderValidationComment(change.path, outcome.diagnostics, commit),
        conclusion: "failure",
        output: { kind: "validation", declarationPath: change.path, diagnostics: outcome.diagnostics },
        diagnostics: outcome.diagnostics,
      });
      return "invalid";
    case "refused":
    case "failed": {
      await publishOutcome(deps, octokit, target, {
        comment: renderRefusalComment(change.path, outcome.message, commit),
        conclusion: outcome.kind === "refused" ? "neutral" : "failure",
        output: { kind: "refusal", declarationPath: change.path, reason: outcome.message },
      });
      return outcome.kind;
    }
    case "planned": {
      const { plan } = outcome;
      const nextSteps = nextStepsBeforeMerge(plan, outcome.entry, pr.labels);
      const cost = await costOfPlan(deps, plan);
      const rendered = renderPlanComment({ plan, declarationPath: change.path, commit, nextSteps, cost });
      const { commentId } = await publishOutcome(deps, octokit, target, {
        comment: rendered.body,
        conclusion: plan.errors.length > 0 ? "failure" : "success",
        output: { kind: "plan", plan, declarationPath: change.path, commit, nextSteps, commentShows: rendered.shownResources, cost },
      });
      const ref = { repository: repositoryOf(job), pullNumber: pr.number, declarationPath: change.path };
      await deps.store.savePublishedPlan({ ...ref, headSha: pr.headSha, planHash: plan.hash, plan, commentId, publishedAt: deps.now() });
      await deps.store.rememberPullRequestCluster({ ...ref, clusterKey: outcome.clusterKey, open: pr.state === "open" });
      return "planned";
    }
  }
}

export async function runPlanJob(deps: AppDeps, job: PlanJobPayload, runId: string): Promise<Json> {
  const octokit = await deps.octokitFor(job.installationId);
  // The pull request as it is now (head, labels, state), never the delivery's copy.
  const pr = await getPullRequest(octokit, { owner: job.owner, repo: job.repo, pullNumber: job.pullNumber });
  if (pr.state !== "open") {
    // Closed (or merged): no longer re-planned after the cluster's applies, so no more GETs for it.
    await deps.store.closePullRequest(repositoryOf(job), pr.number);
    return { skipped: "pull request is not open" };
  }
  const changes = await listChangedDeclarations(octokit, { owner: job.owner, repo: job.repo, pullNumber: pr.number });
  const comments = issueComments(deps, octokit, { owner: job.owner, repo: job.repo, pullNumber: pr.number });
  const planned = cappedDeclarations(changes);
  const results: Record<string, DeclarationResult> = {};
  for (const change of planned) results[change.path] = await planOne(deps, octokit, job, pr, change, runId, comments);
  const skipped = changes.filter((change) => !planned.includes(change)).map((change) => change.path);
  if (skipped.length > 0) await comments.upsert(DECLARATIONS_CAPPED_MARKER, renderDeclarationsCapped(changes.length, planned.length, skipped));
  return { pullNumber: pr.number, results, ...(skipped.length > 0 ? { skipped } : {}) };
}

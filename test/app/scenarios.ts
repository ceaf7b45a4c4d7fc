// The GitHub side of the app's usual flows, for the Probot tests: which requests a plan, a merge
// and an apply make, declared on the mock before the deliveries that cause them.
import { applyCommentMarker, planCommentMarker } from "../../src/render/markdown.js";
import { pullRequestPayload } from "../support/webhooks.js";
import type { Capture } from "./github-mock.js";
import { HEAD, MERGE, mergedPullJson, mergePush, pullJson } from "./fixtures.js";
import type { AppHarness } from "./harness.js";

export const PLAN_MARKER = planCommentMarker("okctl.yaml");
export const APPLY_MARKER = applyCommentMarker("okctl.yaml");

export interface Published {
  comment: Capture;
  check: Capture;
}

/** The plan job's requests for a pull request changing okctl.yaml (read at `ref`). */
export function expectPlanJob(app: AppHarness, pull: number, ref: string, content: string, checkId = 100 + pull): Published {
  app.github.pullFiles(pull, [{ filename: "okctl.yaml", status: "modified" }]);
  app.github.file("okctl.yaml", ref, content);
  const comment = app.github.stickyUpsert(pull, PLAN_MARKER);
  const check = app.github.createCheckRun(checkId);
  return { comment, check };
}

/** Opens pull request `pull` with `content` and runs its plan job. */
export async function openPullRequest(app: AppHarness, pull: number, content: string, labels: string[] = []): Promise<Published> {
  app.github.pull(pull, pullJson({ number: pull, headSha: HEAD(pull), labels })); // the plan job reads the pull request as it is
  const published = expectPlanJob(app, pull, HEAD(pull), content);
  await app.receive("pull_request", pullRequestPayload({ number: pull, headSha: HEAD(pull), labels }));
  await app.runJobs();
  return published;
}

export const APPROVER = "reviewer";

/**
 * The apply job's check of the apply requirement (applyRequires: approved): the pull request's
 * reviews, one approval by APPROVER of `commitId` (default: the head the plan was made from), and
 * the approver's write permission.
 */
export function expectApproval(app: AppHarness, pull: number, commitId = HEAD(pull)): void {
  app.github.reviews(pull, [{ reviewer: APPROVER, state: "APPROVED", commitId }]);
  app.github.permission(APPROVER, "write");
}

/**
 * The merge job's requests, and the apply job's first: reading the declaration at the merge commit,
 * and the approval of the reviewed plan (unless `approvedAt` is null: no approval check expected).
 */
export function expectMerge(app: AppHarness, pull: number, content: string, labels: string[] = [], approvedAt: string | null = HEAD(pull)): void {
  app.github.pullsOfCommit(MERGE(pull), [mergedPullJson(pull, labels)]);
  app.github.file("okctl.yaml", MERGE(pull), content); // the merge job: which cluster queue
  app.github.file("okctl.yaml", MERGE(pull), content); // the apply job: the plan at merge
  if (approvedAt !== null) expectApproval(app, pull, approvedAt);
}

export interface Applied {
  createCheck: Capture;
  updateCheck: Capture;
  result: Capture;
}

/** An apply that runs: the `okctl apply` check run (created, then its start and end) and the result comment. */
export function expectApplyRuns(app: AppHarness, pull: number, checkId = 200 + pull): Applied {
  const createCheck = app.github.createCheckRun(checkId);
  const updateCheck = app.github.updateCheckRun(checkId, 2);
  const result = app.github.stickyUpsert(pull, APPLY_MARKER);
  return { createCheck, updateCheck, result };
}

/**
 * `/okctl apply` takes a held apply only if the declaration on the default branch is still the one
 * at its merge commit: both are read (then the apply job reads the merge commit's again).
 */
export function expectHeldApplyStillCurrent(app: AppHarness, pull: number, content: string, defaultBranchContent = content): void {
  app.github.file("okctl.yaml", MERGE(pull), content);
  app.github.file("okctl.yaml", "main", defaultBranchContent);
}

/** Delivers the push that merging `pull` makes. */
export function deliverMerge(app: AppHarness, pull: number): Promise<void> {
  return app.receive("push", mergePush(pull));
}

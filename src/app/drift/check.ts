// One drift check: plan the declaration as merged (at the default branch's head) against AWS; on
// drift, open or edit the declaration's drift issue; without, close it with a comment; either
// way an `okctl drift` check run on that commit. Shared by the round's checks, `/okctl plan` on
// the issue and the check after `/okctl apply`.
import { randomBytes } from "node:crypto";
import { createCheckRun, createComment, createIssue, findOpenIssue, updateIssue, upsertComment, type Octokit } from "../../github/index.js";
import { driftClearedMarker } from "../../render/marker.js";
import type { Json } from "../../resources/types.js";
import { renderCheckRunOutput } from "../../render/check-run-output.js";
import type { CommitRef } from "../../render/header.js";
import { checkName } from "../check-name.js";
import type { AppDeps } from "../deps.js";
import { JobFailure } from "../job-failure.js";
import { planDeclaration } from "../plan-declaration.js";
import { costOfPlan } from "../plan-cost.js";
import { driftCause, pendingApply, retryingCause } from "./cause.js";
import { knownDriftIssue, rememberDriftIssue, type KnownIssue } from "./issue-state.js";
import { DRIFT_LABEL, driftCheckOutput, driftClearedComment, driftIssue, driftMarker, driftView, type DriftView } from "./view.js";

export interface DriftTarget {
  owner: string;
  repo: string;
  /** The repository's numeric GitHub id, when known (looked up otherwise). */
  repositoryId?: number;
  declarationPath: string;
  headSha: string;
  /** The repository's web address (links to pull requests). */
  htmlUrl: string;
  /** The drift issue, when the caller knows it (a command on it). */
  issueNumber?: number;
}

export type DriftOutcome =
  | { outcome: "drift"; issue: number; action: "created" | "updated" }
  | { outcome: "no-drift"; closed?: number }
  | { outcome: "skipped"; reason: string }
  | { outcome: "invalid" | "refused" };

export async function checkDrift(deps: AppDeps, octokit: Octokit, target: DriftTarget, runId: string): Promise<DriftOutcome> {
  const { owner, repo, declarationPath, headSha } = target;
  const repository = `${owner}/${repo}`;
  const commit: CommitRef = { sha: headSha, kind: "default-branch" };
  const check = { owner, repo, name: checkName("drift", declarationPath), headSha, status: "completed" as const };
  const planned = await planDeclaration(deps, octokit, {
    owner,
    repo,
    path: declarationPath,
    ref: headSha,
    fromFork: false,
    runId,
    ...(target.repositoryId !== undefined ? { repositoryId: target.repositoryId } : {}),
  });
  if (planned.kind === "missing") return { outcome: "skipped", reason: "the declaration is no longer on the default branch" };
  if (planned.kind === "invalid") {
    await createCheckRun(octokit, { ...check, conclusion: "failure", output: renderCheckRunOutput({ kind: "validation", declarationPath, diagnostics: planned.diagnostics }) });
    return { outcome: "invalid" };
  }
  if (planned.kind === "refused") {
    await createCheckRun(octokit, { ...check, conclusion: "neutral", output: renderCheckRunOutput({ kind: "refusal", declarationPath, reason: planned.message }) });
    return { outcome: "refused" };
  }
  if (planned.kind === "failed") throw new JobFailure(planned.cause === "assume-role" ? "access" : "aws", planned.message);
  const pending = await pendingApply(deps.store, planned.clusterKey);
  if (pending?.state === "running") return { outcome: "skipped", reason: "an apply of this cluster is running" };

  const { plan } = planned;
  if (!planned.declaration) return { outcome: "skipped", reason: "the declaration is no longer on the default branch" };
  const remembered = await knownDriftIssue(deps.store, repository, declarationPath, deps.now());
  // The issue a command came from, as the store knows it (closed already, or being closed), else as open.
  const cached = target.issueNumber === undefined || remembered?.number === target.issueNumber ? remembered : { number: target.issueNumber, open: true };
  // A closed issue stays closed: drift after it is a new episode, with a new issue.
  const known = cached?.open ? cached : undefined;
  const causeContext = { clusterKey: planned.clusterKey, repository, htmlUrl: target.htmlUrl, ...(cached ? { issueNumber: cached.number } : {}) };
  const cause = (pending?.state === "retrying" ? retryingCause(pending.job, causeContext) : undefined) ?? (await driftCause(deps.store, causeContext));
  let view = driftView({ plan, declaration: planned.declaration, declarationPath, commit, checkedAt: deps.now(), ...(cause ? { cause } : {}) });
  const drifted = view.report.drifted;
  if (drifted) view = { ...view, cost: await costOfPlan(deps, plan) };
  let outcome: DriftOutcome;
  let issueUrl: string | undefined;
  if (drifted) {
    const issue = await publishDriftIssue(deps, octokit, target, view, known);
    issueUrl = `${target.htmlUrl}/issues/${issue.number}`;
    // `/okctl apply` on the issue applies this plan (or what remains of it), as reviewed.
    await deps.store.savePublishedPlan({ repository, pullNumber: issue.number, declarationPath, headSha, planHash: plan.hash, plan, commentId: null, publishedAt: deps.now() });
    outcome = { outcome: "drift", issue: issue.number, action: issue.action };
  } else {
    outcome = { outcome: "no-drift", ...(known ? { closed: await closeDriftIssue(deps, octokit, target, known, view) } : {}) };
  }
  const conclusion = drifted || view.report.errors.length > 0 ? "neutral" : "success";
  await createCheckRun(octokit, { ...check, conclusion, output: driftCheckOutput(view, issueUrl) });
  return outcome;
}

/** Edits the known issue (opening it again if closed), or finds it by label and marker, or opens one. */
async function publishDriftIssue(deps: AppDeps, octokit: Octokit, target: DriftTarget, view: DriftView, known: KnownIssue | undefined): Promise<{ number: number; action: "created" | "updated" }> {
  const { owner, repo, declarationPath } = target;
  const repository = `${owner}/${repo}`;
  const { title, body } = driftIssue(view);
  let number = known?.number;
  if (number === undefined) {
    number = (await findOpenIssue(octokit, { owner, repo, label: DRIFT_LABEL, marker: driftMarker(declarationPath), ...(deps.botLogin ? { botLogin: deps.botLogin } : {}) }))?.number;
  }
  let action: "created" | "updated" = "updated";
  const edited = number === undefined ? undefined : await updateIssue(octokit, { owner, repo, issueNumber: number, title, body, state: "open" });
  if (!edited) {
    number = (await createIssue(octokit, { owner, repo, title, body, labels: [DRIFT_LABEL] })).number;
    action = "created";
  }
  await rememberDriftIssue(deps.store, repository, declarationPath, { number: number!, open: true }, deps.now());
  return { number: number!, action };
}

/**
 * Comments, closes, records: each step safe to repeat. The closing's id is recorded before the
 * comment; a close done again (after a crash or a failed request) looks for the comment with that
 * id and posts it only if it is not there, so the issue never gets two closing comments.
 */
async function closeDriftIssue(deps: AppDeps, octokit: Octokit, target: DriftTarget, known: KnownIssue, view: DriftView): Promise<number> {
  const { owner, repo, declarationPath } = target;
  const repository = `${owner}/${repo}`;
  const issue = { owner, repo, issueNumber: known.number };
  const closing = known.closing ?? randomBytes(8).toString("hex");
  const marker = driftClearedMarker(closing);
  const body = driftClearedComment(view, marker);
  if (known.closing === undefined) {
    await rememberDriftIssue(deps.store, repository, declarationPath, { number: known.number, open: true, closing }, deps.now());
    await createComment(octokit, { ...issue, body });
  } else {
    await upsertComment(octokit, { ...issue, marker, body, ...(deps.botLogin ? { botLogin: deps.botLogin } : {}) });
  }
  await updateIssue(octokit, { ...issue, state: "closed" });
  await rememberDriftIssue(deps.store, repository, declarationPath, { number: known.number, open: false }, deps.now());
  return known.number;
}

export function asJsonOutcome(outcome: DriftOutcome): Json {
  return outcome as unknown as Json;
}

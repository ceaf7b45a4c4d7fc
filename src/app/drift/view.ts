// How a drift check shows: the issue's title and body, the `okctl drift` check run, the comment
// that closes the issue. PLACEHOLDER until src/drift/ and src/render/drift*.ts land (i13b): drift is
// "the plan of the declaration as merged has changes", rendered with the pull request's plan renderer.
import type { PlanCost } from "../../cost/types.js";
import type { Plan } from "../../plan/types.js";
import { renderCheckRunOutput, type CheckRunOutput } from "../../render/check-run-output.js";
import { alert, codeSpan, escapeText, oneLine } from "../../render/escape.js";
import { hasChanges, type CommitRef } from "../../render/header.js";
import { renderPlanComment } from "../../render/plan-comment.js";

export { DRIFT_LABEL } from "./label.js";

/** Why AWS differs, when okctl knows: a merge whose plan was not applied. */
export interface DriftCause {
  kind: "apply-failed" | "apply-held";
  pullRequest: { number: number; url: string };
  commitSha?: string;
  detail?: string;
}

export interface DriftView {
  plan: Plan;
  declarationPath: string;
  commit: CommitRef;
  cost?: PlanCost;
  cause?: DriftCause;
}

export function isDrifted(plan: Plan): boolean {
  return hasChanges(plan.summary) || plan.errors.length > 0 || plan.conflicts.length > 0;
}

/** `<!-- okctl:drift path=… -->`, the issue body's first line. */
export function driftMarker(path: string): string {
  return `<!-- okctl:drift path=${encodeURIComponent(path).replace(/%2F/g, "/").replace(/-/g, "%2D")} -->`;
}

export function driftIssueTitle(cluster: string, path: string): string {
  return oneLine(`okctl: drift in ${cluster} (${path})`).slice(0, 250);
}

function causeText(cause: DriftCause | undefined): string {
  if (!cause) return "AWS no longer matches the declaration as merged on the default branch: something was changed outside okctl.";
  const what = cause.kind === "apply-failed" ? "failed" : "was held and not applied";
  return `AWS does not match the declaration because the apply of [#${cause.pullRequest.number}](${cause.pullRequest.url})${cause.commitSha ? ` (merge ${codeSpan(cause.commitSha.slice(0, 12))})` : ""} ${what}${cause.detail ? `: ${escapeText(cause.detail)}` : "."}`;
}

export function driftIssueBody(view: DriftView): string {
  const closing = [
    "#### What to do",
    "",
    "- Comment `/okctl apply` on this issue (write permission) to apply the declaration as merged and bring AWS back. Deletes and replacements also need the label `okctl/allow-destroy` on this issue and `allowDestroy` in the repository's access entry.",
    "- Or keep what is in AWS: open a pull request that changes the declaration to match it.",
    "- Comment `/okctl plan` to check again now. okctl closes this issue by itself once a check finds no drift.",
  ].join("\n");
  const rendered = renderPlanComment({ plan: view.plan, declarationPath: view.declarationPath, commit: view.commit, nextSteps: { kind: "no-changes" }, ...(view.cost ? { cost: view.cost } : {}), maxLength: 60_000 });
  const planPart = rendered.body.split("\n").slice(1).join("\n");
  return [driftMarker(view.declarationPath), `### okctl drift in ${codeSpan(view.plan.cluster)} (${codeSpan(view.declarationPath)})`, "", alert("WARNING", [causeText(view.cause)]), "", planPart, "", closing, ""].join("\n");
}

export function driftCheckOutput(view: DriftView): CheckRunOutput {
  const output = renderCheckRunOutput({ kind: "plan", plan: view.plan, declarationPath: view.declarationPath, commit: view.commit, nextSteps: { kind: "no-changes" }, ...(view.cost ? { cost: view.cost } : {}) });
  return isDrifted(view.plan) ? { ...output, title: `Drift: ${output.title}`, summary: `${causeText(view.cause)}\n\n${output.summary}` } : { ...output, title: "No drift" };
}

export function driftClearedComment(commit: CommitRef): string {
  return `A drift check at ${codeSpan(commit.sha.slice(0, 12))} found no drift: AWS matches the declaration again. Closing this issue.`;
}

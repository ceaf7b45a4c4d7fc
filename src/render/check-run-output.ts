// The output of the `okctl plan` and `okctl apply` check runs: a title, a Markdown summary and a
// text carrying the full plan (or step list), each within the Checks API limit of 65535.
import type { Diagnostic } from "../declaration/types.js";
import { MAX_REPORTED_PROBLEMS } from "./annotations.js";
import type { Plan } from "../plan/types.js";
import { clip, codeSpan, escapeText, fencedBlock, sizeOf } from "./escape.js";
import { doneSummary, formatDuration, stepLine, tally, type ApplyStep } from "./apply-steps.js";
import type { ApplyResultInput } from "./apply-result-comment.js";
import { countFitting } from "./fit.js";
import { checkRunDiffText, localPlanAdvice, MAX_CHECK_OUTPUT } from "./full-plan.js";
import { renderPlanContext, renderSummaryBlock, summaryLine, type CommitRef } from "./header.js";
import { planDiff } from "./markdown-diff.js";
import { renderNextSteps, type NextSteps } from "./next-steps.js";
import { renderOutputsMarkdown } from "./outputs.js";
import { renderPlanAlerts } from "./plan-alerts.js";
import type { PlanCost } from "../cost/types.js";
import { costDetailsMarkdown, costSummaryMarkdown } from "./cost.js";

export { MAX_CHECK_OUTPUT } from "./full-plan.js";
const MAX_TITLE = 200;

export interface CheckRunOutput {
  title: string;
  summary: string;
  text?: string;
}

export type CheckRunOutputInput =
  | {
      kind: "plan"; plan: Plan; declarationPath: string; commit: CommitRef; nextSteps: NextSteps;
      /** How many changed resources the plan comment shows (RenderedPlanComment.shownResources): the text carries the rest when the whole does not fit. */
      commentShows?: number;
      /** Optional lines under the summary line, as in the comment. */
      summaryLines?: readonly string[];
      /** The estimated monthly cost, as in the comment. */
      cost?: PlanCost;
    }
  | { kind: "validation"; declarationPath: string; diagnostics: readonly Diagnostic[] }
  | { kind: "refusal"; declarationPath: string; reason: string }
  | (Omit<ApplyResultInput, "maxLength"> & {
      kind: "apply";
      /** A live update during the apply: only running and failed steps and those `changed` (indexes in steps), within LIVE_APPLY_TEXT_MAX. */
      live?: { changed: readonly number[] };
    });

function output(title: string, summary: string, text?: string): CheckRunOutput {
  const result: CheckRunOutput = { title: clip(title, MAX_TITLE), summary: clip(summary, MAX_CHECK_OUTPUT) };
  if (text !== undefined) result.text = clip(text, MAX_CHECK_OUTPUT);
  return result;
}

function planOutput(input: Extract<CheckRunOutputInput, { kind: "plan" }>): CheckRunOutput {
  const { plan } = input;
  const diff = planDiff(plan.changes);
  const unchanged = plan.changes.length - diff.chunks.length;
  const planTitle = plan.errors.length > 0 ? `Plan has ${plan.errors.length} ${plan.errors.length === 1 ? "error" : "errors"}` : summaryLine(plan.summary);
  const heldCause = input.nextSteps.kind === "held" ? input.nextSteps.cause : undefined;
  const title = heldCause === "approval-missing" ? `Held: approval missing. ${planTitle}` : heldCause === "no-plan-to-approve" ? `Held: no approved plan. ${planTitle}` : planTitle;
  const summary = [
    `Declaration ${codeSpan(input.declarationPath)}`,
    renderPlanContext(plan, input.commit),
    renderSummaryBlock(plan.summary, [...(input.cost ? [costSummaryMarkdown(input.cost)] : []), ...(input.summaryLines ?? [])]),
    ...renderPlanAlerts(plan),
    ...(input.cost && input.cost.available ? [costDetailsMarkdown(input.cost)] : []),
    renderNextSteps(input.nextSteps),
  ].join("\n\n");
  const tail = unchanged > 0 ? `# ${unchanged} ${unchanged === 1 ? "resource" : "resources"} unchanged.` : "";
  if (diff.chunks.length === 0 && unchanged === 0) return output(title, summary);
  const advice = localPlanAdvice(plan, input.declarationPath, input.commit.sha);
  return output(title, summary, checkRunDiffText(diff, input.commentShows, tail, advice).text);
}

function validationOutput(input: Extract<CheckRunOutputInput, { kind: "validation" }>): CheckRunOutput {
  const count = input.diagnostics.length;
  const lines = input.diagnostics
    .slice(0, MAX_REPORTED_PROBLEMS)
    .map((diagnostic) => `- line ${diagnostic.line}, column ${diagnostic.column}: ${escapeText(clip(diagnostic.message, 1000))}`);
  const kept = countFitting(lines, MAX_CHECK_OUTPUT - 500);
  const more = kept < count ? [`- … and ${count - kept} more, not shown: fix these and push to see the rest`] : [];
  const summary = [
    `${codeSpan(input.declarationPath)} is not valid: nothing was planned. Each problem is marked on its line.`,
    "",
    ...lines.slice(0, kept),
    ...more,
  ].join("\n");
  return output(`okctl.yaml is not valid (${count} ${count === 1 ? "problem" : "problems"})`, summary);
}

function refusalOutput(input: Extract<CheckRunOutputInput, { kind: "refusal" }>): CheckRunOutput {
  return output(
    "okctl will not act on this declaration",
    `${codeSpan(input.declarationPath)}: ${escapeText(clip(input.reason, 2000))}\n\nNo AWS calls were made.`,
  );
}

function applyOutput(input: Extract<CheckRunOutputInput, { kind: "apply" }>): CheckRunOutput {
  const counts = tally(input.steps);
  const total = input.steps.length;
  const took = input.durationMs !== undefined ? ` in ${formatDuration(input.durationMs)}` : "";
  const finished = counts.running === 0 && counts.done + counts.failed === total;
  const title = counts.failed > 0
    ? `Apply failed: ${counts.failed} failed, ${counts.done} of ${total} done`
    : counts.running > 0 || !finished ? `Applying: ${counts.done} of ${total} done` : `Applied${took}: ${doneSummary(input.steps)}`;
  const summary = [
    `Declaration ${codeSpan(input.declarationPath)}`,
    renderPlanContext(input.plan, input.commit),
    `**${summaryLine(input.plan.summary)}** ${counts.done} done, ${counts.running} running, ${counts.failed} failed, ${counts.remaining} waiting or not applied.`,
    ...(input.outputs ? [renderOutputsMarkdown(input.outputs)] : []),
  ].join("\n\n");
  if (input.live) return output(title, summary, liveStepsText(input.steps, input.live.changed));
  const lines = input.steps.map(stepLine);
  const kept = countFitting(lines, MAX_CHECK_OUTPUT - 200);
  const text = [...lines.slice(0, kept), ...(kept < lines.length ? [`- … ${lines.length - kept} more`] : [])].join("\n");
  return output(title, summary, text);
}

/**
 * Most characters of a live update's step list. An apply updates its check run every few
 * seconds for as long as it runs: each update carries what is happening (running and failed steps,
 * and those that changed since the last update), not the whole list again; the last update does.
 */
export const LIVE_APPLY_TEXT_MAX = 8_000;

function liveStepsText(steps: readonly ApplyStep[], changed: readonly number[]): string {
  const changedSet = new Set(changed);
  const shown = steps.filter((step, index) => step.status === "running" || step.status === "failed" || changedSet.has(index));
  const lines = shown.map(stepLine);
  const kept = countFitting(lines, LIVE_APPLY_TEXT_MAX - 200);
  const hidden = steps.length - kept;
  return [...lines.slice(0, kept), ...(hidden > 0 ? [`- … ${hidden} other steps not shown: the full list comes when the apply ends`] : [])].join("\n");
}

/** The check run output for a plan, a validation failure, a refusal or an apply. */
export function renderCheckRunOutput(input: CheckRunOutputInput): CheckRunOutput {
  switch (input.kind) {
    case "plan":
      return planOutput(input);
    case "validation":
      return validationOutput(input);
    case "refusal":
      return refusalOutput(input);
    case "apply":
      return applyOutput(input);
  }
}

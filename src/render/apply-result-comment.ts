// The apply result posted on the merged pull request: what was created or changed, how long it
// took, any failure, and what remains. Its own sticky comment (marker `okctl:apply`).
import type { ClusterOutputs } from "../outputs/cluster-outputs.js";
import type { Plan } from "../plan/types.js";
import { alert, clip, codeSpan, details, escapeText, sizeOf } from "./escape.js";
import { formatDuration, doneSummary, stepLine, tally, type ApplyStep } from "./apply-steps.js";
import { countFitting } from "./fit.js";
import { renderPlanContext, renderTitle, type CommitRef } from "./header.js";
import { applyCommentMarker } from "./marker.js";
import { renderOutputsMarkdown } from "./outputs.js";
import { MAX_COMMENT_LENGTH, type RenderedComment } from "./plan-comment.js";

/** Failures listed in the headline; more are in the steps. */
const MAX_FAILURES_SHOWN = 10;

export interface ApplyResultInput {
  plan: Plan;
  declarationPath: string;
  /** The merge commit applied. */
  commit: CommitRef;
  steps: readonly ApplyStep[];
  /** Wall-clock time of the whole apply. */
  durationMs?: number;
  /** What the team needs next, read from AWS after the apply (src/outputs/). */
  outputs?: ClusterOutputs;
  maxLength?: number;
}

const PAST_VERB: Readonly<Record<ApplyStep["action"], string>> = { create: "create", update: "update", replace: "replace", delete: "destroy", adopt: "adopt" };

function failureLine(step: ApplyStep): string {
  const error = step.error ? `: ${escapeText(clip(step.error, 1000))}` : "";
  return `- okctl could not ${PAST_VERB[step.action]} ${codeSpan(step.id)}${step.durationMs !== undefined ? ` (after ${formatDuration(step.durationMs)})` : ""}${error}`;
}

function headline(input: ApplyResultInput): string {
  const counts = tally(input.steps);
  const took = input.durationMs !== undefined ? ` in ${formatDuration(input.durationMs)}` : "";
  const total = input.steps.length;
  if (total === 0) return "**Nothing to apply.** AWS already matched the declaration.";
  if (counts.failed === 0 && counts.remaining === 0 && counts.running === 0) {
    return `**Applied${took}:** ${doneSummary(input.steps)}.`;
  }
  const progress = `${counts.done} of ${total} changes done (${doneSummary(input.steps)}), ${counts.remaining} not applied${counts.running > 0 ? `, ${counts.running} still running` : ""}.`;
  if (counts.failed === 0) {
    return alert("CAUTION", [`**Apply stopped before finishing.** ${progress}`]);
  }
  const failed = input.steps.filter((step) => step.status === "failed");
  const shown = failed.slice(0, MAX_FAILURES_SHOWN);
  return alert("CAUTION", [
    `**Apply failed:** ${counts.failed === 1 ? "1 change" : `${counts.failed} changes`} failed. ${progress}`,
    "",
    ...shown.map(failureLine),
    ...(failed.length > shown.length ? [`- … and ${failed.length - shown.length} more failures (see the steps below)`] : []),
  ]);
}

function remainingNote(steps: readonly ApplyStep[]): string | undefined {
  const { failed, remaining } = tally(steps);
  if (failed + remaining === 0) return undefined;
  return `**What remains:** ${failed + remaining} ${failed + remaining === 1 ? "change was" : "changes were"} not applied. Fix the cause (see ${failed > 0 ? "the failure above" : "the steps"}), then comment \`/okctl apply\` here: okctl plans again against what now exists and applies the rest. What was done is kept.`;
}

function stepsSummary(steps: readonly ApplyStep[]): string {
  const counts = tally(steps);
  const parts = [
    `${counts.done} done`,
    ...(counts.failed > 0 ? [`${counts.failed} failed`] : []),
    ...(counts.running > 0 ? [`${counts.running} running`] : []),
    ...(counts.remaining > 0 ? [`${counts.remaining} not applied`] : []),
  ];
  return `Steps: ${parts.join(", ")}`;
}

export function renderApplyResultComment(input: ApplyResultInput): RenderedComment {
  const maxLength = input.maxLength ?? MAX_COMMENT_LENGTH;
  const head = [applyCommentMarker(input.declarationPath), renderTitle("apply", input.declarationPath), renderPlanContext(input.plan, input.commit)].join("\n");
  // Failures first, so a cut never hides them; then the rest in plan order. Folded: the headline
  // says what failed, open.
  const ordered = [...input.steps.filter((step) => step.status === "failed"), ...input.steps.filter((step) => step.status !== "failed")];
  const top = `${head}\n\n${headline(input)}`;
  const remaining = remainingNote(input.steps);
  const outputs = input.outputs ? renderOutputsMarkdown(input.outputs) : undefined;
  const bottom = [remaining, outputs].filter((part): part is string => part !== undefined).join("\n\n") || undefined;
  const all = ordered.map(stepLine);
  const lines = all.slice(0, countFitting(all, maxLength - sizeOf(top) - sizeOf(bottom ?? "") - 300));
  const truncated = lines.length < all.length;
  if (truncated) lines.push(`- … ${all.length - lines.length} more: see the \`okctl apply\` check run.`);
  const steps = lines.length > 0 ? details(stepsSummary(input.steps), lines.join("\n")) : undefined;
  const body = [top, steps, bottom].filter((part): part is string => part !== undefined).join("\n\n") + "\n";
  return { body: clip(body, maxLength), truncated: truncated || sizeOf(body) > maxLength };
}

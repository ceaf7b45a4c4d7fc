// The apply result posted on the merged pull request: what was created or changed, how long it
// took, any failure, and what remains. Its own sticky comment (marker `okctl:apply`).
import type { ClusterOutputs } from "../outputs/cluster-outputs.js";
import type { Plan } from "../plan/types.js";
import { alert, clip, sizeOf } from "./escape.js";
import { formatDuration, doneSummary, stepLine, tally, type ApplyStep } from "./apply-steps.js";
import { countFitting } from "./fit.js";
import { renderPlanContext, renderTitle, type CommitRef } from "./header.js";
import { applyCommentMarker } from "./marker.js";
import { renderOutputsMarkdown } from "./outputs.js";
import { MAX_COMMENT_LENGTH, type RenderedComment } from "./plan-comment.js";

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

function headline(input: ApplyResultInput): string {
  const counts = tally(input.steps);
  const took = input.durationMs !== undefined ? ` in ${formatDuration(input.durationMs)}` : "";
  if (input.steps.length === 0) return "**Nothing to apply.** AWS already matched the declaration.";
  if (counts.failed === 0 && counts.remaining === 0 && counts.running === 0) {
    return `**Applied${took}:** ${doneSummary(input.steps)}.`;
  }
  return alert("CAUTION", [
    `**Apply did not finish${took}.** ${counts.done} of ${input.steps.length} changes done (${doneSummary(input.steps)}), ${counts.failed} failed, ${counts.remaining} not applied.`,
  ]);
}

function remainingNote(steps: readonly ApplyStep[]): string | undefined {
  const { failed, remaining } = tally(steps);
  if (failed + remaining === 0) return undefined;
  return `**What remains:** ${failed + remaining} ${failed + remaining === 1 ? "change was" : "changes were"} not applied. Fix the cause (see the errors above), then comment \`/okctl apply\` here: okctl plans again against what now exists and applies the rest. What was done is kept.`;
}

export function renderApplyResultComment(input: ApplyResultInput): RenderedComment {
  const maxLength = input.maxLength ?? MAX_COMMENT_LENGTH;
  const head = [applyCommentMarker(input.declarationPath), renderTitle("apply", input.declarationPath), renderPlanContext(input.plan, input.commit)].join("\n");
  // Failures first, so a cut never hides them; then the rest in plan order.
  const ordered = [...input.steps.filter((step) => step.status === "failed"), ...input.steps.filter((step) => step.status !== "failed")];
  const top = `${head}\n\n${headline(input)}`;
  const remaining = remainingNote(input.steps);
  const outputs = input.outputs ? renderOutputsMarkdown(input.outputs) : undefined;
  const bottom = [remaining, outputs].filter((part): part is string => part !== undefined).join("\n\n") || undefined;
  const all = ordered.map(stepLine);
  const lines = all.slice(0, countFitting(all, maxLength - sizeOf(top) - sizeOf(bottom ?? "") - 200));
  const truncated = lines.length < all.length;
  if (truncated) lines.push(`- … ${all.length - lines.length} more: see the \`okctl apply\` check run.`);
  const steps = lines.length > 0 ? `#### Steps\n\n${lines.join("\n")}` : undefined;
  const body = [top, steps, bottom].filter((part): part is string => part !== undefined).join("\n\n") + "\n";
  return { body: clip(body, maxLength), truncated: truncated || sizeOf(body) > maxLength };
}

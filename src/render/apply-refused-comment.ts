// The apply comment when okctl planned at merge but did not apply: the plan destroys without both
// keys (label and access entry), or has errors. Unlike an access refusal, AWS was read: say what
// stopped the apply; the reason says what to do. In the apply result's place (marker `okctl:apply`).
import type { Plan } from "../plan/types.js";
import { alert, clip, escapeText } from "./escape.js";
import { renderPlanContext, renderTitle, summaryLine, type CommitRef } from "./header.js";
import { applyCommentMarker } from "./marker.js";

const MAX_REASON_SIZE = 4000;

export function renderApplyRefusedComment(path: string, plan: Plan, reason: string, commit: CommitRef): string {
  return [
    applyCommentMarker(path),
    renderTitle("apply", path),
    renderPlanContext(plan, commit),
    "",
    alert("WARNING", [`**Not applied.** ${summaryLine(plan.summary)}`, "", ...clip(reason, MAX_REASON_SIZE).split("\n").map(escapeText)]),
    "",
  ].join("\n");
}

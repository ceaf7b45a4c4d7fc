// The Markdown renderers of okctl's pull-request comments, in one place for callers.
// Pure: plain data in, strings out; nothing here decides what happens, it only says it.
export { renderPlanComment, MAX_COMMENT_LENGTH, type PlanCommentInput, type RenderedComment } from "./plan-comment.js";
export { renderValidationComment, renderRefusalComment } from "./validation-comment.js";
export { renderApplyResultComment, type ApplyResultInput } from "./apply-result-comment.js";
export { renderApplyRefusedComment } from "./apply-refused-comment.js";
export { renderHelpComment, renderCommandRefusedComment, renderHeldApplyDroppedComment } from "./help-comment.js";
export { planCommentMarker, applyCommentMarker, findMarker, hasMarker, type Marker, type MarkerKind } from "./marker.js";
export { ALLOW_DESTROY_LABEL, COMMANDS, type ApplySubject, type NextSteps } from "./next-steps.js";
export { summaryLine, type CommitRef, type CommitKind } from "./header.js";
export type { ApplyStep, ApplyStepStatus } from "./apply-steps.js";

// Apply only what was reviewed: the plan at merge must be the plan reviewers saw (same hash), or —
// when resuming an interrupted apply or retrying with /okctl apply — what remains of it.
import type { Plan } from "../plan/types.js";

/** True when every change still to make was in the reviewed plan, with the same action. */
export function remainsOf(current: Plan, reviewed: Plan): boolean {
  const reviewedActions = new Map(reviewed.changes.map((change) => [change.id, change.action]));
  return current.changes.every((change) => {
    if (change.action === "no-op") return true;
    const before = reviewedActions.get(change.id);
    // A replace whose old resource is already gone continues as a create.
    return before === change.action || (before === "replace" && change.action === "create");
  });
}

export type ReviewCheck = { ok: true } | { ok: false; reason: string };

export function checkReviewed(current: Plan, reviewed: Plan | undefined, options: { resuming: boolean }): ReviewCheck {
  if (!reviewed) {
    return { ok: false, reason: "No plan for this declaration was published on the pull request before it was merged, so reviewers never saw one." };
  }
  if (reviewed.hash === current.hash) return { ok: true };
  if (options.resuming && remainsOf(current, reviewed)) return { ok: true };
  return {
    ok: false,
    reason:
      `The plan at merge (${current.hash.slice(0, 12)}) differs from the plan reviewers saw (${reviewed.hash.slice(0, 12)}): ` +
      `AWS or the declaration changed in between. Review the new plan below.`,
  };
}

// Apply only what was reviewed: the plan at merge must be the plan reviewers saw (same hash), or —
// when resuming an interrupted apply or retrying with /okctl apply — what remains of it.
import type { Plan, PlanValue, ResourceChange } from "../plan/types.js";

/**
 * A reviewed create that the interrupted run started but did not finish (a subnet created, its
 * public-IP setting not yet made) continues as an update, towards exactly the reviewed values.
 */
function finishesReviewedCreate(change: ResourceChange, reviewed: ResourceChange): boolean {
  const reviewedAfter = new Map(reviewed.attributes.map((attribute) => [attribute.attribute, attribute.after]));
  return change.attributes.every((attribute) => {
    const after = reviewedAfter.get(attribute.attribute);
    return after !== undefined && attribute.after !== undefined && sameOrWasUnknown(after, attribute.after);
  });
}

/** Equal, where a value the reviewed plan showed as "(known after apply)" matches any value. */
function sameOrWasUnknown(reviewed: PlanValue, current: PlanValue): boolean {
  if (reviewed !== null && typeof reviewed === "object" && !Array.isArray(reviewed) && "unknown" in reviewed && reviewed.unknown === true) return true;
  if (reviewed === null || current === null || typeof reviewed !== "object" || typeof current !== "object") return reviewed === current;
  if (Array.isArray(reviewed) || Array.isArray(current)) {
    return Array.isArray(reviewed) && Array.isArray(current) && reviewed.length === current.length &&
      reviewed.every((value, i) => sameOrWasUnknown(value, current[i] as PlanValue));
  }
  const keys = Object.keys(reviewed);
  const record = current as Record<string, PlanValue>;
  return keys.length === Object.keys(current).length &&
    keys.every((key) => key in record && sameOrWasUnknown((reviewed as Record<string, PlanValue>)[key] as PlanValue, record[key] as PlanValue));
}

/** True when every change still to make was in the reviewed plan, with the same action. */
export function remainsOf(current: Plan, reviewed: Plan): boolean {
  const reviewedChanges = new Map(reviewed.changes.map((change) => [change.id, change]));
  return current.changes.every((change) => {
    if (change.action === "no-op") return true;
    const before = reviewedChanges.get(change.id);
    if (before?.action === "create" && change.action === "update") return finishesReviewedCreate(change, before);
    // A replace whose old resource is already gone continues as a create.
    return before?.action === change.action || (before?.action === "replace" && change.action === "create");
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

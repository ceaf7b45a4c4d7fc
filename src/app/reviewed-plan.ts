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

/** An absent value (a create has no before, a delete no after) matches only an absent one. */
function sameValue(reviewed: PlanValue | undefined, current: PlanValue | undefined): boolean {
  if (reviewed === undefined || current === undefined) return reviewed === current;
  return sameOrWasUnknown(reviewed, current);
}

/**
 * Every attribute the current change touches was in the reviewed change, with the old value
 * reviewers saw and the new value they saw (or one they saw as "known after apply"). The current
 * change may touch fewer attributes (part of it was applied before an interruption).
 */
function withinReviewedValues(change: ResourceChange, reviewed: ResourceChange): boolean {
  const seen = new Map(reviewed.attributes.map((attribute) => [attribute.attribute, attribute]));
  return change.attributes.every((attribute) => {
    const before = seen.get(attribute.attribute);
    return before !== undefined && sameValue(before.before, attribute.before) && sameValue(before.after, attribute.after);
  });
}

/** The same action on the same AWS resource (when it exists), with values within the reviewed ones. */
function sameReviewedChange(change: ResourceChange, reviewed: ResourceChange): boolean {
  return change.action === reviewed.action && change.physicalId === reviewed.physicalId && withinReviewedValues(change, reviewed);
}

/**
 * True when every change still to make is within the reviewed plan: the same action on the same
 * physical resource, from the old values reviewers saw, to the new values they saw. An update of a
 * value that changed since (`b→a` where reviewers saw `c→a`), or a delete of a resource re-created
 * since (another physical id), is not within it. Two continuations of an interrupted apply are:
 * a reviewed create left unfinished (now an update towards the reviewed values), and a reviewed
 * replace whose old resource is already gone (now a create).
 */
export function remainsOf(current: Plan, reviewed: Plan): boolean {
  const reviewedChanges = new Map(reviewed.changes.map((change) => [change.id, change]));
  return current.changes.every((change) => {
    if (change.action === "no-op") return true;
    const before = reviewedChanges.get(change.id);
    if (!before) return false;
    if (before.action === "create" && change.action === "update") return finishesReviewedCreate(change, before);
    if (before.action === "replace" && change.action === "create") return true;
    return sameReviewedChange(change, before);
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

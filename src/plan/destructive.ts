// Destructive changes (delete, replace) run only when the caller explicitly allows them.
import type { Plan, ResourceChange } from "./types.js";

export function destructiveChanges(plan: Plan): ResourceChange[] {
  return plan.changes.filter((change) => change.action === "delete" || change.action === "replace");
}

export function isDestructive(plan: Plan): boolean {
  return destructiveChanges(plan).length > 0;
}

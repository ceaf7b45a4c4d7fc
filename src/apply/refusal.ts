// Apply refuses, before touching anything, a plan with errors or (without the opt-in) one that
// destroys something. A refusal is a result for the user, not an exception.
import { destructiveChanges } from "../plan/destructive.js";
import type { Plan } from "../plan/types.js";

export interface ApplyRefusal {
  outcome: "refused";
  reason: "plan-has-errors" | "destroy-not-allowed";
  message: string;
  /** The plan errors, or the destructive changes as "<action> <id>". */
  details: string[];
}

export function refusalFor(plan: Plan, allowDestroy: boolean): ApplyRefusal | undefined {
  if (plan.errors.length > 0) {
    return {
      outcome: "refused",
      reason: "plan-has-errors",
      message: `The plan has ${plan.errors.length} error(s); nothing was applied. Fix okctl.yaml and plan again:\n${plan.errors.map((e) => `  - ${e}`).join("\n")}`,
      details: plan.errors,
    };
  }
  const destructive = destructiveChanges(plan);
  if (destructive.length === 0 || allowDestroy) return undefined;
  const details = destructive.map((change) => `${change.action === "replace" ? "replace (destroy, then create)" : "delete"} ${change.id}`);
  return {
    outcome: "refused",
    reason: "destroy-not-allowed",
    message:
      `The plan destroys ${destructive.length} resource(s); nothing was applied:\n${details.map((d) => `  - ${d}`).join("\n")}\n` +
      "Destructive changes run only when explicitly allowed: pass --allow-destroy on the command line, " +
      "and the repository's access entry must set allowDestroy: true.",
    details,
  };
}

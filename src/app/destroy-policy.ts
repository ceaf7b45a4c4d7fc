// Destructive changes need two keys: the repository's access entry allows destroy (set by the
// platform administrators) and the merged pull request carries the okctl/allow-destroy label.
import type { AccessEntry } from "../aws/access-config.js";
import { isDestructive } from "../plan/destructive.js";
import type { Plan } from "../plan/types.js";
import { ALLOW_DESTROY_LABEL, type ApplySubject, type NextSteps } from "../render/markdown.js";

export type DestroyDecision = { allowed: true } | { allowed: false; why: "label-missing" | "entry-forbids"; message: string };

/** `labels`: those of the merged pull request, or of the drift issue `/okctl apply` was commented on (`on`). */
export function destroyDecision(plan: Plan, entry: AccessEntry, labels: readonly string[], on: ApplySubject = "pull-request"): DestroyDecision {
  if (!isDestructive(plan)) return { allowed: true };
  if (!entry.allowDestroy) {
    return {
      allowed: false,
      why: "entry-forbids",
      message:
        `This plan destroys or replaces resources, and this repository's access entry does not allow destroy. ` +
        `Nothing was applied. Change okctl.yaml so nothing is destroyed, or ask your platform team to allow destroy for this repository.`,
    };
  }
  if (!labels.includes(ALLOW_DESTROY_LABEL)) {
    return {
      allowed: false,
      why: "label-missing",
      message:
        `This plan destroys or replaces resources, and the ${on === "drift-issue" ? "drift issue" : "pull request"} does not carry the label "${ALLOW_DESTROY_LABEL}". ` +
        `Nothing was applied. If the destruction is intended, add the label and comment "/okctl apply".`,
    };
  }
  return { allowed: true };
}

/** What the plan comment says happens next, before merge. */
export function nextStepsBeforeMerge(plan: Plan, entry: AccessEntry, labels: readonly string[]): NextSteps {
  if (plan.errors.length > 0) return { kind: "errors" };
  const { create, update, replace, delete: destroy } = plan.summary;
  if (create + update + replace + destroy === 0) return { kind: "no-changes" };
  const decision = destroyDecision(plan, entry, labels);
  if (decision.allowed) return { kind: "merge-to-apply", ...(entry.applyRequires === "approved" ? { needsApproval: true } : {}) };
  return decision.why === "entry-forbids" ? { kind: "not-allowed-to-destroy" } : { kind: "needs-label", label: ALLOW_DESTROY_LABEL };
}

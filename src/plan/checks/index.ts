// The kind-specific plan checks, listed by hand.
import type { PlanCheck, PlanCheckInput } from "./types.js";
import { eksVersionCheck } from "./eks-version.js";

export const PLAN_CHECKS: readonly PlanCheck[] = [eksVersionCheck];

/** Errors from every check registered for the resource's kind. */
export function runPlanChecks(input: PlanCheckInput, checks: readonly PlanCheck[] = PLAN_CHECKS): string[] {
  return checks.filter((check) => check.kind === input.desired.kind).flatMap((check) => check.check(input));
}

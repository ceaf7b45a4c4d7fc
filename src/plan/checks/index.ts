// The kind-specific plan checks, listed by hand.
import type { ActualResource } from "../../resources/types.js";
import type { ResourceChange } from "../types.js";
import { authenticationModeCheck } from "./authentication-mode.js";
import type { PlanCheck, PlanCheckInput, WholePlanCheck } from "./types.js";
import { eksVersionCheck } from "./eks-version.js";
import { lastAdminCheck } from "./last-admin.js";

export const PLAN_CHECKS: readonly PlanCheck[] = [eksVersionCheck, authenticationModeCheck];

export const WHOLE_PLAN_CHECKS: readonly WholePlanCheck[] = [lastAdminCheck];

/** Errors from the checks over the whole plan. */
export function runWholePlanChecks(input: { changes: readonly ResourceChange[]; kept: ReadonlyMap<string, ActualResource> }): string[] {
  return WHOLE_PLAN_CHECKS.flatMap((check) => check.check(input));
}

/** Errors from every check registered for the resource's kind. */
export function runPlanChecks(input: PlanCheckInput, checks: readonly PlanCheck[] = PLAN_CHECKS): string[] {
  return checks.filter((check) => check.kind === input.desired.kind).flatMap((check) => check.check(input));
}

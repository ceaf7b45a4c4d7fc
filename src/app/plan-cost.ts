// The cost estimate shown with a pull request's plan. Never stops a plan: without a price source,
// or when prices cannot be read, the estimate says it is unavailable.
import { planCost } from "../cost/plan-cost.js";
import type { PlanCost } from "../cost/types.js";
import type { Plan } from "../plan/types.js";
import type { AppDeps } from "./deps.js";

export async function costOfPlan(deps: Pick<AppDeps, "readPrices">, plan: Plan): Promise<PlanCost> {
  if (!deps.readPrices) return { available: false, reason: "no price source is configured" };
  return planCost(plan, deps.readPrices);
}

// The plan's cost, or why there is none: prices are looked up for what the plan's resources use,
// and any failure to read them makes the estimate "unavailable" rather than stopping the plan.
import type { Plan } from "../plan/types.js";
import { estimateCost, priceKeysOf } from "./estimate.js";
import type { PlanCost, PriceKey } from "./types.js";

export type ReadPrices = (keys: readonly PriceKey[], region: string) => Promise<ReadonlyMap<string, number>>;

export async function planCost(plan: Plan, readPrices: ReadPrices): Promise<PlanCost> {
  const keys = priceKeysOf(plan);
  try {
    const prices = keys.length > 0 ? await readPrices(keys, plan.region) : new Map<string, number>();
    return estimateCost(plan, prices);
  } catch (error) {
    const name = error instanceof Error ? error.name : "Error";
    const message = error instanceof Error ? error.message : String(error);
    return { available: false, reason: `the AWS Price List could not be read (${name}: ${message.split("\n")[0]!.slice(0, 200)})` };
  }
}

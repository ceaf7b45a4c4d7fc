// Usage × prices → the plan's monthly cost before and after, per resource. Pure.
import type { Plan } from "../plan/types.js";
import { planUsage } from "./usage.js";
import { priceKeyId, type CostEstimate, type CostLine, type PriceKey, type Usage } from "./types.js";

/** Prices by priceKeyId; a key without an entry has no known price. */
export type Prices = ReadonlyMap<string, number>;

/** Every priced thing the plan's resources use, before or after: what to look up. */
export function priceKeysOf(plan: Plan): PriceKey[] {
  const { before, after } = planUsage(plan);
  const keys = new Map<string, PriceKey>();
  for (const usage of [...before, ...after]) keys.set(priceKeyId(usage.key), usage.key);
  if ([...keys.values()].some((key) => key.item === "nat-gateway-hour")) keys.set("nat-gateway-gb", { item: "nat-gateway-gb" });
  return [...keys.values()];
}

function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Sum of a resource's usages, or undefined (and missing) when one has no price. */
function monthly(usages: readonly Usage[], prices: Prices, missing: Set<string>): { total: number; complete: boolean } {
  let total = 0;
  let complete = true;
  for (const usage of usages) {
    const price = prices.get(priceKeyId(usage.key));
    if (price === undefined) {
      complete = false;
      missing.add(priceKeyId(usage.key));
      continue;
    }
    total += price * usage.quantity;
  }
  return { total, complete };
}

export function estimateCost(plan: Plan, prices: Prices): CostEstimate {
  const { before, after } = planUsage(plan);
  const missing = new Set<string>();
  const lines: CostLine[] = [];
  for (const change of plan.changes) {
    const was = before.filter((u) => u.resourceId === change.id);
    const will = after.filter((u) => u.resourceId === change.id);
    if (was.length === 0 && will.length === 0) continue;
    const beforeCost = was.length > 0 ? monthly(was, prices, missing) : undefined;
    const afterCost = will.length > 0 ? monthly(will, prices, missing) : undefined;
    const line: CostLine = {
      resourceId: change.id,
      kind: change.kind,
      description: (will.length > 0 ? will : was).map((u) => u.description).join(", "),
    };
    if (beforeCost) line.before = roundCents(beforeCost.total);
    if (afterCost) line.after = roundCents(afterCost.total);
    if ((beforeCost && !beforeCost.complete) || (afterCost && !afterCost.complete)) line.missing = true;
    lines.push(line);
  }
  const sum = (side: "before" | "after") => roundCents(lines.reduce((total, line) => total + (line[side] ?? 0), 0));
  const notes: string[] = [];
  const natPerGb = prices.get("nat-gateway-gb");
  if (after.some((u) => u.key.item === "nat-gateway-hour")) {
    notes.push(natPerGb !== undefined ? `NAT gateways: plus $${natPerGb.toFixed(3)} per GB processed` : "NAT gateways: plus a charge per GB processed");
  }
  if (after.some((u) => u.key.item === "hosted-zone-month")) notes.push("Route 53: DNS queries are billed by use");
  if (plan.changes.some((c) => c.kind === "certificate" && c.action !== "delete")) notes.push("ACM public certificates are free");
  if (plan.changes.some((c) => c.kind === "parameter" && c.action !== "delete")) notes.push("SSM parameters: standard tier, free");
  notes.push("Data transfer, EBS snapshots, load balancers and anything the cluster's workloads create are not included");
  return { available: true, region: plan.region, currency: "USD", before: sum("before"), after: sum("after"), lines, notes, missing: [...missing].sort() };
}

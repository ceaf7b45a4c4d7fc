// The plan's hash: what was reviewed is what gets applied (a stale plan has another hash).
import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical.js";
import type { Plan } from "./types.js";

/** sha256 hex of the canonical JSON of the plan without its `hash` field. */
export function hashPlan(plan: Omit<Plan, "hash"> | Plan): string {
  const { hash: _ignored, ...content } = plan as Plan;
  return createHash("sha256").update(canonicalJson(content)).digest("hex");
}

// References between resources ({ $ref, output }) and their resolution against known outputs.
import type { DesiredValue, Json, Ref } from "../resources/types.js";
import type { PlanValue } from "./types.js";
import { UNKNOWN } from "./values.js";

export function isRef(value: unknown): value is Ref {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const record = value as Record<string, unknown>;
  return keys.length === 2 && typeof record.$ref === "string" && typeof record.output === "string";
}

/** Every Ref inside a desired value, in document order. */
export function refsIn(value: DesiredValue): Ref[] {
  if (isRef(value)) return [value];
  if (Array.isArray(value)) return value.flatMap((item) => refsIn(item));
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap((member) => refsIn(member));
  return [];
}

/** Known outputs of a resource, or undefined when they are known only after apply. */
export type OutputLookup = (ref: Ref) => Json | undefined;

/** Replaces every Ref by its output; an output that is not known yet becomes `{ unknown: true }`. */
export function resolveForPlan(value: DesiredValue, lookup: OutputLookup): PlanValue {
  if (isRef(value)) return lookup(value) ?? UNKNOWN;
  if (Array.isArray(value)) return value.map((item) => resolveForPlan(item, lookup)) as Json[];
  if (typeof value === "object" && value !== null) {
    const out: Record<string, PlanValue> = {};
    for (const [key, member] of Object.entries(value)) out[key] = resolveForPlan(member, lookup);
    return out as Json;
  }
  return value;
}

export class UnresolvedRefError extends Error {
  constructor(readonly ref: Ref) {
    super(`output "${ref.output}" of ${ref.$ref} is not available`);
    this.name = "UnresolvedRefError";
  }
}

/** Replaces every Ref by its output, at apply time, when every output must be known. */
export function resolveForApply(value: DesiredValue, lookup: OutputLookup): Json {
  const resolved = resolveForPlan(value, (ref) => {
    const output = lookup(ref);
    if (output === undefined) throw new UnresolvedRefError(ref);
    return output;
  });
  return resolved as Json;
}

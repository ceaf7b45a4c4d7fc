// The drift report of one declaration: from the plan of the declaration as merged against AWS,
// which resources and attributes no longer match (what is declared, what AWS has), the
// declaration values that would match AWS, and the cause when the caller knows it (a merge that
// was not applied). Pure.
import type { Declaration } from "../declaration/types.js";
import type { Plan, ResourceChange } from "../plan/types.js";
import { matchingValues } from "./matching-values.js";
import { withSourceLines } from "./source-lines.js";
import type { DriftCause, DriftedAttribute, DriftedResource, DriftKind, DriftReport } from "./types.js";

export type { DriftCause, DriftReport, DriftedResource, DriftedAttribute, MatchingValue, Unmatchable } from "./types.js";

export interface DriftReportOptions {
  /** The declaration the plan was computed from (as merged on the default branch). */
  declaration: Declaration;
  /** Why AWS differs, when known (a merge whose plan was not applied). */
  cause?: DriftCause;
  /** The declaration's YAML text: each value that would match AWS then carries its line. */
  source?: string;
}

function driftKind(change: ResourceChange): DriftKind {
  if (change.action === "create") return "missing";
  if (change.action === "delete") return "unexpected";
  return "changed";
}

function driftedAttributes(change: ResourceChange, drift: DriftKind): DriftedAttribute[] {
  return change.attributes.map((attribute) => {
    const result: DriftedAttribute = { attribute: attribute.attribute };
    // The plan's `before` is what AWS has, its `after` what the declaration asks for.
    if (drift !== "unexpected" && attribute.after !== undefined) result.declared = attribute.after;
    if (drift !== "missing" && attribute.before !== undefined) result.inAws = attribute.before;
    if (attribute.forcesReplacement) result.forcesReplacement = true;
    return result;
  });
}

function driftedResource(change: ResourceChange & { action: Exclude<ResourceChange["action"], "no-op"> }): DriftedResource {
  const drift = driftKind(change);
  return {
    id: change.id,
    kind: change.kind,
    name: change.name,
    ...(change.physicalId ? { physicalId: change.physicalId } : {}),
    drift,
    action: change.action,
    attributes: driftedAttributes(change, drift),
  };
}

/** The drift report of `plan`, the plan of `options.declaration` against AWS. */
export function driftReport(plan: Plan, options: DriftReportOptions): DriftReport {
  const resources = plan.changes
    .filter((change): change is ResourceChange & { action: Exclude<ResourceChange["action"], "no-op"> } => change.action !== "no-op")
    .map(driftedResource);
  const drifted = resources.length > 0;
  const matching = matchingValues(options.declaration, plan.cluster, resources);
  return {
    drifted,
    cluster: plan.cluster,
    accountId: plan.accountId,
    region: plan.region,
    repository: plan.repository,
    summary: plan.summary,
    resources,
    matchingValues: options.source === undefined ? matching.values : withSourceLines(matching.values, options.source),
    unmatchable: matching.unmatchable,
    errors: [...plan.errors],
    ...(drifted && options.cause ? { cause: options.cause } : {}),
    plan,
  };
}

// A kind-specific rule the generic comparison cannot express (e.g. EKS upgrades one minor at a time).
import type { ActualResource, DesiredResource, ResourceKind } from "../../resources/types.js";
import type { ResourceChange } from "../types.js";

export interface PlanCheckInput {
  desired: DesiredResource;
  /** The existing resource of ours with the same id, if any. */
  actual: ActualResource | undefined;
  change: ResourceChange;
}

export interface PlanCheck {
  kind: ResourceKind;
  /** Plan errors (each a full sentence saying how to fix it); empty when all is well. */
  check(input: PlanCheckInput): string[];
}

/** A rule over the whole plan (e.g. the last admin must stay). */
export interface WholePlanCheck {
  check(input: { changes: readonly ResourceChange[]; kept: ReadonlyMap<string, ActualResource> }): string[];
}

// The plan: plain, serialisable data. Computed by plan.ts (pure), rendered by src/render/,
// executed by src/apply/. Nothing in here refers to AWS clients.
import type { DesiredValue, Json, ResourceKind } from "../resources/types.js";

/** "adopt": take over an existing resource the declaration names in `adopt` (tag it, then update it). */
export type Action = "create" | "update" | "replace" | "delete" | "no-op" | "adopt";

/** A value as shown in a plan: JSON, or a marker for what cannot or must not be shown. */
export type PlanValue = Json | { unknown: true } | { sensitive: true };

export interface AttributeChange {
  attribute: string;
  /** Absent for a create. */
  before?: PlanValue;
  /** Absent for a delete. */
  after?: PlanValue;
  /** True on the attribute(s) that force a replace. */
  forcesReplacement?: boolean;
}

export interface ResourceChange {
  /**
   * The logical id; for an extra copy of an id of ours found in AWS (debris of an interrupted
   * apply), "<id>#2", "<id>#3", … (always a delete).
   */
  id: string;
  kind: ResourceKind;
  name: string;
  action: Action;
  /** The AWS identifier, when the resource exists. */
  physicalId?: string;
  /** For create: every attribute (after only). For update/replace: changed ones. For delete: before. */
  attributes: AttributeChange[];
  /** Logical ids that must be applied before this one (for deletes: the reverse is used). */
  dependsOn: string[];
  /** What apply needs: the desired properties with unresolved references (absent for delete). */
  desired?: { properties: Record<string, DesiredValue>; tags: Record<string, string> };
  /** Outputs of the existing resource, to resolve references of others (absent for create). */
  outputs?: Record<string, Json>;
  /** Why, in words, for replace and for anything unusual. */
  reason?: string;
}

/** A resource okctl will not touch because another repository owns it. */
export interface Conflict {
  id: string;
  kind: ResourceKind;
  physicalId: string;
  ownerRepository: string;
  message: string;
}

/** Something a human must do, or know, that okctl does not do itself. */
export interface PlanNote {
  id: string;
  message: string;
}

export interface PlanSummary {
  create: number;
  update: number;
  replace: number;
  delete: number;
  /** Resources taken over (only present when there are some, so plans without adoption keep their hash). */
  adopt?: number;
}

export interface Plan {
  formatVersion: 1;
  cluster: string;
  accountId: string;
  region: string;
  repository: string;
  /** Every resource, desired or found, in dependency order (no-ops included). */
  changes: ResourceChange[];
  conflicts: Conflict[];
  notes: PlanNote[];
  /** Problems that make the plan unappliable (e.g. an EKS downgrade). */
  errors: string[];
  summary: PlanSummary;
  /** sha256 over everything above, canonically serialised. */
  hash: string;
}

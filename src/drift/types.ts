// The drift report: what in AWS no longer matches the declaration as merged, read from a plan of
// that declaration. Plain, serialisable data (the CLI prints it as JSON); rendered by
// src/render/drift-*.ts.
import type { Json, ResourceKind } from "../resources/types.js";
import type { Action, Plan, PlanSummary, PlanValue } from "../plan/types.js";

/**
 * Why AWS differs, when the caller knows: a merge whose plan was not applied (held, failed, or not
 * applied yet). Without a cause, the report says AWS was changed outside okctl.
 */
export interface DriftCause {
  /** "apply-retrying": the apply failed and okctl tries it again (at `retryAt`). */
  kind: "apply-failed" | "apply-retrying" | "apply-held" | "not-applied";
  pullRequest: { number: number; url: string; title?: string };
  /** The merge commit, when known. */
  commitSha?: string;
  /** One line of detail, e.g. the failed step's error. */
  detail?: string;
  /** With "apply-retrying": when okctl tries the apply again (ISO 8601). */
  retryAt?: string;
}

/** One attribute that differs: what the declaration says and what AWS has. */
export interface DriftedAttribute {
  attribute: string;
  /** Absent when AWS has the resource and the declaration does not. */
  declared?: PlanValue;
  /** Absent when the declaration has the resource and AWS does not. */
  inAws?: PlanValue;
  /** Bringing it back means replacing the resource. */
  forcesReplacement?: boolean;
}

/**
 * How a resource drifted: `missing` (declared, not in AWS: deleted by hand), `changed` (differs in
 * place, or so much it must be replaced), `unexpected` (in AWS, tagged as this cluster's, not
 * declared).
 */
export type DriftKind = "missing" | "changed" | "unexpected";

export interface DriftedResource {
  id: string;
  kind: ResourceKind;
  name: string;
  physicalId?: string;
  drift: DriftKind;
  /** What `/okctl apply` (or `okctl apply`) would do to bring it back. */
  action: Exclude<Action, "no-op">;
  attributes: DriftedAttribute[];
}

/**
 * A change to the declaration that would make it match AWS. `path` is a JSON pointer into the
 * declaration (e.g. `/eks/nodeGroups/0/desiredSize`); `display` the dotted form people read
 * (`eks.nodeGroups[0].desiredSize`).
 */
export type MatchingValue = (
  | { op: "set"; path: string; display: string; value: Json; declared?: Json; resources: string[] }
  | { op: "remove"; path: string; display: string; /** What the removed item is, e.g. `name: app/log-level`. */ item: string; resources: string[] }
  | { op: "add"; path: string; display: string; value: Json; resources: string[] }
) & {
  /**
   * With the declaration's text: the line of the value (of the list, for an addition); for a value
   * the file leaves at its default (`inFile: false`), the line of the nearest thing written above it.
   */
  line?: number;
  inFile?: false;
};

/** Drift the declaration cannot express (only applying brings it back), and why. */
export interface Unmatchable {
  resource: string;
  /** Absent when it is about the whole resource. */
  attribute?: string;
  reason: string;
}

export interface DriftReport {
  drifted: boolean;
  cluster: string;
  accountId: string;
  region: string;
  repository: string;
  /** What applying the declaration would do to bring AWS back. */
  summary: PlanSummary;
  resources: DriftedResource[];
  /** Declaration changes that would make it match AWS, in declaration order. */
  matchingValues: MatchingValue[];
  unmatchable: Unmatchable[];
  /** Problems that make the plan unappliable (conflicts, …): the drift may be incomplete. */
  errors: string[];
  cause?: DriftCause;
  /** The plan it was read from (rendered the same way as a pull request's plan). */
  plan: Plan;
}

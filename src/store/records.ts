// The store's records besides jobs: webhook deliveries, published plans, held applies, which open
// pull requests touch which cluster, and the apply audit trail.
import type { Plan } from "../plan/types.js";
import type { Json } from "../resources/types.js";

/** One webhook delivery, identified by GitHub's X-GitHub-Delivery header. */
export interface Delivery {
  id: string;
  event: string;
  receivedAt: Date;
}

/** One okctl.yaml of one pull request. */
export interface DeclarationRef {
  /** "owner/name". */
  repository: string;
  pullNumber: number;
  /** Path of the okctl.yaml in the repository, e.g. "okctl.yaml" or "prod/okctl.yaml". */
  declarationPath: string;
}

/** A plan as reviewers saw it on the pull request. */
export interface PublishedPlan extends DeclarationRef {
  headSha: string;
  planHash: string;
  plan: Plan;
  /** The sticky comment that shows it. */
  commentId?: number | null;
  publishedAt: Date;
}

/** The plan hash of one commit of a pull request, as last published for it. */
export interface PlannedCommit {
  headSha: string;
  planHash: string;
  publishedAt: Date;
}

/** A plan that differed at merge from the one reviewers saw; it waits for `/okctl apply`. */
export interface HeldApply extends DeclarationRef {
  clusterKey: string;
  mergeSha: string;
  mergedBy: string;
  planHash: string;
  plan: Plan;
  /** Why it was held, in words. */
  reason: string;
  heldAt: Date;
}

/** Which cluster a pull request's declaration plans, and whether the pull request is open. */
export interface PullRequestCluster extends DeclarationRef {
  /** Account + region + cluster name; see clusterKey(). */
  clusterKey: string;
  open: boolean;
}

export type ApplyResult = "succeeded" | "failed" | "refused" | "held";

export interface ApplyAuditEntry extends DeclarationRef {
  clusterKey: string;
  mergedBy: string;
  mergeSha: string;
  planHash: string;
  startedAt: Date;
  finishedAt: Date;
  result: ApplyResult;
  /** What ran: created/changed resources, durations, failures. */
  summary: Json;
}

export interface ApplyAuditRecord extends ApplyAuditEntry {
  id: string;
}

export interface ApplyAuditFilter {
  repository?: string;
  pullNumber?: number;
  clusterKey?: string;
  result?: ApplyResult;
  /** Newest first; at most this many (default 100). */
  limit?: number;
}

/** One round of retention (Store.prune): what is old enough to go. */
export interface PruneRequest {
  /** Deliveries received before this go, once no kept job refers to them. */
  deliveriesBefore: Date;
  /** Finished jobs (completed, dead, superseded) finished before this go; pending and leased jobs never do. */
  jobsBefore: Date;
  /**
   * Published plans of closed pull requests, published before this, go (with the closed pull
   * request's cluster entry); not while a held apply of the declaration waits.
   */
  plansBefore: Date;
  /** At most this many rows of each kind in one call (default 500): call again while a count reaches it. */
  limit?: number;
}

/** Rows deleted by one Store.prune call. The apply audit is never pruned. */
export interface PruneResult {
  deliveries: number;
  jobs: number;
  publishedPlans: number;
}

export const DEFAULT_PRUNE_LIMIT = 500;

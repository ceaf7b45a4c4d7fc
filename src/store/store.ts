// The durable store, in domain words. The webhook handler records deliveries and enqueues jobs;
// the worker leases and runs them; handlers keep published plans, held applies, open pull
// requests per cluster and the apply audit here. Every method is async so that a server
// implementation (PostgreSQL) can follow without changing callers. Time is always passed in.
import type { FailJobOptions, Job, JobFilter, JobStatistics, NewJob } from "./job.js";
import type { JobLease } from "./lease.js";
import type { Json } from "../resources/types.js";
import type {
  ApplyAuditEntry,
  ApplyAuditFilter,
  ApplyAuditRecord,
  Delivery,
  HeldApply,
  PlannedCommit,
  PruneRequest,
  PruneResult,
  PublishedPlan,
  PullRequestCluster,
} from "./records.js";

export interface DeliveryOutcome {
  /** False when the delivery had been recorded before: nothing was enqueued. */
  isNew: boolean;
  /** The jobs enqueued (a job whose dedupe key repeats an earlier one is not). */
  jobs: Job[];
}

export interface Store {
  // Deliveries
  /** True if the delivery is new, false if it was seen before. */
  recordDelivery(id: string, event: string, receivedAt: Date): Promise<boolean>;
  /**
   * Records the delivery and enqueues its jobs atomically; a seen delivery enqueues nothing, and
   * a job whose dedupe key repeats an earlier job's is not enqueued (see NewJob.dedupeKey).
   */
  recordDeliveryAndEnqueue(delivery: Delivery, jobs: readonly NewJob[]): Promise<DeliveryOutcome>;

  // Jobs
  /** The new job, or the earlier job it would repeat (see NewJob.dedupeKey). */
  enqueueJob(job: NewJob, now: Date): Promise<Job>;
  /**
   * The next runnable job, leased to `workerId` until now + leaseMs, or null. Respects `runAfter`,
   * queue order and serialisation, and coalesce keys; takes back jobs whose lease expired (a job
   * out of attempts then is dead instead).
   */
  leaseNextJob(workerId: string, leaseMs: number, now: Date): Promise<Job | null>;
  /** Extends the lease; false if the worker no longer holds it. */
  heartbeat(lease: JobLease, leaseMs: number, now: Date): Promise<boolean>;
  /** Completes a leased job (a refusal is a result too); false if the worker no longer holds it. */
  completeJob(lease: JobLease, result: Job["result"], now: Date): Promise<boolean>;
  /** Records a failure: pending again until retryAt, or dead when out of attempts or giving up. */
  failJob(lease: JobLease, error: string, options: FailJobOptions): Promise<boolean>;
  /**
   * Hands a leased job back at once (a worker stopping): pending and runnable now, without waiting
   * for the lease to expire; the handed-back lease does not count against the job's attempts.
   * False if the worker no longer holds it.
   */
  releaseJob(lease: JobLease, now: Date): Promise<boolean>;
  /** True while `lease` is the job's current lease and has not expired at `now`. */
  holdsLease(lease: JobLease, now: Date): Promise<boolean>;
  /**
   * The store as seen by the worker running a job: every write (deliveries, jobs, plans, held
   * applies, pull requests, audit) first checks, in the same transaction, that `lease` is still the
   * job's current lease, and rejects with LeaseLostError otherwise (nothing is written). Reads and
   * the job lifecycle methods above are unchanged.
   */
  withLease(lease: JobLease): Store;
  /**
   * An operator's retry of a dead job: pending again at `now`, with its attempts reset, its last
   * error kept; false (and nothing changed) unless the job is dead.
   */
  retryJob(jobId: string, now: Date): Promise<boolean>;
  getJob(jobId: string): Promise<Job | null>;
  /** Counts for metrics (one cheap aggregate query). */
  jobStatistics(): Promise<JobStatistics>;
  /** Resolves when the store answers and its schema is migrated for this code; rejects saying why not. */
  ping(): Promise<void>;
  listJobs(filter?: JobFilter): Promise<Job[]>;

  // Published plans (the merge-time hash check and the approval check)
  /**
   * Keeps the plan unless a later one is already saved; true if saved. Also keeps its head commit's
   * plan hash (the latest published for that commit), for publishedPlanCommits.
   */
  savePublishedPlan(plan: PublishedPlan): Promise<boolean>;
  latestPublishedPlan(repository: string, pullNumber: number, declarationPath: string): Promise<PublishedPlan | null>;
  /** Each head commit planned for the declaration with its latest plan hash, newest first (at most 1000). */
  publishedPlanCommits(repository: string, pullNumber: number, declarationPath: string): Promise<PlannedCommit[]>;

  // Held applies (waiting for `/okctl apply`)
  /** Replaces any held apply of the same declaration. */
  saveHeldApply(held: HeldApply): Promise<void>;
  /** Returns and removes the held apply: two takes never both get it. */
  takeHeldApply(repository: string, pullNumber: number, declarationPath: string): Promise<HeldApply | null>;

  // Open pull requests per cluster (re-plan after an apply)
  rememberPullRequestCluster(entry: PullRequestCluster): Promise<void>;
  openPullRequestsForCluster(clusterKey: string): Promise<PullRequestCluster[]>;
  /** Marks every declaration of the pull request closed (it was closed or merged). */
  closePullRequest(repository: string, pullNumber: number): Promise<void>;

  // Audit
  recordApplyAudit(entry: ApplyAuditEntry): Promise<ApplyAuditRecord>;
  listApplyAudit(filter?: ApplyAuditFilter): Promise<ApplyAuditRecord[]>;

  // Retention
  /**
   * One bounded round of retention (see PruneRequest): old deliveries, finished jobs and closed
   * pull requests' plans, at most `limit` rows of each, oldest first. Never the apply audit.
   */
  prune(request: PruneRequest): Promise<PruneResult>;

  /** A cached value (e.g. a price), or undefined when absent or expired at `now`. */
  cachedValue(key: string, now: Date): Promise<Json | undefined>;
  /** Keeps a value until `expiresAt` (replacing any earlier one of the key). */
  cacheValue(key: string, value: Json, expiresAt: Date): Promise<void>;

  close(): Promise<void>;
}

export type * from "./job.js";
export type * from "./records.js";
export { DEFAULT_PRUNE_LIMIT } from "./records.js";
export type { JobLease } from "./lease.js";
export { LeaseLostError, leaseOf } from "./lease.js";

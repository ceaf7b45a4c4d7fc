// Jobs: durable units of work run by the worker (src/store/worker.ts), leased for a while so a
// crashed worker's job is picked up again once its lease expires.
import type { Json } from "../resources/types.js";

/** What a job does; the worker picks its handler by kind. */
export type JobKind = "plan" | "apply" | "replan" | (string & {});

/**
 * pending: waiting to run (maybe not before `runAfter`); leased: a worker runs it;
 * completed: done (a refusal is a completed job too); dead: failed for good;
 * superseded: replaced by a newer job with the same coalesce key before it ran.
 */
export type JobState = "pending" | "leased" | "completed" | "dead" | "superseded";

export interface NewJob {
  kind: JobKind;
  /** What the job is about, for people and filters, e.g. "octo/infra#12:prod/okctl.yaml". */
  key: string;
  payload: Json;
  /**
   * Jobs sharing a queue run one at a time, in enqueue order; a job waits (never fails) while an
   * earlier one of its queue is pending or running. E.g. the apply queue of one cluster.
   */
  queue?: string;
  /**
   * At most one pending job per coalesce key: a newer job supersedes a pending one. A job is not
   * leased while another with its coalesce key is running, so they never overlap either.
   */
  coalesceKey?: string;
  /** Not before this instant (default: when enqueued). */
  runAfter?: Date;
  /** How many leases the job may take before it is dead (default 5). */
  maxAttempts?: number;
  /**
   * Among runnable jobs, a higher priority is leased first (default 0); background work (drift
   * checks) uses a negative one, so that it never delays a pull request's plan.
   */
  priority?: number;
  /**
   * What the job does, independent of the delivery that asked for it (e.g. a merge's repository
   * and commit). Not enqueued again while it would repeat the newest job with its coalesce key
   * (without a coalesce key: any job ever enqueued with this dedupe key); enqueueing then returns
   * that job and adds nothing.
   */
  dedupeKey?: string;
}

export interface Job {
  id: string;
  kind: JobKind;
  key: string;
  payload: Json;
  queue: string | null;
  coalesceKey: string | null;
  state: JobState;
  /** Leases taken so far, the current one included. */
  attempts: number;
  /** Grows with every lease (0 before the first): the current lease's fencing token, see lease.ts. */
  leaseToken: number;
  /** The current lease was taken over from a worker whose lease expired (it died or stalled). */
  leaseTakenOver: boolean;
  maxAttempts: number;
  /** See NewJob.priority. */
  priority: number;
  enqueuedAt: Date;
  runAfter: Date;
  leasedBy: string | null;
  leaseExpiresAt: Date | null;
  finishedAt: Date | null;
  result: Json | null;
  lastError: string | null;
  /** The webhook delivery that enqueued it, if any. */
  deliveryId: string | null;
  /** The newer job that replaced it, when superseded. */
  supersededBy: string | null;
  dedupeKey: string | null;
}

export interface JobFilter {
  state?: JobState | readonly JobState[];
  kind?: JobKind;
  key?: string;
  queue?: string;
  coalesceKey?: string;
  deliveryId?: string;
  /** Oldest first; at most this many (default: all). */
  limit?: number;
}

export interface FailJobOptions {
  now: Date;
  /** When to try again (default: now). Ignored once attempts are exhausted. */
  retryAt?: Date;
  /** Do not retry: the job is dead now (e.g. no handler, a payload that can never work). */
  giveUp?: boolean;
}

export const defaultMaxAttempts = 5;

/** What the store holds, for metrics: jobs by kind and state, and each queue's waiting and running jobs. */
export interface JobStatistics {
  counts: { kind: string; state: JobState; count: number }[];
  /** Queues with a pending or leased job; queue null: jobs outside any queue. */
  queues: { queue: string | null; waiting: number; running: number; oldestWaitingEnqueuedAt: Date | null }[];
}

/** A new job's priority: a whole number (default 0); anything else is a caller's bug. */
export function priorityOf(job: Pick<NewJob, "priority">): number {
  const priority = job.priority ?? 0;
  if (!Number.isInteger(priority) || Math.abs(priority) > 1_000_000) throw new Error(`priority must be a whole number, got ${priority}`);
  return priority;
}

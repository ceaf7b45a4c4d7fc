// What job handlers and the worker's callers see.
import type { Json } from "../resources/types.js";
import type { Job, JobKind } from "./job.js";
import type { JobLease } from "./lease.js";

/** pino-compatible: fields first, then the message. */
export interface WorkerLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface JobContext {
  workerId: string;
  /** The job's lease: writes for the job carry it (Store.withLease), so a run that lost it records nothing. */
  lease: JobLease;
  /**
   * Aborted when the worker loses the job's lease, the job passes its kind's deadline or stalls,
   * or the worker stops without waiting for the job. Every AWS and GitHub call made while the
   * handler runs gets it anyway (src/bounds/call-scope.ts).
   */
  signal: AbortSignal;
  /**
   * The job moved forward. Every answer from AWS or GitHub counts already; a handler that works
   * for long without calls says so here. The lease is renewed only while there is progress, so a
   * stalled job is taken over.
   */
  progress(): void;
  logger: WorkerLogger;
  now: () => Date;
}

/** What the worker tells about its jobs, for metrics. Every callback is optional and must not throw. */
export interface WorkerObserver {
  /** A job was leased; `takeover` when it was leased before and that lease expired (its worker died or stalled). */
  jobLeased?(job: Job, takeover: boolean): void;
  /** How a run ended, and how long it ran (seconds). */
  jobFinished?(job: Job, outcome: "completed" | "retry" | "dead" | "released" | "lease-lost", seconds: number): void;
}

/**
 * Runs one job. What it returns completes the job — an expected refusal is a result, not an
 * error. What it throws fails the job: retried with backoff, or dead at once for a
 * PermanentJobError or when out of attempts.
 */
export type JobHandler = (job: Job, ctx: JobContext) => Promise<Json | void>;

export type JobHandlers = Readonly<Partial<Record<JobKind, JobHandler>>>;

/** Thrown by a handler for a failure that retrying cannot fix (e.g. a malformed payload). */
export class PermanentJobError extends Error {
  override name = "PermanentJobError";
}

export const silentLogger: WorkerLogger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

/** The longest a job of each kind may run before it is aborted and fails (then retried). */
export const DEFAULT_JOB_DEADLINES_MS: Readonly<Record<string, number>> = {
  plan: 15 * 60_000,
  replan: 15 * 60_000,
  merge: 15 * 60_000,
  command: 10 * 60_000,
  // EKS: a cluster takes ~15 min to create, node groups ~10 min each, certificates wait for DNS.
  apply: 3 * 60 * 60_000,
};
/** For a kind not listed above. */
export const DEFAULT_JOB_DEADLINE_MS = 30 * 60_000;

/** A job aborted by the worker: past its deadline, or no progress for a whole lease. */
export class JobAbortedError extends Error {
  override name = "JobAbortedError";
}

/** 5 s, 10 s, 20 s … capped at 5 minutes. */
export function defaultRetryDelayMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 300_000);
}

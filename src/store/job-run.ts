// Running one leased job: the handler, a heartbeat while it runs, then complete or fail. Every
// write for the job carries its lease (see lease.ts): a run whose lease was taken over records
// nothing.
import { setMaxListeners } from "node:events";
import type { Json } from "../resources/types.js";
import type { Job } from "./job.js";
import { leaseOf } from "./lease.js";
import type { Store } from "./store.js";
import { CONCURRENT_CALL_LISTENERS, runInCallScope } from "../bounds/call-scope.js";
import { JobAbortedError, PermanentJobError, type JobHandlers, type WorkerLogger, type WorkerObserver } from "./worker-types.js";

export interface JobRunSettings {
  store: Store;
  handlers: JobHandlers;
  workerId: string;
  leaseMs: number;
  heartbeatMs: number;
  now: () => Date;
  logger: WorkerLogger;
  retryDelayMs: (attempts: number) => number;
  observer?: WorkerObserver | undefined;
  /** The job's deadline, from when its lease was taken. */
  deadlineMs: (kind: Job["kind"]) => number;
  /** A job with no progress for this long is stalled: aborted, and its lease is no longer renewed. */
  stallMs: number;
  /** After the job's signal is aborted, how long its handler has to give up before the job is failed anyway. */
  abortGraceMs: number;
}

export interface JobRun {
  job: Job;
  done: Promise<void>;
  /** Stop heartbeats and record nothing, as if the process died; the lease will expire. */
  abandon(): void;
  /**
   * Give the job back (the worker is stopping): abort the handler's signal, and once the handler
   * has stopped (or after graceMs) release the lease so another worker runs the job at once. A
   * handler that still finishes with a result completes the job instead.
   */
  handBack(graceMs: number): Promise<void>;
}

export type JobOutcome = "completed" | "retry" | "dead" | "released" | "lease-lost";

export function runJob(settings: JobRunSettings, job: Job): JobRun {
  const { store, leaseMs, now } = settings;
  const logger = settings.logger;
  const lease = leaseOf(job);
  const fields = { jobId: job.id, kind: job.kind, key: job.key, attempt: job.attempts };
  const controller = new AbortController();
  // Every AWS and GitHub call in flight listens on this signal (and removes its listener when it
  // ends): an apply runs many at once, so Node's default warning at 10 listeners is no leak here.
  setMaxListeners(CONCURRENT_CALL_LISTENERS, controller.signal);
  const startedAt = Date.now();
  let abandoned = false;
  let handingBack = false;
  const leasedAt = now().getTime();
  const deadlineMs = settings.deadlineMs(job.kind);
  // The lease is renewed only while the job makes progress: a job with no progress for stallMs
  // (longer than any bounded call with its retries) is aborted here, its lease lapses, and it is
  // taken over.
  let lastProgressAt = leasedAt;
  const progress = (): void => {
    lastProgressAt = now().getTime();
  };
  const abort = (error: Error): void => {
    if (controller.signal.aborted) return;
    logger.warn({ ...fields, reason: error.message }, "aborting the job");
    controller.abort(error);
  };

  const heartbeat = setInterval(() => {
    if (controller.signal.aborted) return;
    const at = now();
    if (at.getTime() - leasedAt >= deadlineMs) {
      return abort(new JobAbortedError(`the ${job.kind} job passed its deadline of ${Math.round(deadlineMs / 1000)} s`));
    }
    if (at.getTime() - lastProgressAt >= settings.stallMs) {
      return abort(new JobAbortedError(`the ${job.kind} job made no progress for ${Math.round(settings.stallMs / 1000)} s (a call that never answers?); its lease is left to lapse`));
    }
    store.heartbeat(lease, leaseMs, at).then(
      (held) => {
        if (held || controller.signal.aborted) return;
        logger.warn(fields, "lost the job's lease; another worker may run it");
        controller.abort(new Error(`lease on job ${job.id} lost`));
      },
      (error: unknown) => logger.warn({ ...fields, err: error }, "heartbeat failed"),
    );
  }, settings.heartbeatMs);

  function finished(outcome: JobOutcome): void {
    settings.observer?.jobFinished?.(job, outcome, (Date.now() - startedAt) / 1000);
  }

  async function release(): Promise<void> {
    const released = await store.releaseJob(lease, now());
    if (released) logger.info(fields, "job handed back: another worker runs it now");
    finished(released ? "released" : "lease-lost");
  }

  /** The handler's outcome; once the signal is aborted, the abort reason if the handler does not give up in time. */
  function handlerOutcome(handler: NonNullable<JobHandlers[string]>): Promise<Json> {
    const ctx = { workerId: settings.workerId, lease, signal: controller.signal, logger, now, progress };
    const running = runInCallScope({ signal: controller.signal, progress }, async () => (await handler(job, ctx)) ?? null);
    const givenUp = new Promise<never>((_, reject) => {
      const onAbort = (): void => {
        const timer = setTimeout(() => reject(controller.signal.reason), settings.abortGraceMs);
        void running.finally(() => clearTimeout(timer)).catch(() => {});
      };
      if (controller.signal.aborted) onAbort();
      else controller.signal.addEventListener("abort", onAbort, { once: true });
    });
    void givenUp.catch(() => {});
    return Promise.race([running, givenUp]);
  }

  async function run(): Promise<void> {
    const handler = settings.handlers[job.kind];
    let outcome: { result: Json } | { error: unknown };
    try {
      if (handler === undefined) throw new PermanentJobError(`no handler for job kind "${job.kind}"`);
      logger.info(fields, "job started");
      outcome = { result: await handlerOutcome(handler) };
    } catch (error) {
      outcome = { error };
    } finally {
      clearInterval(heartbeat);
    }
    if (abandoned) return;
    // A handler that swallowed the abort still failed: its work was cut short.
    if ("result" in outcome && controller.signal.reason instanceof JobAbortedError) outcome = { error: controller.signal.reason };
    if ("result" in outcome) {
      const recorded = await store.completeJob(lease, outcome.result, now());
      if (recorded) logger.info(fields, "job completed");
      else logger.warn(fields, "job finished after its lease was lost; result discarded");
      finished(recorded ? "completed" : "lease-lost");
      return;
    }
    if (handingBack) return release();
    const at = now();
    const giveUp = outcome.error instanceof PermanentJobError;
    const retryAt = new Date(at.getTime() + settings.retryDelayMs(job.attempts));
    const message = describeError(outcome.error);
    const recorded = await store.failJob(lease, message, { now: at, retryAt, giveUp });
    const willRetry = !giveUp && job.attempts < job.maxAttempts;
    logger.error({ ...fields, err: outcome.error, recorded, retryAt: willRetry ? retryAt.toISOString() : null }, willRetry ? "job failed; will retry" : "job failed for good");
    finished(!recorded ? "lease-lost" : willRetry ? "retry" : "dead");
  }

  const done = run().catch((error: unknown) => logger.error({ ...fields, err: error }, "could not record the job's outcome"));
  return {
    job,
    done,
    abandon() {
      abandoned = true;
      clearInterval(heartbeat);
      controller.abort(new Error("worker stopped"));
    },
    async handBack(graceMs) {
      handingBack = true;
      controller.abort(new Error("worker stopping: job handed back"));
      let timer: NodeJS.Timeout | undefined;
      const stopped = await Promise.race([done.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)))]);
      clearTimeout(timer);
      if (stopped) return;
      // The handler did not stop in time: hand the job back anyway; whatever it does later is
      // fenced out (its lease is no longer current).
      abandoned = true;
      clearInterval(heartbeat);
      await release().catch((error: unknown) => logger.error({ ...fields, err: error }, "could not hand the job back"));
    },
  };
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

// Running one leased job: the handler, a heartbeat while it runs, then complete or fail. Every
// write for the job carries its lease (see lease.ts): a run whose lease was taken over records
// nothing.
import type { Json } from "../resources/types.js";
import type { Job } from "./job.js";
import { leaseOf } from "./lease.js";
import type { Store } from "./store.js";
import { PermanentJobError, type JobHandlers, type WorkerLogger, type WorkerObserver } from "./worker-types.js";

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
  const startedAt = Date.now();
  let abandoned = false;
  let handingBack = false;

  const heartbeat = setInterval(() => {
    store.heartbeat(lease, leaseMs, now()).then(
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

  async function run(): Promise<void> {
    const handler = settings.handlers[job.kind];
    let outcome: { result: Json } | { error: unknown };
    try {
      if (handler === undefined) throw new PermanentJobError(`no handler for job kind "${job.kind}"`);
      logger.info(fields, "job started");
      const ctx = { workerId: settings.workerId, lease, signal: controller.signal, logger, now };
      outcome = { result: (await handler(job, ctx)) ?? null };
    } catch (error) {
      outcome = { error };
    } finally {
      clearInterval(heartbeat);
    }
    if (abandoned) return;
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

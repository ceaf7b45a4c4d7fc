// Running one leased job: the handler, a heartbeat while it runs, then complete or fail.
import type { Json } from "../resources/types.js";
import type { Job } from "./job.js";
import type { Store } from "./store.js";
import { PermanentJobError, type JobHandlers, type WorkerLogger } from "./worker-types.js";

export interface JobRunSettings {
  store: Store;
  handlers: JobHandlers;
  workerId: string;
  leaseMs: number;
  heartbeatMs: number;
  now: () => Date;
  logger: WorkerLogger;
  retryDelayMs: (attempts: number) => number;
}

export interface JobRun {
  job: Job;
  done: Promise<void>;
  /** Stop heartbeats and record nothing, as if the process died; the lease will expire. */
  abandon(): void;
}

export function runJob(settings: JobRunSettings, job: Job): JobRun {
  const { store, workerId, leaseMs, now } = settings;
  const logger = settings.logger;
  const fields = { jobId: job.id, kind: job.kind, key: job.key, attempt: job.attempts };
  const controller = new AbortController();
  let abandoned = false;

  const heartbeat = setInterval(() => {
    store.heartbeat(job.id, workerId, leaseMs, now()).then(
      (held) => {
        if (held || controller.signal.aborted) return;
        logger.warn(fields, "lost the job's lease; another worker may run it");
        controller.abort(new Error(`lease on job ${job.id} lost`));
      },
      (error: unknown) => logger.warn({ ...fields, err: error }, "heartbeat failed"),
    );
  }, settings.heartbeatMs);

  async function run(): Promise<void> {
    const handler = settings.handlers[job.kind];
    let outcome: { result: Json } | { error: unknown };
    try {
      if (handler === undefined) throw new PermanentJobError(`no handler for job kind "${job.kind}"`);
      logger.info(fields, "job started");
      const ctx = { workerId, signal: controller.signal, logger, now };
      outcome = { result: (await handler(job, ctx)) ?? null };
    } catch (error) {
      outcome = { error };
    } finally {
      clearInterval(heartbeat);
    }
    if (abandoned) return;
    if ("result" in outcome) {
      const recorded = await store.completeJob(job.id, workerId, outcome.result, now());
      if (recorded) logger.info(fields, "job completed");
      else logger.warn(fields, "job finished after its lease was lost; result discarded");
      return;
    }
    const at = now();
    const giveUp = outcome.error instanceof PermanentJobError;
    const retryAt = new Date(at.getTime() + settings.retryDelayMs(job.attempts));
    const message = describeError(outcome.error);
    const recorded = await store.failJob(job.id, workerId, message, { now: at, retryAt, giveUp });
    const willRetry = !giveUp && job.attempts < job.maxAttempts;
    logger.error({ ...fields, err: outcome.error, recorded, retryAt: willRetry ? retryAt.toISOString() : null }, willRetry ? "job failed; will retry" : "job failed for good");
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
  };
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

// The job worker: leases runnable jobs from the store, up to `concurrency` at a time, and runs
// each with its kind's handler (see job-run.ts). Polls every pollMs, and at once when a slot frees.
import type { Job, Store } from "./store.js";
import { runJob, type JobRun } from "./job-run.js";

const DEFAULT_STALL_MS = 120_000;
import { DEFAULT_JOB_DEADLINE_MS, DEFAULT_JOB_DEADLINES_MS, defaultRetryDelayMs, silentLogger, type JobHandlers, type WorkerLogger, type WorkerObserver } from "./worker-types.js";

export interface WorkerOptions {
  store: Store;
  handlers: JobHandlers;
  /** Unique per process: leases are held in its name. */
  workerId: string;
  /** How long a lease lasts without a heartbeat (default 60 s). */
  leaseMs?: number;
  /** How often a running job's lease is extended (default leaseMs / 3). */
  heartbeatMs?: number;
  /** How often to look for work when idle (default 1 s). */
  pollMs?: number;
  /** Jobs run at once (default 4). */
  concurrency?: number;
  now?: () => Date;
  logger?: WorkerLogger;
  /** Delay before retrying a job that threw on attempt n (default 5 s doubling, at most 5 min). */
  retryDelayMs?: (attempts: number) => number;
  /** Deadlines by job kind, over DEFAULT_JOB_DEADLINES_MS; a job past its deadline is aborted and fails. */
  deadlinesMs?: Readonly<Record<string, number>>;
  /** How long an aborted handler has to give up before its job is failed anyway (default 10 s). */
  abortGraceMs?: number;
  /**
   * A job with no progress (no AWS or GitHub answer, no ctx.progress()) for this long is stalled:
   * aborted, its lease no longer renewed. Default: 2 minutes (longer than an AWS call's timeouts
   * with its retries), or the lease if longer.
   */
  stallMs?: number;
  /** Told about leases and finished runs (metrics). */
  observer?: WorkerObserver;
}

export interface Worker {
  /** Resolves once this worker runs nothing and no job is runnable (jobs due later, or leased by another worker, do not count). */
  runUntilIdle(): Promise<void>;
  /**
   * Stops leasing and waits for running jobs. After timeoutMs (default: no limit) the rest are
   * abandoned: their signal is aborted, nothing is recorded, and their leases expire so that
   * another worker resumes them.
   *
   * With `handBack` (a graceful shutdown), running jobs are not waited for: their signal is aborted
   * at once and each is released as soon as its handler stops (at most timeoutMs, default 5 s,
   * later), so another worker resumes it without waiting for the lease to expire.
   */
  stop(options?: { timeoutMs?: number; handBack?: boolean }): Promise<void>;
}

export function startWorker(options: WorkerOptions): Worker {
  const leaseMs = options.leaseMs ?? 60_000;
  const concurrency = options.concurrency ?? 4;
  const pollMs = options.pollMs ?? 1_000;
  const logger = options.logger ?? silentLogger;
  if (!(concurrency >= 1)) throw new Error(`concurrency must be at least 1, got ${concurrency}`);
  const settings = {
    store: options.store,
    handlers: options.handlers,
    workerId: options.workerId,
    leaseMs,
    heartbeatMs: options.heartbeatMs ?? Math.max(1, Math.floor(leaseMs / 3)),
    now: options.now ?? (() => new Date()),
    logger,
    retryDelayMs: options.retryDelayMs ?? defaultRetryDelayMs,
    deadlineMs: (kind: string) => options.deadlinesMs?.[kind] ?? DEFAULT_JOB_DEADLINES_MS[kind] ?? DEFAULT_JOB_DEADLINE_MS,
    abortGraceMs: options.abortGraceMs ?? 10_000,
    stallMs: options.stallMs ?? Math.max(leaseMs, DEFAULT_STALL_MS),
    observer: options.observer,
  };

  const running = new Map<string, JobRun>();
  let finishedCount = 0;
  let stopping = false;
  // A waiter is settled only by a pass of the loop that began after it asked.
  let pass = 0;
  let idleWaiters: { since: number; resolve: () => void }[] = [];
  // Asked to look for work while a pass is running (runUntilIdle, a job that finished): the next
  // pass starts at once instead of after pollMs.
  let wakeRequested = false;
  const requestWake = (): void => {
    wakeRequested = true;
  };
  let wakeLoop: () => void = requestWake;

  function settleIdle(passStarted: number): void {
    const settled = idleWaiters.filter((waiter) => waiter.since < passStarted);
    idleWaiters = idleWaiters.filter((waiter) => waiter.since >= passStarted);
    for (const waiter of settled) waiter.resolve();
  }

  function start(job: Job): void {
    settings.observer?.jobLeased?.(job, job.leaseTakenOver);
    if (job.leaseTakenOver) logger.warn({ jobId: job.id, kind: job.kind, key: job.key, attempt: job.attempts }, "took over a job whose lease had expired");
    const run = runJob(settings, job);
    running.set(job.id, run);
    void run.done.finally(() => {
      running.delete(job.id);
      finishedCount++;
      wakeLoop();
    });
  }

  const lease = (): Promise<Job | null> => settings.store.leaseNextJob(settings.workerId, leaseMs, settings.now());

  /**
   * Leases until the slots are full or nothing is runnable; true if nothing was. One lease first
   * (an idle poll asks once); once that found work, the other free slots lease at the same time
   * (with a server store each lease is a round trip: filling four slots one after the other took
   * four).
   */
  async function fillSlots(): Promise<boolean> {
    while (!stopping && running.size < concurrency) {
      const job = await lease();
      if (job === null) return true;
      start(job);
      const free = concurrency - running.size;
      if (stopping || free <= 0) continue;
      const more = await Promise.allSettled(Array.from({ length: free }, lease));
      // Every job leased is run (or its lease would only lapse), even when another lease failed.
      for (const outcome of more) if (outcome.status === "fulfilled" && outcome.value !== null) start(outcome.value);
      const failed = more.find((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected");
      if (failed) throw failed.reason;
      if (more.some((outcome) => outcome.status === "fulfilled" && outcome.value === null)) return true;
    }
    return false;
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      wakeRequested = false;
      const passStarted = ++pass;
      const finishedBefore = finishedCount;
      let nothingRunnable = false;
      try {
        nothingRunnable = await fillSlots();
      } catch (error) {
        logger.error({ err: error, workerId: settings.workerId }, "could not lease a job");
      }
      // A job that finished meanwhile may have enqueued more work: only idle if none did.
      if (nothingRunnable && running.size === 0 && finishedCount === finishedBefore) settleIdle(passStarted);
      if (stopping) break;
      if (wakeRequested) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wakeLoop = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeLoop = requestWake;
    }
  }

  const looping = loop();
  logger.info({ workerId: settings.workerId, concurrency, leaseMs }, "worker started");

  return {
    runUntilIdle() {
      if (stopping) return Promise.resolve();
      const idle = new Promise<void>((resolve) => idleWaiters.push({ since: pass, resolve }));
      wakeLoop();
      return idle;
    },
    async stop(stopOptions = {}) {
      stopping = true;
      wakeLoop();
      await looping;
      if (stopOptions.handBack) {
        const handedBack = [...running.keys()];
        await Promise.all([...running.values()].map((run) => run.handBack(stopOptions.timeoutMs ?? 5_000)));
        settleIdle(Infinity);
        logger.info({ workerId: settings.workerId, handedBack }, "worker stopped; running jobs handed back");
        return;
      }
      const runs = [...running.values()];
      const allDone = Promise.all(runs.map((run) => run.done)).then(() => true);
      const timeoutMs = stopOptions.timeoutMs;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = timeoutMs === undefined ? new Promise<boolean>(() => {}) : new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
      const finished = await Promise.race([allDone, timedOut]);
      clearTimeout(timer);
      if (!finished) {
        for (const run of running.values()) run.abandon();
        logger.warn({ workerId: settings.workerId, abandoned: [...running.keys()] }, "stopped without waiting for running jobs");
      }
      settleIdle(Infinity);
      logger.info({ workerId: settings.workerId }, "worker stopped");
    },
  };
}

export { JobAbortedError, PermanentJobError, type JobContext, type JobHandler, type JobHandlers, type WorkerLogger, type WorkerObserver } from "./worker-types.js";

// Retention: the store keeps webhook deliveries for OKCTL_DELIVERY_RETENTION_DAYS (30) and
// finished jobs, with the published plans of closed pull requests, for OKCTL_JOB_RETENTION_DAYS
// (90); the apply audit is kept for good. A round runs every OKCTL_RETENTION_INTERVAL_MS (an
// hour), a minute after start first, as bounded batches (Store.prune) so that webhooks and
// workers never wait long; a running or waiting job is never pruned. Every replica may run it.
import type { PruneRequest, PruneResult, Store } from "../store/store.js";
import { DEFAULT_PRUNE_LIMIT } from "../store/store.js";
import { prunedRows } from "../metrics/metrics.js";
import type { AppLogger } from "./deps.js";

export interface RetentionSettings {
  deliveryDays: number;
  jobDays: number;
  intervalMs: number;
  /** Rows of each kind per batch (default 500). */
  batchSize?: number;
  /** Batches per round at most (default 100); what is left waits for the next round. */
  maxBatches?: number;
}

export const DEFAULT_RETENTION: RetentionSettings = { deliveryDays: 30, jobDays: 90, intervalMs: 60 * 60 * 1000 };
export const RETENTION_ENV = {
  deliveryDays: "OKCTL_DELIVERY_RETENTION_DAYS",
  jobDays: "OKCTL_JOB_RETENTION_DAYS",
  intervalMs: "OKCTL_RETENTION_INTERVAL_MS",
} as const;
const FIRST_ROUND_DELAY_MS = 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Throws naming the variable when one is set but not a positive whole number. */
export function retentionFromEnv(env: NodeJS.ProcessEnv): RetentionSettings {
  const read = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined) return fallback;
    if (!/^\d{1,9}$/.test(raw.trim()) || Number(raw) <= 0) throw new Error(`${name} must be a positive whole number, not "${raw}"`);
    return Number(raw);
  };
  return {
    deliveryDays: read(RETENTION_ENV.deliveryDays, DEFAULT_RETENTION.deliveryDays),
    jobDays: read(RETENTION_ENV.jobDays, DEFAULT_RETENTION.jobDays),
    intervalMs: read(RETENTION_ENV.intervalMs, DEFAULT_RETENTION.intervalMs),
  };
}

export function retentionCutoffs(now: Date, settings: RetentionSettings): PruneRequest {
  const jobsBefore = new Date(now.getTime() - settings.jobDays * DAY_MS);
  return {
    deliveriesBefore: new Date(now.getTime() - settings.deliveryDays * DAY_MS),
    jobsBefore,
    plansBefore: jobsBefore,
    limit: settings.batchSize ?? DEFAULT_PRUNE_LIMIT,
  };
}

export interface PruneRound {
  pruned: PruneResult;
  batches: number;
}

/** Batches until one deletes less than a full batch of each kind, or maxBatches. */
export async function pruneRound(store: Store, now: Date, settings: RetentionSettings): Promise<PruneRound> {
  const request = retentionCutoffs(now, settings);
  const limit = request.limit ?? DEFAULT_PRUNE_LIMIT;
  const pruned: PruneResult = { deliveries: 0, jobs: 0, publishedPlans: 0 };
  const maxBatches = settings.maxBatches ?? 100;
  let batches = 0;
  while (batches < maxBatches) {
    const batch = await store.prune(request);
    batches++;
    for (const kind of ["deliveries", "jobs", "publishedPlans"] as const) {
      pruned[kind] += batch[kind];
      prunedRows.inc({ kind }, batch[kind]);
    }
    if (batch.deliveries < limit && batch.jobs < limit && batch.publishedPlans < limit) break;
  }
  return { pruned, batches };
}

export interface Retention {
  /** Resolves when no round is running. */
  idle(): Promise<void>;
  /** No further rounds; waits for a running one. */
  stop(): Promise<void>;
}

export interface RetentionOptions {
  store: Store;
  now: () => Date;
  log: AppLogger;
  settings: RetentionSettings;
}

export function startRetention(options: RetentionOptions): Retention {
  let current: Promise<void> = Promise.resolve();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const round = async (): Promise<void> => {
    try {
      const result = await pruneRound(options.store, options.now(), options.settings);
      const { pruned } = result;
      if (pruned.deliveries + pruned.jobs + pruned.publishedPlans > 0) {
        options.log.info({ pruned, batches: result.batches }, "retention: pruned old deliveries, finished jobs and closed pull requests' plans");
      }
    } catch (error) {
      options.log.warn({ err: error }, "retention: pruning failed; trying again at the next round");
    }
  };
  const schedule = (delayMs: number): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = round().then(() => schedule(options.settings.intervalMs));
    }, delayMs);
    timer.unref(); // never keeps the process alive
  };
  schedule(Math.min(FIRST_ROUND_DELAY_MS, options.settings.intervalMs));
  return {
    idle: () => current,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}

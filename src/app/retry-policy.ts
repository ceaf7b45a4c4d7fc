// How long merge and apply jobs keep trying: a merge must survive a long GitHub or AWS outage
// (at least 6 hours) and restarts (the schedule is in the store: each job's attempts and runAfter).
import { defaultRetryDelayMs } from "../store/worker-types.js";

/** The least time a merge or apply job keeps retrying before it gives up (and is held and reported). */
export const DURABLE_RETRY_WINDOW_MS = 6 * 60 * 60 * 1000;

/** Attempts of a merge or apply job: with the worker's backoff (5 s doubling, then every 5 minutes), over 6 hours. */
export const DURABLE_JOB_ATTEMPTS = 80;

/** Attempts of the job that reports a given-up merge or apply: it waits for GitHub for days. */
export const REPORT_JOB_ATTEMPTS = 1_000;

/**
 * Attempts of a plan or command job that GitHub answers 404 or 410 (the repository or pull request
 * gone, or no longer shared with the app) before it fails for good: GitHub's replication lag can
 * hide a pull request from a read right after its webhook, for a second or two, so the answer is
 * asked again after 5 and 10 s (the worker's backoff), not for minutes.
 */
export const NOT_FOUND_ATTEMPTS = 3;

/** The worker's delay before retrying a job that failed on attempt n: `firstMs` (default 5 s) doubling, at most 60 times it (5 minutes by default). */
export function retryDelayFrom(firstMs: number): (attempts: number) => number {
  return (attempts) => (defaultRetryDelayMs(attempts) * firstMs) / defaultRetryDelayMs(1);
}

/** The time from the first attempt to the last, with the worker's default backoff. */
export function retrySpanMs(attempts: number, delayMs: (attempt: number) => number = defaultRetryDelayMs): number {
  let total = 0;
  for (let attempt = 1; attempt < attempts; attempt++) total += delayMs(attempt);
  return total;
}

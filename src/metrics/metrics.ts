// okctl's Prometheus metrics, in one registry of its own (GET /metrics, see operations.ts).
// Counters and histograms are process-wide and cheap to update on any path; the figures that
// live in the store (jobs by state, queue depth and age) are read from it when scraped.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { JobStatistics } from "../store/store.js";

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: "okctl_" });

export const webhookDeliveries = new Counter({
  name: "okctl_webhook_deliveries_total",
  help: "Webhook deliveries by event and outcome: recorded (jobs enqueued), duplicate (seen before), ignored (nothing to do), rejected (4xx: bad signature, too large, malformed), failed (5xx: could not be recorded).",
  labelNames: ["event", "outcome"] as const,
  registers: [registry],
});

export const jobDuration = new Histogram({
  name: "okctl_job_duration_seconds",
  help: "How long job runs took on this replica, by kind and how they ended (completed, retry, dead, released, lease-lost).",
  labelNames: ["kind", "outcome"] as const,
  buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600],
  registers: [registry],
});

export const deadJobs = new Counter({
  name: "okctl_jobs_dead_total",
  help: "Jobs this replica declared dead (failed for good; `okctl jobs retry` revives one), by kind.",
  labelNames: ["kind"] as const,
  registers: [registry],
});

export const leaseTakeovers = new Counter({
  name: "okctl_job_lease_takeovers_total",
  help: "Jobs this replica took over because the lease of the worker running them expired (it died or stalled), by kind.",
  labelNames: ["kind"] as const,
  registers: [registry],
});

export const awsCalls = new Counter({
  name: "okctl_aws_calls_total",
  help: "AWS API calls by service and operation.",
  labelNames: ["service", "operation"] as const,
  registers: [registry],
});

export const awsCallErrors = new Counter({
  name: "okctl_aws_call_errors_total",
  help: "AWS API calls that failed (after the SDK's retries), by service, operation and error name.",
  labelNames: ["service", "operation", "error"] as const,
  registers: [registry],
});

export const githubRequests = new Counter({
  name: "okctl_github_requests_total",
  help: "GitHub API requests by method and route (the route template, e.g. /repos/{owner}/{repo}/check-runs).",
  labelNames: ["method", "route"] as const,
  registers: [registry],
});

export const githubRequestErrors = new Counter({
  name: "okctl_github_request_errors_total",
  help: "GitHub API requests that failed, by method, route and HTTP status (0: no answer).",
  labelNames: ["method", "route", "status"] as const,
  registers: [registry],
});

const storeUp = new Gauge({
  name: "okctl_store_up",
  help: "1 if the store answered the last scrape's queries, else 0 (then the job and queue gauges are absent).",
  registers: [registry],
});

const jobs = new Gauge({
  name: "okctl_jobs",
  help: "Jobs in the store by kind and state (pending, leased, completed, dead, superseded); shared by every replica of one store.",
  labelNames: ["kind", "state"] as const,
  registers: [registry],
});

const queueWaiting = new Gauge({
  name: "okctl_queue_waiting_jobs",
  help: "Jobs waiting (pending) per queue; queue=\"\" for jobs outside any queue. Cluster apply queues are cluster:<account>/<region>/<name>.",
  labelNames: ["queue"] as const,
  registers: [registry],
});

const queueRunning = new Gauge({
  name: "okctl_queue_running_jobs",
  help: "Jobs running (leased) per queue.",
  labelNames: ["queue"] as const,
  registers: [registry],
});

const queueOldest = new Gauge({
  name: "okctl_queue_oldest_waiting_seconds",
  help: "Age of the oldest waiting job per queue: how long the queue has not moved for it.",
  labelNames: ["queue"] as const,
  registers: [registry],
});

/** Sets the store-derived gauges from a fresh reading (a queue that emptied disappears); null: the store did not answer. */
export function setStoreGauges(statistics: JobStatistics | null, now: Date): void {
  jobs.reset();
  queueWaiting.reset();
  queueRunning.reset();
  queueOldest.reset();
  storeUp.set(statistics === null ? 0 : 1);
  if (statistics === null) return;
  for (const { kind, state, count } of statistics.counts) jobs.set({ kind, state }, count);
  for (const queue of statistics.queues) {
    const label = { queue: queue.queue ?? "" };
    queueWaiting.set(label, queue.waiting);
    queueRunning.set(label, queue.running);
    if (queue.oldestWaitingEnqueuedAt !== null) queueOldest.set(label, Math.max(0, (now.getTime() - queue.oldestWaitingEnqueuedAt.getTime()) / 1000));
  }
}

/** A label value from outside (an error name, an event header) kept short and printable. */
export function labelValue(value: string | undefined, fallback = "unknown"): string {
  const cleaned = (value ?? "").replace(/[^\w.:/{}-]/g, "").slice(0, 80);
  return cleaned === "" ? fallback : cleaned;
}

export const prunedRows = new Counter({
  name: "okctl_pruned_rows_total",
  help: "Rows retention deleted from the store (src/app/retention.ts), by kind: deliveries, jobs, publishedPlans.",
  labelNames: ["kind"] as const,
  registers: [registry],
});

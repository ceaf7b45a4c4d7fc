// The Probot application: thin webhook handlers that record the delivery and its jobs in one
// transaction (a redelivery does nothing twice), and a worker that runs the jobs.
import type { ApplicationFunction, Logger, Probot } from "probot";
import type { NewJob } from "../store/store.js";
import { startWorker, type Worker } from "../store/worker.js";
import type { AppDeps } from "./deps.js";
import { jobHandlers } from "./job-handlers.js";
import { jobsForIssueComment, jobsForPullRequest, jobsForPush } from "./webhook-jobs.js";
import { webhookReceiver, type ReceivedEvent } from "./webhook-receiver.js";
import { webhookDeliveries } from "../metrics/metrics.js";
import { instrumentOctokit } from "../metrics/github.js";
import { sendInCallersScope } from "../bounds/github-fetch.js";
import { metricsObserver } from "../metrics/worker-observer.js";
import { operationsHandler } from "./operations.js";
import { scheduleDriftRounds } from "./drift/scheduler.js";
import { startRetention, type Retention, type RetentionSettings } from "./retention.js";
import { listActiveInstallations } from "../github/index.js";

export interface OkctlAppOptions extends Omit<AppDeps, "octokitFor" | "log" | "listInstallations"> {
  /** Drift rounds every intervalMs (0: none); scheduled by replicas that run a worker. */
  drift?: { intervalMs: number };
  worker?: { workerId: string; leaseMs?: number; pollMs?: number; concurrency?: number; retryDelayMs?: (attempts: number) => number } | false;
  /** Receives the started worker, so the caller can stop it on shutdown. */
  onWorker?(worker: Worker): void;
  /** Prune old deliveries, finished jobs and closed pull requests' plans on a timer (src/app/retention.ts). */
  retention?: RetentionSettings | false;
  onRetention?(retention: Retention): void;
  /** Serve deliveries on this path with okctl's own endpoint (src/app/webhook-receiver.ts) instead of Probot's. */
  webhookEndpoint?: { path: string; secret: string };
  /** Serve GET /healthz, /readyz and /metrics (src/app/operations.ts). */
  operations?: { metricsToken?: string | undefined; stopping(): boolean };
}

async function record(deps: Pick<AppDeps, "store" | "now">, log: Pick<Logger, "info">, event: ReceivedEvent): Promise<void> {
  const jobs: NewJob[] =
    event.name === "push" ? jobsForPush(event.payload) : event.name === "pull_request" ? jobsForPullRequest(event.payload) : jobsForIssueComment(event.payload);
  if (jobs.length === 0) {
    webhookDeliveries.inc({ event: event.name, outcome: "ignored" });
    return; // nothing to do: not even a delivery row
  }
  const outcome = await deps.store.recordDeliveryAndEnqueue({ id: event.id, event: event.name, receivedAt: deps.now() }, jobs);
  webhookDeliveries.inc({ event: event.name, outcome: outcome.isNew ? "recorded" : "duplicate" });
  log.info({ delivery: event.id, event: event.name, jobs: outcome.jobs.map((job) => job.key), duplicate: !outcome.isNew }, "webhook recorded");
}

export function okctlApp(options: OkctlAppOptions): ApplicationFunction {
  return (app: Probot, appOptions) => {
    const deps: AppDeps = {
      ...options,
      octokitFor: async (installationId) => sendInCallersScope(instrumentOctokit(await app.auth(installationId))),
      listInstallations: async () => listActiveInstallations(instrumentOctokit(await app.auth())),
      log: app.log,
    };
    app.on("pull_request", (context) => record(deps, context.log, { id: context.id, name: "pull_request", payload: context.payload }));
    app.on("push", (context) => record(deps, context.log, { id: context.id, name: "push", payload: context.payload }));
    app.on("issue_comment", (context) => record(deps, context.log, { id: context.id, name: "issue_comment", payload: context.payload }));
    if (options.webhookEndpoint) {
      const log = app.log.child({ name: "event" });
      appOptions.addHandler(webhookReceiver({ ...options.webhookEndpoint, log, record: (event) => record(deps, log, event) }));
    }
    if (options.operations) {
      const { metricsToken, stopping } = options.operations;
      appOptions.addHandler(operationsHandler({ store: options.store, now: options.now, accessConfigLoaded: () => options.accessConfig !== undefined, stopping, metricsToken }));
    }
    if (options.worker) {
      const worker = startWorker({ store: options.store, handlers: jobHandlers(deps), logger: app.log, now: options.now, observer: metricsObserver, ...options.worker });
      const intervalMs = options.drift?.intervalMs ?? 0;
      const drift = intervalMs > 0 ? scheduleDriftRounds({ store: options.store, intervalMs, now: options.now, log: app.log }) : undefined;
      // Stopping the worker stops scheduling rounds too.
      options.onWorker?.({ ...worker, stop: async (stopOptions) => (drift?.stop(), worker.stop(stopOptions)) });
    }
    if (options.retention) {
      const retention = startRetention({ store: options.store, now: options.now, log: app.log.child({ name: "retention" }), settings: options.retention });
      options.onRetention?.(retention);
    }
  };
}

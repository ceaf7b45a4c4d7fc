// The Probot application: thin webhook handlers that record the delivery and its jobs in one
// transaction (a redelivery does nothing twice), and a worker that runs the jobs.
import type { ApplicationFunction, Context, Probot } from "probot";
import type { NewJob } from "../store/store.js";
import { startWorker, type Worker } from "../store/worker.js";
import type { AppDeps } from "./deps.js";
import { jobHandlers } from "./job-handlers.js";
import { jobsForIssueComment, jobsForPullRequest, jobsForPush } from "./webhook-jobs.js";

export interface OkctlAppOptions extends Omit<AppDeps, "octokitFor" | "log"> {
  worker?: { workerId: string; leaseMs?: number; pollMs?: number; concurrency?: number } | false;
  /** Receives the started worker, so the caller can stop it on shutdown. */
  onWorker?(worker: Worker): void;
}

async function record(deps: Pick<AppDeps, "store" | "now">, context: Context, jobs: NewJob[]): Promise<void> {
  if (jobs.length === 0) return; // nothing to do: not even a delivery row
  const outcome = await deps.store.recordDeliveryAndEnqueue({ id: context.id, event: context.name, receivedAt: deps.now() }, jobs);
  context.log.info({ delivery: context.id, event: context.name, jobs: outcome.jobs.map((job) => job.key), duplicate: !outcome.isNew }, "webhook recorded");
}

export function okctlApp(options: OkctlAppOptions): ApplicationFunction {
  return (app: Probot) => {
    const deps: AppDeps = { ...options, octokitFor: (installationId) => app.auth(installationId), log: app.log };
    app.on("pull_request", (context) => record(deps, context, jobsForPullRequest(context.payload)));
    app.on("push", (context) => record(deps, context, jobsForPush(context.payload)));
    app.on("issue_comment", (context) => record(deps, context, jobsForIssueComment(context.payload)));
    if (options.worker) {
      const worker = startWorker({ store: options.store, handlers: jobHandlers(deps), logger: app.log, now: options.now, ...options.worker });
      options.onWorker?.(worker);
    }
  };
}

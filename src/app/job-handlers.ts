// The worker's handlers: one per job kind, each calling its use case with the app's dependencies.
// The use cases (and through them the engine and the AWS SDK clients, ~100 MB of code, the EC2
// client alone ~80 MB) load on the first job, not at start-up: a server that only acknowledges
// deliveries never needs them.
import type { Job } from "../store/store.js";
import type { JobContext, JobHandlers } from "../store/worker.js";
import type { AppDeps } from "./deps.js";
import { fencedDeps } from "./fenced-deps.js";
import type { ApplyJobPayload, CommandJobPayload, MergeJobPayload, PlanJobPayload } from "./job-payloads.js";

/** A job's payload, as the webhook handler stored it (src/app/webhook-jobs.ts builds them). */
function payloadOf<T>(job: Job): T {
  return job.payload as unknown as T;
}

export function jobHandlers(app: AppDeps): JobHandlers {
  // Each run writes (store and GitHub) only while it holds the job's lease.
  const forJob = (ctx: JobContext): AppDeps => fencedDeps(app, ctx.lease);
  return {
    plan: async (job, ctx) => (await import("./jobs/plan-pull-request.js")).runPlanJob(forJob(ctx), payloadOf<PlanJobPayload>(job), `job${job.id}`),
    merge: async (job, ctx) => (await import("./jobs/merge.js")).runMergeJob(forJob(ctx), payloadOf<MergeJobPayload>(job)),
    apply: async (job, ctx) =>
      (await import("./jobs/apply.js")).runApplyJob(forJob(ctx), payloadOf<ApplyJobPayload>(job), {
        runId: `job${job.id}-${job.attempts}`,
        attempts: job.attempts,
        signal: ctx.signal,
      }),
    command: async (job, ctx) => (await import("./jobs/command.js")).runCommandJob(forJob(ctx), payloadOf<CommandJobPayload>(job)),
  };
}

// The worker's handlers: one per job kind, each calling its use case with the app's dependencies.
import type { Job } from "../store/store.js";
import type { JobHandlers } from "../store/worker.js";
import type { AppDeps } from "./deps.js";
import type { ApplyJobPayload, CommandJobPayload, MergeJobPayload, PlanJobPayload } from "./job-payloads.js";
import { runApplyJob } from "./jobs/apply.js";
import { runCommandJob } from "./jobs/command.js";
import { runMergeJob } from "./jobs/merge.js";
import { runPlanJob } from "./jobs/plan-pull-request.js";

/** A job's payload, as the webhook handler stored it (src/app/webhook-jobs.ts builds them). */
function payloadOf<T>(job: Job): T {
  return job.payload as unknown as T;
}

export function jobHandlers(deps: AppDeps): JobHandlers {
  return {
    plan: (job) => runPlanJob(deps, payloadOf<PlanJobPayload>(job), `job${job.id}`),
    merge: (job) => runMergeJob(deps, payloadOf<MergeJobPayload>(job)),
    apply: (job, ctx) => runApplyJob(deps, payloadOf<ApplyJobPayload>(job), { runId: `job${job.id}-${job.attempts}`, attempts: job.attempts, signal: ctx.signal }),
    command: (job) => runCommandJob(deps, payloadOf<CommandJobPayload>(job)),
  };
}

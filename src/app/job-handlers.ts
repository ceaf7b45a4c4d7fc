// The worker's handlers: one per job kind, each calling its use case with the app's dependencies.
// The use cases (and through them the engine and the AWS SDK clients, ~100 MB of code, the EC2
// client alone ~80 MB) load on the first job, not at start-up: a server that only acknowledges
// deliveries never needs them.
import type { Job } from "../store/store.js";
import { PermanentJobError, type JobContext, type JobHandler, type JobHandlers } from "../store/worker.js";
import type { AppDeps } from "./deps.js";
import { fencedDeps } from "./fenced-deps.js";
import { asJobFailure, failureText, goneFromGitHub, goneText, installationGone } from "./job-failure.js";
import { asJson, type ApplyJobPayload, type CommandJobPayload, type MergeJobPayload, type PlanJobPayload, type RepoJob } from "./job-payloads.js";
import { NOT_FOUND_ATTEMPTS, REPORT_JOB_ATTEMPTS } from "./retry-policy.js";
import type { GaveUpJobPayload } from "./jobs/gave-up.js";
import type { DriftCheckPayload, DriftRepositoryPayload, DriftRoundPayload } from "./drift/jobs.js";

/** A job's payload, as the webhook handler stored it (src/app/webhook-jobs.ts builds them). */
function payloadOf<T>(job: Job): T {
  return job.payload as unknown as T;
}

/**
 * A merge or apply job that fails for good (out of attempts, or a failure retrying cannot fix)
 * leaves a `gave-up` job behind, which holds its applies and reports them once GitHub answers.
 * Every failure is recorded with its kind: "AWS refused", "GitHub unreachable", "access configuration".
 */
function neverLost(forJob: (ctx: JobContext) => AppDeps, kind: "merge" | "apply", handler: JobHandler): JobHandler {
  return async (job, ctx) => {
    const deps = forJob(ctx);
    try {
      return await handler(job, ctx);
    } catch (error) {
      // Uninstalled: there is nobody left to hold the applies for or to report to.
      if (installationGone(error)) throw new PermanentJobError(goneText(error));
      const lastTry = error instanceof PermanentJobError || job.attempts >= job.maxAttempts;
      if (lastTry) {
        const base = payloadOf<RepoJob>(job);
        const payload: GaveUpJobPayload = {
          installationId: base.installationId,
          owner: base.owner,
          repo: base.repo,
          gaveUp: { id: job.id, kind, key: job.key, queue: job.queue, attempts: job.attempts, enqueuedAt: job.enqueuedAt.toISOString() },
          failure: failureText(error),
          ...(kind === "merge" ? { merge: payloadOf<MergeJobPayload>(job) } : { apply: payloadOf<ApplyJobPayload>(job) }),
        };
        await deps.store.enqueueJob(
          {
            kind: "gave-up",
            key: `gave up: ${job.key}`,
            payload: asJson(payload),
            maxAttempts: REPORT_JOB_ATTEMPTS,
            dedupeKey: `gave-up:${job.id}@${job.runAfter.getTime()}`,
          },
          deps.now(),
        );
        ctx.logger.error({ jobId: job.id, kind: job.kind, key: job.key, attempts: job.attempts, enqueuedAt: job.enqueuedAt.toISOString(), failure: payload.failure }, `${kind} job gave up: its applies are held and will be reported`);
      }
      throw error instanceof PermanentJobError ? error : asJobFailure(error);
    }
  };
}

/**
 * Failures recorded with their kind ("GitHub unreachable: …"). A job of an installation that is
 * gone (the app was uninstalled) fails for good at once. With `goneIsFinal` (a plan or a command:
 * work for one pull request), so does a 404 or 410 from GitHub on its NOT_FOUND_ATTEMPTS-th
 * attempt: the repository or pull request is gone or no longer shared with the app (the earlier
 * attempts wait out GitHub's replication lag). Merges and applies keep their long retries on those
 * (src/app/retry-policy.ts): they are never lost.
 */
function classified(handler: JobHandler, options: { goneIsFinal?: boolean } = {}): JobHandler {
  return async (job, ctx) => {
    try {
      return await handler(job, ctx);
    } catch (error) {
      if (error instanceof PermanentJobError) throw error;
      const goneForGood = options.goneIsFinal && goneFromGitHub(error) && job.attempts >= NOT_FOUND_ATTEMPTS;
      if (installationGone(error) || goneForGood) throw new PermanentJobError(goneText(error));
      throw asJobFailure(error);
    }
  };
}

export function jobHandlers(app: AppDeps): JobHandlers {
  // Each run writes (store and GitHub) only while it holds the job's lease.
  const forJob = (ctx: JobContext): AppDeps => fencedDeps(app, ctx.lease);
  return {
    plan: classified(async (job, ctx) => (await import("./jobs/plan-pull-request.js")).runPlanJob(forJob(ctx), payloadOf<PlanJobPayload>(job), `job${job.id}`), { goneIsFinal: true }),
    merge: neverLost(forJob, "merge", async (job, ctx) => (await import("./jobs/merge.js")).runMergeJob(forJob(ctx), payloadOf<MergeJobPayload>(job))),
    apply: neverLost(forJob, "apply", async (job, ctx) =>
      (await import("./jobs/apply.js")).runApplyJob(forJob(ctx), payloadOf<ApplyJobPayload>(job), {
        runId: `job${job.id}-${job.attempts}`,
        attempts: job.attempts,
        signal: ctx.signal,
      }),
    ),
    command: classified(async (job, ctx) => (await import("./jobs/command.js")).runCommandJob(forJob(ctx), payloadOf<CommandJobPayload>(job)), { goneIsFinal: true }),
    "drift-round": classified(async (job, ctx) => (await import("./jobs/drift.js")).runDriftRoundJob(forJob(ctx), payloadOf<DriftRoundPayload>(job))),
    "drift-repository": classified(async (job, ctx) => (await import("./jobs/drift.js")).runDriftRepositoryJob(forJob(ctx), payloadOf<DriftRepositoryPayload>(job))),
    drift: classified(async (job, ctx) => (await import("./jobs/drift.js")).runDriftCheckJob(forJob(ctx), payloadOf<DriftCheckPayload>(job), `job${job.id}`)),
    "gave-up": classified(async (job, ctx) => (await import("./jobs/gave-up.js")).runGaveUpJob(forJob(ctx), payloadOf<GaveUpJobPayload>(job))),
  };
}

// What one job's handler gets: the app's dependencies with every write fenced by the job's lease.
// Store writes check the lease in their own transaction (Store.withLease); GitHub has no such
// thing, so before each request that changes something (a comment, a check run, a reaction) the
// lease must still be held and unexpired. A replica that lost the job to another therefore
// publishes nothing more for it. (A request already on its way when the lease runs out still
// lands: the lease is renewed well before it expires, see the worker's heartbeat.) Its check runs
// are created once however often the job runs (check-runs-once.ts).
import type { Octokit } from "../github/index.js";
import { checkRunsOnce } from "./check-runs-once.js";
import { LeaseLostError, type JobLease } from "../store/lease.js";
import type { AppDeps } from "./deps.js";

const READS = new Set(["GET", "HEAD"]);

export function fencedDeps(deps: AppDeps, lease: JobLease): AppDeps {
  const holds = () => deps.store.holdsLease(lease, deps.now());
  return {
    ...deps,
    store: deps.store.withLease(lease),
    octokitFor: async (installationId) => checkRunsOnce(fenceOctokit(await deps.octokitFor(installationId), lease, holds), lease),
  };
}

/** Adds the lease check before every GitHub request of `octokit` (a fresh client per job) that writes. */
export function fenceOctokit(octokit: Octokit, lease: JobLease, holds: () => Promise<boolean>): Octokit {
  octokit.hook.before("request", async (options) => {
    if (READS.has(String(options.method).toUpperCase())) return;
    if (!(await holds())) throw new LeaseLostError(lease);
  });
  return octokit;
}

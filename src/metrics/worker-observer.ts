// The worker's events as metrics: run durations by kind and outcome, dead jobs, lease takeovers.
import type { WorkerObserver } from "../store/worker.js";
import { deadJobs, jobDuration, labelValue, leaseTakeovers } from "./metrics.js";

export const metricsObserver: WorkerObserver = {
  jobLeased(job, takeover) {
    if (takeover) leaseTakeovers.inc({ kind: labelValue(job.kind) });
  },
  jobFinished(job, outcome, seconds) {
    const kind = labelValue(job.kind);
    jobDuration.observe({ kind, outcome }, seconds);
    if (outcome === "dead") deadJobs.inc({ kind });
  },
};

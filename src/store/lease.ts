// A job's lease as the worker holds it. The token grows with every lease of the job, so a worker
// whose lease was taken over (it stalled, or lost the database for a while) holds a stale token:
// every write it makes for the job carries the lease and is refused (fencing).
import type { Job } from "./job.js";

export interface JobLease {
  jobId: string;
  workerId: string;
  /** The job's lease counter when this lease was taken. */
  token: number;
}

/** The lease a worker got from leaseNextJob. */
export function leaseOf(job: Job): JobLease {
  if (job.state !== "leased" || job.leasedBy === null) throw new Error(`job ${job.id} is not leased`);
  return { jobId: job.id, workerId: job.leasedBy, token: job.leaseToken };
}

/** A write for a job whose lease this worker no longer holds: another worker runs the job now. */
export class LeaseLostError extends Error {
  override name = "LeaseLostError";
  constructor(readonly lease: JobLease) {
    super(`the lease on job ${lease.jobId} (token ${lease.token}) is no longer held by ${lease.workerId}`);
  }
}

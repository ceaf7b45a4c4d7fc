// Leasing: which job runs next, and keeping a lease alive. Runs in an IMMEDIATE transaction, so
// two processes on the same file never lease the same job.
import type Database from "better-sqlite3";
import type { Job } from "../job.js";
import type { JobLease } from "../lease.js";
import { jobFromRow, rowId, type JobRow } from "./job-rows.js";

// A job is runnable when it is due (pending and runAfter reached, or leased with an expired
// lease) and nothing it must wait for is active:
// - in its queue, no earlier job is pending or leased, and no other job holds a live lease;
// - with its coalesce key, no other job holds a live lease.
// Of those, the highest priority first, then the earliest due.
const nextRunnable = `
  SELECT j.* FROM jobs j
  WHERE ((j.state = 'pending' AND j.run_after <= @now)
      OR (j.state = 'leased' AND j.lease_expires_at <= @now))
    AND (j.queue IS NULL OR NOT EXISTS (
      SELECT 1 FROM jobs o WHERE o.queue = j.queue AND o.id <> j.id
        AND ((o.id < j.id AND o.state IN ('pending', 'leased'))
          OR (o.state = 'leased' AND o.lease_expires_at > @now))))
    AND (j.coalesce_key IS NULL OR NOT EXISTS (
      SELECT 1 FROM jobs o WHERE o.coalesce_key = j.coalesce_key AND o.id <> j.id
        AND o.state = 'leased' AND o.lease_expires_at > @now))
  ORDER BY j.priority DESC, j.run_after, j.id
  LIMIT 1`;

/** The WHERE clause that matches a job only under its current lease (params @id, @workerId, @token). */
export const leaseHeld = "id = @id AND state = 'leased' AND leased_by = @workerId AND lease_token = @token";

export function leaseParams(lease: JobLease): { id: number; workerId: string; token: number } {
  return { id: rowId(lease.jobId), workerId: lease.workerId, token: lease.token };
}

export function createLeaseQueries(db: Database.Database) {
  const next = db.prepare(nextRunnable);
  const lease = db.prepare(`UPDATE jobs SET state = 'leased', leased_by = @workerId,
      lease_expires_at = @expiresAt, attempts = attempts + 1, lease_token = lease_token + 1,
      lease_taken_over = CASE WHEN state = 'leased' THEN 1 ELSE 0 END
    WHERE id = @id`);
  const bury = db.prepare(`UPDATE jobs SET state = 'dead', finished_at = @now, lease_expires_at = NULL,
      last_error = @error
    WHERE id = @id`);
  const byId = db.prepare("SELECT * FROM jobs WHERE id = ?");
  const extend = db.prepare(`UPDATE jobs SET lease_expires_at = @expiresAt WHERE ${leaseHeld}`);
  const live = db.prepare(`SELECT 1 FROM jobs WHERE ${leaseHeld} AND lease_expires_at > @now`).pluck();
  const current = db.prepare(`SELECT 1 FROM jobs WHERE ${leaseHeld}`).pluck();

  const leaseNext = db.transaction((workerId: string, leaseMs: number, now: Date): Job | null => {
    for (;;) {
      const row = next.get({ now: now.getTime() }) as JobRow | undefined;
      if (row === undefined) return null;
      if (row.state === "leased" && row.attempts >= row.max_attempts) {
        // Its worker vanished on the last attempt allowed: give up rather than loop forever.
        const error = `lease held by ${row.leased_by ?? "?"} expired on attempt ${row.attempts} of ${row.max_attempts}`;
        bury.run({ id: row.id, now: now.getTime(), error });
        continue;
      }
      lease.run({ id: row.id, workerId, expiresAt: now.getTime() + leaseMs });
      return jobFromRow(byId.get(row.id) as JobRow);
    }
  });

  return {
    leaseNextJob(workerId: string, leaseMs: number, now: Date): Job | null {
      if (!(leaseMs > 0)) throw new Error(`leaseMs must be positive, got ${leaseMs}`);
      return leaseNext.immediate(workerId, leaseMs, now);
    },
    heartbeat(held: JobLease, leaseMs: number, now: Date): boolean {
      return extend.run({ ...leaseParams(held), expiresAt: now.getTime() + leaseMs }).changes === 1;
    },
    holdsLease(held: JobLease, now: Date): boolean {
      return live.get({ ...leaseParams(held), now: now.getTime() }) !== undefined;
    },
    /** The lease is still the job's current one (expired or not): nobody else has taken it. */
    isCurrent(held: JobLease): boolean {
      return current.get(leaseParams(held)) !== undefined;
    },
  };
}

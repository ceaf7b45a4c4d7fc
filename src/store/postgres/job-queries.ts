// Jobs on PostgreSQL: enqueue (with coalescing), leasing with FOR UPDATE SKIP LOCKED, and every
// lifecycle write guarded by the job's lease. The rows map to jobs as in the SQLite store.
import type pg from "pg";
import { defaultMaxAttempts, priorityOf, type FailJobOptions, type Job, type JobFilter, type NewJob } from "../job.js";
import type { JobLease } from "../lease.js";
import { jobFromRow, rowId, type JobRow } from "../sqlite/job-rows.js";
import { jobLockNames, query, transaction, tryLockNames, type Sql } from "./sql.js";

// A job is runnable when it is due (pending and runAfter reached, or leased with an expired
// lease) and nothing it must wait for is active:
// - in its queue, no earlier job is pending or leased, and no other job holds a live lease;
// - with its coalesce key, no other job holds a live lease.
// $1 is now (ms).
const runnable = `
  ((j.state = 'pending' AND j.run_after <= $1) OR (j.state = 'leased' AND j.lease_expires_at <= $1))
  AND (j.queue IS NULL OR NOT EXISTS (
    SELECT 1 FROM jobs o WHERE o.queue = j.queue AND o.id <> j.id
      AND ((o.id < j.id AND o.state IN ('pending', 'leased'))
        OR (o.state = 'leased' AND o.lease_expires_at > $1))))
  AND (j.coalesce_key IS NULL OR NOT EXISTS (
    SELECT 1 FROM jobs o WHERE o.coalesce_key = j.coalesce_key AND o.id <> j.id
      AND o.state = 'leased' AND o.lease_expires_at > $1))`;

/** Matches a job only under its current lease: $1 id, $2 worker, $3 token. */
const leaseHeld = "id = $1 AND state = 'leased' AND leased_by = $2 AND lease_token = $3";

function leaseValues(lease: JobLease): [number, string, number] {
  return [rowId(lease.jobId), lease.workerId, lease.token];
}

export async function getJob(sql: Sql, jobId: string): Promise<Job | null> {
  const { rows } = await query<JobRow>(sql, "SELECT * FROM jobs WHERE id = $1", [rowId(jobId)]);
  return rows[0] === undefined ? null : jobFromRow(rows[0]);
}

/**
 * The earlier job a new one would repeat (see NewJob.dedupeKey): the newest of its coalesce key
 * when that has the same dedupe key; without a coalesce key, any job with the dedupe key. Inside
 * a transaction holding the job's lock names, so two replicas never both find none.
 */
export async function repeatedJob(client: Sql, job: NewJob): Promise<Job | null> {
  if (job.dedupeKey === undefined) return null;
  const { rows } =
    job.coalesceKey === undefined
      ? await query<JobRow>(client, "SELECT * FROM jobs WHERE dedupe_key = $1 ORDER BY id DESC LIMIT 1", [job.dedupeKey])
      : await query<JobRow>(client, "SELECT * FROM jobs WHERE coalesce_key = $1 ORDER BY id DESC LIMIT 1", [job.coalesceKey]);
  const row = rows[0];
  return row !== undefined && row.dedupe_key === job.dedupeKey ? jobFromRow(row) : null;
}

/** Inside a transaction that holds the job's lock names (lockNamesOf). */
export async function insertJob(client: Sql, job: NewJob, now: Date, deliveryId: string | null): Promise<Job> {
  const maxAttempts = job.maxAttempts ?? defaultMaxAttempts;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error(`maxAttempts must be a positive integer, got ${maxAttempts}`);
  const { rows } = await query<JobRow>(
    client,
    `INSERT INTO jobs (kind, key, payload, queue, coalesce_key, state, max_attempts, enqueued_at, run_after, delivery_id, dedupe_key, priority)
     VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $8, $9, $10, $11) RETURNING *`,
    [job.kind, job.key, JSON.stringify(job.payload), job.queue ?? null, job.coalesceKey ?? null, maxAttempts, now.getTime(), (job.runAfter ?? now).getTime(), deliveryId, job.dedupeKey ?? null, priorityOf(job)],
  );
  const row = rows[0] as JobRow;
  if (job.coalesceKey !== undefined) {
    await query(client, `UPDATE jobs SET state = 'superseded', superseded_by = $1, finished_at = $2 WHERE coalesce_key = $3 AND state = 'pending' AND id <> $1`, [
      row.id,
      now.getTime(),
      job.coalesceKey,
    ]);
  }
  return jobFromRow(row);
}

/** The jobs' queue and coalesce locks: concurrent enqueues and leases in one queue take turns. */
export function lockNamesOf(jobs: readonly NewJob[]): string[] {
  return jobs.flatMap((job) => jobLockNames(job));
}

export async function leaseNextJob(pool: pg.Pool, workerId: string, leaseMs: number, now: Date): Promise<Job | null> {
  if (!(leaseMs > 0)) throw new Error(`leaseMs must be positive, got ${leaseMs}`);
  const at = now.getTime();
  return transaction(pool, async (client) => {
    const passedOver: number[] = [];
    for (;;) {
      const { rows } = await query<JobRow>(
        client,
        `SELECT j.* FROM jobs j WHERE ${runnable} AND NOT (j.id = ANY ($2::bigint[]))
         ORDER BY j.priority DESC, j.run_after, j.id LIMIT 1 FOR UPDATE OF j SKIP LOCKED`,
        [at, passedOver],
      );
      const row = rows[0];
      if (row === undefined) return null;
      // One lease at a time per queue and coalesce key, across replicas: another transaction
      // leasing or enqueueing in them right now makes this one pass the job over. Then check again
      // with a fresh snapshot: a lease committed since the query above may make it wait.
      const mine = (await tryLockNames(client, jobLockNames({ queue: row.queue, coalesceKey: row.coalesce_key })))
        && (await query(client, `SELECT 1 FROM jobs j WHERE j.id = $2 AND ${runnable}`, [at, row.id])).rowCount === 1;
      if (!mine) {
        passedOver.push(row.id);
        continue;
      }
      if (row.state === "leased" && row.attempts >= row.max_attempts) {
        // Its worker vanished on the last attempt allowed: give up rather than loop forever.
        const error = `lease held by ${row.leased_by ?? "?"} expired on attempt ${row.attempts} of ${row.max_attempts}`;
        await query(client, "UPDATE jobs SET state = 'dead', finished_at = $2, lease_expires_at = NULL, last_error = $3 WHERE id = $1", [row.id, at, error]);
        continue;
      }
      const leased = await query<JobRow>(
        client,
        `UPDATE jobs SET state = 'leased', leased_by = $2, lease_expires_at = $3, attempts = attempts + 1,
           lease_token = lease_token + 1, lease_taken_over = CASE WHEN state = 'leased' THEN 1 ELSE 0 END
         WHERE id = $1 RETURNING *`,
        [row.id, workerId, at + leaseMs],
      );
      return jobFromRow(leased.rows[0] as JobRow);
    }
  });
}

export async function heartbeat(sql: Sql, lease: JobLease, leaseMs: number, now: Date): Promise<boolean> {
  const { rowCount } = await query(sql, `UPDATE jobs SET lease_expires_at = $4 WHERE ${leaseHeld}`, [...leaseValues(lease), now.getTime() + leaseMs]);
  return rowCount === 1;
}

export async function holdsLease(sql: Sql, lease: JobLease, now: Date): Promise<boolean> {
  const { rowCount } = await query(sql, `SELECT 1 FROM jobs WHERE ${leaseHeld} AND lease_expires_at > $4`, [...leaseValues(lease), now.getTime()]);
  return rowCount === 1;
}

/** Locks the job's row against a takeover until the transaction ends; false if the lease is not current. */
export async function lockLease(client: Sql, lease: JobLease): Promise<boolean> {
  const { rowCount } = await query(client, `SELECT 1 FROM jobs WHERE ${leaseHeld} FOR SHARE`, leaseValues(lease));
  return rowCount === 1;
}

export async function completeJob(sql: Sql, lease: JobLease, result: Job["result"], now: Date): Promise<boolean> {
  const { rowCount } = await query(sql, `UPDATE jobs SET state = 'completed', result = $4, finished_at = $5, lease_expires_at = NULL WHERE ${leaseHeld}`, [
    ...leaseValues(lease),
    JSON.stringify(result ?? null),
    now.getTime(),
  ]);
  return rowCount === 1;
}

export async function failJob(sql: Sql, lease: JobLease, error: string, options: FailJobOptions): Promise<boolean> {
  // Dead when giving up or out of attempts; else pending again at retryAt.
  const { rowCount } = await query(
    sql,
    `UPDATE jobs SET
       state = CASE WHEN $4::boolean OR attempts >= max_attempts THEN 'dead' ELSE 'pending' END,
       last_error = $5,
       finished_at = CASE WHEN $4::boolean OR attempts >= max_attempts THEN $6::bigint ELSE NULL END,
       run_after = CASE WHEN $4::boolean OR attempts >= max_attempts THEN run_after ELSE $7::bigint END,
       leased_by = CASE WHEN $4::boolean OR attempts >= max_attempts THEN leased_by ELSE NULL END,
       lease_expires_at = NULL
     WHERE ${leaseHeld}`,
    [...leaseValues(lease), options.giveUp === true, error, options.now.getTime(), (options.retryAt ?? options.now).getTime()],
  );
  return rowCount === 1;
}

export async function releaseJob(sql: Sql, lease: JobLease, now: Date): Promise<boolean> {
  // Runnable now, and the lease given back does not use up an attempt.
  const { rowCount } = await query(
    sql,
    `UPDATE jobs SET state = 'pending', run_after = $4, leased_by = NULL, lease_expires_at = NULL, max_attempts = max_attempts + 1 WHERE ${leaseHeld}`,
    [...leaseValues(lease), now.getTime()],
  );
  return rowCount === 1;
}

/** An operator's retry of a dead job: pending now with fresh attempts (the lease token keeps growing). */
export async function retryJob(sql: Sql, jobId: string, now: Date): Promise<boolean> {
  const { rowCount } = await query(
    sql,
    "UPDATE jobs SET state = 'pending', attempts = 0, run_after = $2, finished_at = NULL, leased_by = NULL, lease_expires_at = NULL WHERE id = $1 AND state = 'dead'",
    [rowId(jobId), now.getTime()],
  );
  return rowCount === 1;
}

export async function listJobs(sql: Sql, filter: JobFilter = {}): Promise<Job[]> {
  const clauses: string[] = [];
  const values: unknown[] = [];
  if (filter.state !== undefined) {
    values.push(typeof filter.state === "string" ? [filter.state] : [...filter.state]);
    clauses.push(`state = ANY ($${values.length}::text[])`);
  }
  const columns = { kind: "kind", key: "key", queue: "queue", coalesceKey: "coalesce_key", deliveryId: "delivery_id" } as const;
  for (const [field, column] of Object.entries(columns) as [keyof typeof columns, string][]) {
    const value = filter[field];
    if (value === undefined) continue;
    values.push(value);
    clauses.push(`${column} = $${values.length}`);
  }
  const where = clauses.length ? ` WHERE ${clauses.join(" AND ")}` : "";
  const limit = filter.limit === undefined ? "" : ` LIMIT ${Math.max(0, Math.floor(filter.limit))}`;
  const { rows } = await query<JobRow>(sql, `SELECT * FROM jobs${where} ORDER BY id${limit}`, values);
  return rows.map(jobFromRow);
}

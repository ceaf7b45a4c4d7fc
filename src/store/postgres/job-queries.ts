// Jobs on PostgreSQL: enqueue (with coalescing) and leasing with FOR UPDATE SKIP LOCKED, each one
// call of a function of write-functions.ts (one round trip), and every lifecycle write guarded by
// the job's lease, one prepared statement each. The rows map to jobs as in the SQLite store.
import { defaultMaxAttempts, priorityOf, type FailJobOptions, type Job, type JobFilter, type NewJob } from "../job.js";
import type { JobLease } from "../lease.js";
import type { Delivery } from "../records.js";
import type { DeliveryOutcome } from "../store.js";
import { jobFromRow, rowId, type JobRow } from "../sqlite/job-rows.js";
import { jobLockNames, namedQuery, query, text, type Sql } from "./sql.js";

/** Matches a job only under its current lease: $1 id, $2 worker, $3 token. */
const leaseHeld = "id = $1 AND state = 'leased' AND leased_by = $2 AND lease_token = $3";

function leaseValues(lease: JobLease): [number, string, number] {
  return [rowId(lease.jobId), lease.workerId, lease.token];
}

export async function getJob(sql: Sql, jobId: string): Promise<Job | null> {
  const { rows } = await query<JobRow>(sql, "SELECT * FROM jobs WHERE id = $1", [rowId(jobId)]);
  return rows[0] === undefined ? null : jobFromRow(rows[0]);
}

/** A new job's columns, as the enqueue functions take them (write-functions.ts). */
function newJobColumns(job: NewJob, now: Date): Record<string, string | number | null> {
  const maxAttempts = job.maxAttempts ?? defaultMaxAttempts;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error(`maxAttempts must be a positive integer, got ${maxAttempts}`);
  return {
    kind: text(job.kind),
    key: text(job.key),
    payload: JSON.stringify(job.payload),
    queue: textOrNull(job.queue),
    coalesce_key: textOrNull(job.coalesceKey),
    dedupe_key: textOrNull(job.dedupeKey),
    max_attempts: maxAttempts,
    run_after: (job.runAfter ?? now).getTime(),
    priority: priorityOf(job),
  };
}

const textOrNull = (value: string | undefined): string | null => (value === undefined ? null : text(value));

/**
 * The advisory locks an enqueue waits for (queue, coalesce and dedupe keys), sorted: concurrent
 * enqueues and leases in one queue take turns, and two replicas never both find no earlier job.
 */
function lockNamesOf(jobs: readonly NewJob[]): string[] {
  return [...new Set(jobs.flatMap((job) => jobLockNames(job)).map(text))].sort();
}

/** The new job, or the earlier job it would repeat (see NewJob.dedupeKey): one round trip. */
export async function enqueueJob(sql: Sql, job: NewJob, now: Date): Promise<Job> {
  const { rows } = await namedQuery<JobRow>(sql, "okctl_enqueue", "SELECT * FROM okctl_enqueue($1, $2, $3)", [
    lockNamesOf([job]),
    JSON.stringify(newJobColumns(job, now)),
    now.getTime(),
  ]);
  return jobFromRow(rows[0] as JobRow);
}

/** Records the delivery and enqueues its jobs that repeat no earlier one: one round trip. */
export async function recordDeliveryAndEnqueue(sql: Sql, delivery: Delivery, list: readonly NewJob[]): Promise<DeliveryOutcome> {
  const { rows } = await namedQuery<{ enqueued: JobRow[] | null }>(sql, "okctl_record_delivery", "SELECT okctl_record_delivery($1, $2, $3, $4, $5) AS enqueued", [
    delivery.id,
    delivery.event,
    delivery.receivedAt.getTime(),
    lockNamesOf(list),
    JSON.stringify(list.map((job) => newJobColumns(job, delivery.receivedAt))),
  ]);
  return outcomeOf(rows[0]?.enqueued);
}

/** One delivery with its jobs, as recordDeliveriesAndEnqueue takes them. */
export interface DeliveryWithJobs {
  delivery: Delivery;
  jobs: readonly NewJob[];
}

function outcomeOf(enqueued: JobRow[] | null | undefined): DeliveryOutcome {
  return enqueued == null ? { isNew: false, jobs: [] } : { isNew: true, jobs: enqueued.map(jobFromRow) };
}

/**
 * Records several deliveries, in the order given, each with its jobs exactly as
 * recordDeliveryAndEnqueue does: one round trip and one transaction for all (see
 * record-deliveries-function.ts).
 */
export async function recordDeliveriesAndEnqueue(sql: Sql, batch: readonly DeliveryWithJobs[]): Promise<DeliveryOutcome[]> {
  const { rows } = await namedQuery<{ outcomes: (JobRow[] | null)[] }>(sql, "okctl_record_deliveries", "SELECT okctl_record_deliveries($1, $2) AS outcomes", [
    lockNamesOf(batch.flatMap((item) => item.jobs)),
    JSON.stringify(
      batch.map(({ delivery, jobs }) => ({
        id: text(delivery.id),
        event: text(delivery.event),
        received_at: delivery.receivedAt.getTime(),
        jobs: jobs.map((job) => newJobColumns(job, delivery.receivedAt)),
      })),
    ),
  ]);
  const outcomes = rows[0]?.outcomes;
  if (!Array.isArray(outcomes) || outcomes.length !== batch.length) throw new Error(`okctl_record_deliveries answered ${Array.isArray(outcomes) ? outcomes.length : "no"} outcomes for ${batch.length} deliveries`);
  return outcomes.map(outcomeOf);
}

/** The next runnable job leased to `workerId` (see okctl_lease_next_job in write-functions.ts): one round trip. */
export async function leaseNextJob(sql: Sql, workerId: string, leaseMs: number, now: Date): Promise<Job | null> {
  if (!(leaseMs > 0)) throw new Error(`leaseMs must be positive, got ${leaseMs}`);
  const { rows } = await namedQuery<JobRow>(sql, "okctl_lease_next_job", "SELECT * FROM okctl_lease_next_job($1, $2, $3)", [workerId, Math.ceil(leaseMs), now.getTime()]);
  return rows[0] === undefined ? null : jobFromRow(rows[0]);
}

export async function heartbeat(sql: Sql, lease: JobLease, leaseMs: number, now: Date): Promise<boolean> {
  const { rowCount } = await namedQuery(sql, "okctl_heartbeat", `UPDATE jobs SET lease_expires_at = $4 WHERE ${leaseHeld}`, [...leaseValues(lease), now.getTime() + leaseMs]);
  return rowCount === 1;
}

export async function holdsLease(sql: Sql, lease: JobLease, now: Date): Promise<boolean> {
  const { rowCount } = await namedQuery(sql, "okctl_holds_lease", `SELECT 1 FROM jobs WHERE ${leaseHeld} AND lease_expires_at > $4`, [...leaseValues(lease), now.getTime()]);
  return rowCount === 1;
}

/** Locks the job's row against a takeover until the transaction ends; false if the lease is not current. */
export async function lockLease(client: Sql, lease: JobLease): Promise<boolean> {
  const { rowCount } = await namedQuery(client, "okctl_lock_lease", `SELECT 1 FROM jobs WHERE ${leaseHeld} FOR SHARE`, leaseValues(lease));
  return rowCount === 1;
}

export async function completeJob(sql: Sql, lease: JobLease, result: Job["result"], now: Date): Promise<boolean> {
  const { rowCount } = await namedQuery(sql, "okctl_complete_job", `UPDATE jobs SET state = 'completed', result = $4, finished_at = $5, lease_expires_at = NULL WHERE ${leaseHeld}`, [
    ...leaseValues(lease),
    JSON.stringify(result ?? null),
    now.getTime(),
  ]);
  return rowCount === 1;
}

export async function failJob(sql: Sql, lease: JobLease, error: string, options: FailJobOptions): Promise<boolean> {
  // Dead when giving up or out of attempts; else pending again at retryAt.
  const { rowCount } = await namedQuery(
    sql,
    "okctl_fail_job",
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
  const { rowCount } = await namedQuery(
    sql,
    "okctl_release_job",
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

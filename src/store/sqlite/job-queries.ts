// Enqueueing, finishing and listing jobs. Leasing is in job-lease.ts.
import type Database from "better-sqlite3";
import { defaultMaxAttempts, priorityOf, type FailJobOptions, type Job, type JobFilter, type NewJob } from "../job.js";
import { whereEquals, type SqlParam } from "./where.js";
import { jobFromRow, rowId, type JobRow } from "./job-rows.js";
import { leaseHeld, leaseParams } from "./job-lease.js";
import type { JobLease } from "../lease.js";

export function createJobQueries(db: Database.Database) {
  const insert = db.prepare(`INSERT INTO jobs
    (kind, key, payload, queue, coalesce_key, state, max_attempts, enqueued_at, run_after, delivery_id, dedupe_key, priority)
    VALUES (@kind, @key, @payload, @queue, @coalesceKey, 'pending', @maxAttempts, @now, @runAfter, @deliveryId, @dedupeKey, @priority)`);
  // The job a new one would repeat: the newest of its coalesce key when it has the same dedupe
  // key; without a coalesce key, any job with the dedupe key.
  const newestCoalesced = db.prepare("SELECT * FROM jobs WHERE coalesce_key = ? ORDER BY id DESC LIMIT 1");
  const anyDeduped = db.prepare("SELECT * FROM jobs WHERE dedupe_key = ? ORDER BY id DESC LIMIT 1");
  const revive = db.prepare(`UPDATE jobs SET state = 'pending', attempts = 0, run_after = @now, finished_at = NULL,
      leased_by = NULL, lease_expires_at = NULL
    WHERE id = @id AND state = 'dead'`);
  const supersede = db.prepare(`UPDATE jobs SET state = 'superseded', superseded_by = @id, finished_at = @now
    WHERE coalesce_key = @coalesceKey AND state = 'pending' AND id <> @id`);
  const byId = db.prepare("SELECT * FROM jobs WHERE id = ?");
  const complete = db.prepare(`UPDATE jobs SET state = 'completed', result = @result, finished_at = @now,
      lease_expires_at = NULL
    WHERE ${leaseHeld}`);
  const retry = db.prepare(`UPDATE jobs SET state = 'pending', last_error = @error, run_after = @retryAt,
      leased_by = NULL, lease_expires_at = NULL
    WHERE ${leaseHeld}`);
  const kill = db.prepare(`UPDATE jobs SET state = 'dead', last_error = @error, finished_at = @now,
      lease_expires_at = NULL
    WHERE ${leaseHeld}`);
  // Handed back: runnable now, and the lease given back does not use up an attempt.
  const release = db.prepare(`UPDATE jobs SET state = 'pending', run_after = @now, leased_by = NULL,
      lease_expires_at = NULL, max_attempts = max_attempts + 1
    WHERE ${leaseHeld}`);

  function get(jobId: string): Job | null {
    const row = byId.get(rowId(jobId)) as JobRow | undefined;
    return row === undefined ? null : jobFromRow(row);
  }

  function repeated(job: NewJob): Job | null {
    if (job.dedupeKey === undefined) return null;
    const row = (job.coalesceKey === undefined ? anyDeduped.get(job.dedupeKey) : newestCoalesced.get(job.coalesceKey)) as JobRow | undefined;
    return row !== undefined && row.dedupe_key === job.dedupeKey ? jobFromRow(row) : null;
  }

  /** Call inside a transaction: the insert and the supersede go together. */
  function enqueue(job: NewJob, now: Date, deliveryId: string | null = null): Job {
    return repeated(job) ?? insertJob(job, now, deliveryId);
  }

  /** Enqueues the jobs that repeat no earlier job; returns those. */
  function enqueueNew(list: readonly NewJob[], now: Date, deliveryId: string | null): Job[] {
    const created: Job[] = [];
    for (const job of list) if (repeated(job) === null) created.push(insertJob(job, now, deliveryId));
    return created;
  }

  function insertJob(job: NewJob, now: Date, deliveryId: string | null): Job {
    const maxAttempts = job.maxAttempts ?? defaultMaxAttempts;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error(`maxAttempts must be a positive integer, got ${maxAttempts}`);
    const { lastInsertRowid } = insert.run({
      kind: job.kind,
      key: job.key,
      payload: JSON.stringify(job.payload),
      queue: job.queue ?? null,
      coalesceKey: job.coalesceKey ?? null,
      maxAttempts,
      now: now.getTime(),
      runAfter: (job.runAfter ?? now).getTime(),
      deliveryId,
      dedupeKey: job.dedupeKey ?? null,
      priority: priorityOf(job),
    });
    const id = Number(lastInsertRowid);
    if (job.coalesceKey !== undefined) supersede.run({ id, coalesceKey: job.coalesceKey, now: now.getTime() });
    const created = get(String(id));
    if (created === null) throw new Error(`job ${id} vanished after insert`);
    return created;
  }

  function completeJob(lease: JobLease, result: Job["result"], now: Date): boolean {
    const params = { ...leaseParams(lease), result: JSON.stringify(result ?? null), now: now.getTime() };
    return complete.run(params).changes === 1;
  }

  function failJob(lease: JobLease, error: string, options: FailJobOptions): boolean {
    const job = get(lease.jobId);
    if (job === null || job.state !== "leased" || job.leasedBy !== lease.workerId || job.leaseToken !== lease.token) return false;
    const params = { ...leaseParams(lease), error, now: options.now.getTime() };
    if (options.giveUp === true || job.attempts >= job.maxAttempts) return kill.run(params).changes === 1;
    return retry.run({ ...params, retryAt: (options.retryAt ?? options.now).getTime() }).changes === 1;
  }

  function releaseJob(lease: JobLease, now: Date): boolean {
    return release.run({ ...leaseParams(lease), now: now.getTime() }).changes === 1;
  }

  function list(filter: JobFilter = {}): Job[] {
    const clauses: string[] = [];
    const params: Record<string, SqlParam> = {};
    if (filter.state !== undefined) {
      const states: readonly string[] = typeof filter.state === "string" ? [filter.state] : filter.state;
      clauses.push(states.length ? `state IN (${states.map((_, i) => `@state${i}`).join(", ")})` : "0");
      states.forEach((state, i) => (params[`state${i}`] = state));
    }
    const columns = { kind: "kind", key: "key", queue: "queue", coalesceKey: "coalesce_key", deliveryId: "delivery_id" };
    const { sql: where } = whereEquals(filter, columns, params, clauses);
    const limit = filter.limit === undefined ? "" : ` LIMIT ${Math.max(0, Math.floor(filter.limit))}`;
    const sql = `SELECT * FROM jobs${where} ORDER BY id${limit}`;
    return (db.prepare(sql).all(params) as JobRow[]).map(jobFromRow);
  }

  function retryJob(jobId: string, now: Date): boolean {
    return revive.run({ id: rowId(jobId), now: now.getTime() }).changes === 1;
  }

  return { enqueue, enqueueNew, get, completeJob, failJob, releaseJob, retryJob, list };
}

// Aggregates for metrics and the readiness check, on PostgreSQL.
import type { JobState, JobStatistics } from "../job.js";
import { latestVersion } from "./migrations.js";
import { query, type Sql } from "./sql.js";

export async function jobStatistics(sql: Sql): Promise<JobStatistics> {
  const counts = await query<{ kind: string; state: JobState; count: number }>(sql, "SELECT kind, state, count(*) AS count FROM jobs GROUP BY kind, state ORDER BY kind, state");
  const queues = await query<{ queue: string | null; waiting: number; running: number; oldest: number | null }>(
    sql,
    `SELECT queue,
       count(*) FILTER (WHERE state = 'pending') AS waiting,
       count(*) FILTER (WHERE state = 'leased') AS running,
       min(enqueued_at) FILTER (WHERE state = 'pending') AS oldest
     FROM jobs WHERE state IN ('pending', 'leased') GROUP BY queue ORDER BY queue COLLATE "C" NULLS FIRST`,
  );
  return {
    counts: counts.rows.map((row) => ({ ...row })),
    queues: queues.rows.map((row) => ({ queue: row.queue, waiting: row.waiting, running: row.running, oldestWaitingEnqueuedAt: row.oldest === null ? null : new Date(row.oldest) })),
  };
}

/** The database answers and its schema is migrated at least as far as this code needs. */
export async function ping(sql: Sql): Promise<void> {
  const { rows } = await query<{ version: number | null }>(sql, "SELECT max(version) AS version FROM schema_migrations");
  const current = rows[0]?.version ?? 0;
  if (current < latestVersion()) throw new Error(`the store's schema is at version ${current}, this code needs ${latestVersion()}`);
}

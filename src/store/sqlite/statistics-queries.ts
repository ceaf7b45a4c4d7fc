// Aggregates for metrics and the readiness check.
import type Database from "better-sqlite3";
import type { JobState, JobStatistics } from "../job.js";
import { migrations } from "./migrations.js";

export function createStatisticsQueries(db: Database.Database) {
  const counts = db.prepare("SELECT kind, state, count(*) AS count FROM jobs GROUP BY kind, state ORDER BY kind, state");
  const queues = db.prepare(`SELECT queue,
      sum(CASE WHEN state = 'pending' THEN 1 ELSE 0 END) AS waiting,
      sum(CASE WHEN state = 'leased' THEN 1 ELSE 0 END) AS running,
      min(CASE WHEN state = 'pending' THEN enqueued_at END) AS oldest
    FROM jobs WHERE state IN ('pending', 'leased') GROUP BY queue ORDER BY queue`);
  const version = db.prepare("SELECT max(version) FROM schema_migrations").pluck();
  const latest = Math.max(...migrations.map((migration) => migration.version));
  return {
    jobStatistics(): JobStatistics {
      return {
        counts: (counts.all() as { kind: string; state: JobState; count: number }[]).map((row) => ({ ...row })),
        queues: (queues.all() as { queue: string | null; waiting: number; running: number; oldest: number | null }[]).map((row) => ({
          queue: row.queue,
          waiting: row.waiting,
          running: row.running,
          oldestWaitingEnqueuedAt: row.oldest === null ? null : new Date(row.oldest),
        })),
      };
    },
    ping(): void {
      const current = version.get() as number | null;
      if (current === null || current < latest) throw new Error(`the store's schema is at version ${current ?? 0}, this code needs ${latest}`);
    },
  };
}

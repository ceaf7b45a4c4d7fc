// Retention: old deliveries, finished jobs and closed pull requests' plans go, a bounded batch
// at a time (one short IMMEDIATE transaction each, so webhooks and workers barely wait).
import type Database from "better-sqlite3";
import { DEFAULT_PRUNE_LIMIT, type PruneRequest, type PruneResult } from "../records.js";

/** Finished jobs: a job that is pending or leased (running) is never pruned. */
export const FINISHED_STATES = "('completed', 'dead', 'superseded')";

/** Bounded batch size from a request. */
export function pruneLimit(request: PruneRequest): number {
  const limit = Math.floor(request.limit ?? DEFAULT_PRUNE_LIMIT);
  if (!(limit >= 1)) throw new Error(`prune limit must be at least 1, got ${request.limit}`);
  return limit;
}

/**
 * A published plan `p` whose pull request is closed (closed entries and no open one) and that no
 * held apply waits on. Shared with the PostgreSQL store.
 */
export const CLOSED_AND_NOT_HELD = `EXISTS (SELECT 1 FROM pull_request_clusters c
    WHERE c.repository = p.repository AND c.pull_number = p.pull_number AND c.open = 0)
  AND NOT EXISTS (SELECT 1 FROM pull_request_clusters c
    WHERE c.repository = p.repository AND c.pull_number = p.pull_number AND c.open = 1)
  AND NOT EXISTS (SELECT 1 FROM held_applies h
    WHERE h.repository = p.repository AND h.pull_number = p.pull_number AND h.declaration_path = p.declaration_path)`;

export function createRetentionQueries(db: Database.Database) {
  // Oldest ids first: a superseded job always has a lower id than the job that superseded it, so
  // no kept job is left pointing at a pruned one.
  const jobs = db.prepare(`DELETE FROM jobs WHERE id IN (
      SELECT id FROM jobs WHERE state IN ${FINISHED_STATES} AND finished_at < @before ORDER BY id LIMIT @limit)`);
  // NOT IN over an uncorrelated subquery: SQLite builds the set of referenced deliveries once.
  const deliveries = db.prepare(`DELETE FROM deliveries WHERE id IN (
      SELECT id FROM deliveries WHERE received_at < @before
        AND id NOT IN (SELECT delivery_id FROM jobs WHERE delivery_id IS NOT NULL)
      ORDER BY received_at LIMIT @limit)`);
  const plans = db.prepare(`DELETE FROM published_plans WHERE rowid IN (
      SELECT p.rowid FROM published_plans p
      WHERE p.published_at < @before
        AND ${CLOSED_AND_NOT_HELD}
      ORDER BY p.published_at LIMIT @limit)
    RETURNING repository, pull_number, declaration_path`);
  const closedEntry = db.prepare(`DELETE FROM pull_request_clusters
    WHERE repository = ? AND pull_number = ? AND declaration_path = ? AND open = 0`);
  const planCommits = db.prepare(`DELETE FROM published_plan_commits
    WHERE repository = ? AND pull_number = ? AND declaration_path = ?`);

  const prune = db.transaction((request: PruneRequest): PruneResult => {
    const limit = pruneLimit(request);
    const jobCount = jobs.run({ before: request.jobsBefore.getTime(), limit }).changes;
    const deliveryCount = deliveries.run({ before: request.deliveriesBefore.getTime(), limit }).changes;
    const gone = plans.all({ before: request.plansBefore.getTime(), limit }) as { repository: string; pull_number: number; declaration_path: string }[];
    for (const row of gone) {
      closedEntry.run(row.repository, row.pull_number, row.declaration_path);
      planCommits.run(row.repository, row.pull_number, row.declaration_path);
    }
    return { deliveries: deliveryCount, jobs: jobCount, publishedPlans: gone.length };
  });

  return { prune: (request: PruneRequest): PruneResult => prune.immediate(request) };
}

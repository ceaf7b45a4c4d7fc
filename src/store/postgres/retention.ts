// Retention on PostgreSQL: the same rules and batches as the SQLite store (sqlite/retention-queries.ts).
import type pg from "pg";
import type { PruneRequest, PruneResult } from "../records.js";
import { CLOSED_AND_NOT_HELD, FINISHED_STATES, pruneLimit } from "../sqlite/retention-queries.js";
import { query, transaction } from "./sql.js";

export async function prune(pool: pg.Pool, request: PruneRequest): Promise<PruneResult> {
  const limit = pruneLimit(request);
  return transaction(pool, async (client) => {
    // Oldest ids first (see the SQLite store); SKIP LOCKED: a row another transaction holds waits for the next round.
    const jobs = await query(
      client,
      `DELETE FROM jobs WHERE id IN (
         SELECT id FROM jobs WHERE state IN ${FINISHED_STATES} AND finished_at < $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [request.jobsBefore.getTime(), limit],
    );
    const deliveries = await query(
      client,
      `DELETE FROM deliveries WHERE id IN (
         SELECT d.id FROM deliveries d WHERE d.received_at < $1
           AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.delivery_id = d.id)
         ORDER BY d.received_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [request.deliveriesBefore.getTime(), limit],
    );
    const plans = await query<{ repository: string; pull_number: number; declaration_path: string }>(
      client,
      `DELETE FROM published_plans WHERE (repository, pull_number, declaration_path) IN (
         SELECT p.repository, p.pull_number, p.declaration_path FROM published_plans p
         WHERE p.published_at < $1
           AND ${CLOSED_AND_NOT_HELD}
         ORDER BY p.published_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING repository, pull_number, declaration_path`,
      [request.plansBefore.getTime(), limit],
    );
    for (const row of plans.rows) {
      const declaration = [row.repository, row.pull_number, row.declaration_path];
      await query(client, "DELETE FROM pull_request_clusters WHERE repository = $1 AND pull_number = $2 AND declaration_path = $3 AND open = 0", declaration);
      await query(client, "DELETE FROM published_plan_commits WHERE repository = $1 AND pull_number = $2 AND declaration_path = $3", declaration);
    }
    return { deliveries: deliveries.rowCount ?? 0, jobs: jobs.rowCount ?? 0, publishedPlans: plans.rows.length };
  });
}

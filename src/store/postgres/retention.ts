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
    // Their closed pull requests' cluster entries and planned commits go too: one statement each, not one per plan.
    const gone = [plans.rows.map((row) => row.repository), plans.rows.map((row) => row.pull_number), plans.rows.map((row) => row.declaration_path)];
    const goneWhere = "g.repository = t.repository AND g.pull_number = t.pull_number AND g.declaration_path = t.declaration_path";
    const goneTable = "unnest($1::text[], $2::integer[], $3::text[]) AS g (repository, pull_number, declaration_path)";
    if (plans.rows.length > 0) {
      await query(client, `DELETE FROM pull_request_clusters t USING ${goneTable} WHERE ${goneWhere} AND t.open = 0`, gone);
      await query(client, `DELETE FROM published_plan_commits t USING ${goneTable} WHERE ${goneWhere}`, gone);
    }
    return { deliveries: deliveries.rowCount ?? 0, jobs: jobs.rowCount ?? 0, publishedPlans: plans.rows.length };
  });
}

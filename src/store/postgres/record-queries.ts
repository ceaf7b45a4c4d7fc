// Deliveries, published plans, held applies, open pull requests per cluster and the apply audit on
// PostgreSQL; same rules and row shapes as the SQLite store.
import type { ApplyAuditEntry, ApplyAuditFilter, ApplyAuditRecord, HeldApply, PlannedCommit, PublishedPlan, PullRequestCluster } from "../records.js";
import { auditFromRow, type ApplyAuditRow } from "../sqlite/audit-queries.js";
import { declarationFromRow, type DeclarationRow } from "../sqlite/declaration-row.js";
import {
  heldApplyFromRow,
  PLANNED_COMMITS_LIMIT,
  plannedCommitFromRow,
  publishedPlanFromRow,
  type HeldApplyRow,
  type PlannedCommitRow,
  type PublishedPlanRow,
} from "../sqlite/plan-queries.js";
import { query, type Sql } from "./sql.js";

const declarationWhere = "repository = $1 AND pull_number = $2 AND declaration_path = $3";

export async function recordDelivery(sql: Sql, id: string, event: string, receivedAt: Date): Promise<boolean> {
  const { rowCount } = await query(sql, "INSERT INTO deliveries (id, event, received_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING", [id, event, receivedAt.getTime()]);
  return rowCount === 1;
}

export async function savePublishedPlan(sql: Sql, plan: PublishedPlan): Promise<boolean> {
  // A commit planned again keeps its latest plan (run in the store's write transaction).
  await query(
    sql,
    `INSERT INTO published_plan_commits AS c (repository, pull_number, declaration_path, head_sha, plan_hash, published_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (repository, pull_number, declaration_path, head_sha) DO UPDATE SET
       plan_hash = excluded.plan_hash, published_at = excluded.published_at
     WHERE excluded.published_at >= c.published_at`,
    [plan.repository, plan.pullNumber, plan.declarationPath, plan.headSha, plan.planHash, plan.publishedAt.getTime()],
  );
  // An older plan finishing late never replaces a newer one.
  const { rowCount } = await query(
    sql,
    `INSERT INTO published_plans AS p (repository, pull_number, declaration_path, head_sha, plan_hash, plan, comment_id, published_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (repository, pull_number, declaration_path) DO UPDATE SET
       head_sha = excluded.head_sha, plan_hash = excluded.plan_hash, plan = excluded.plan,
       comment_id = coalesce(excluded.comment_id, p.comment_id), published_at = excluded.published_at
     WHERE excluded.published_at >= p.published_at`,
    [plan.repository, plan.pullNumber, plan.declarationPath, plan.headSha, plan.planHash, JSON.stringify(plan.plan), plan.commentId ?? null, plan.publishedAt.getTime()],
  );
  return rowCount === 1;
}

export async function latestPublishedPlan(sql: Sql, repository: string, pullNumber: number, declarationPath: string): Promise<PublishedPlan | null> {
  const { rows } = await query<PublishedPlanRow>(sql, `SELECT * FROM published_plans WHERE ${declarationWhere}`, [repository, pullNumber, declarationPath]);
  return rows[0] === undefined ? null : publishedPlanFromRow(rows[0]);
}

export async function publishedPlanCommits(sql: Sql, repository: string, pullNumber: number, declarationPath: string): Promise<PlannedCommit[]> {
  const { rows } = await query<PlannedCommitRow>(
    sql,
    `SELECT head_sha, plan_hash, published_at FROM published_plan_commits WHERE ${declarationWhere} ORDER BY published_at DESC, head_sha LIMIT ${PLANNED_COMMITS_LIMIT}`,
    [repository, pullNumber, declarationPath],
  );
  return rows.map(plannedCommitFromRow);
}

export async function saveHeldApply(sql: Sql, held: HeldApply): Promise<void> {
  await query(
    sql,
    `INSERT INTO held_applies (repository, pull_number, declaration_path, cluster_key, merge_sha, merged_by, plan_hash, plan, reason, held_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (repository, pull_number, declaration_path) DO UPDATE SET
       cluster_key = excluded.cluster_key, merge_sha = excluded.merge_sha, merged_by = excluded.merged_by,
       plan_hash = excluded.plan_hash, plan = excluded.plan, reason = excluded.reason, held_at = excluded.held_at`,
    [held.repository, held.pullNumber, held.declarationPath, held.clusterKey, held.mergeSha, held.mergedBy, held.planHash, JSON.stringify(held.plan), held.reason, held.heldAt.getTime()],
  );
}

/** One DELETE … RETURNING: only one caller gets the row. */
export async function takeHeldApply(sql: Sql, repository: string, pullNumber: number, declarationPath: string): Promise<HeldApply | null> {
  const { rows } = await query<HeldApplyRow>(sql, `DELETE FROM held_applies WHERE ${declarationWhere} RETURNING *`, [repository, pullNumber, declarationPath]);
  return rows[0] === undefined ? null : heldApplyFromRow(rows[0]);
}

export async function rememberPullRequestCluster(sql: Sql, entry: PullRequestCluster): Promise<void> {
  await query(
    sql,
    `INSERT INTO pull_request_clusters (repository, pull_number, declaration_path, cluster_key, open) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (repository, pull_number, declaration_path) DO UPDATE SET cluster_key = excluded.cluster_key, open = excluded.open`,
    [entry.repository, entry.pullNumber, entry.declarationPath, entry.clusterKey, entry.open ? 1 : 0],
  );
}

export async function closePullRequest(sql: Sql, repository: string, pullNumber: number): Promise<void> {
  await query(sql, "UPDATE pull_request_clusters SET open = 0 WHERE repository = $1 AND pull_number = $2", [repository, pullNumber]);
}

export async function openPullRequestsForCluster(sql: Sql, clusterKey: string): Promise<PullRequestCluster[]> {
  const { rows } = await query<DeclarationRow & { cluster_key: string; open: number }>(
    sql,
    // COLLATE "C": the same order as SQLite's (byte order), whatever the database's locale.
    `SELECT * FROM pull_request_clusters WHERE cluster_key = $1 AND open = 1
     ORDER BY repository COLLATE "C", pull_number, declaration_path COLLATE "C"`,
    [clusterKey],
  );
  return rows.map((row) => ({ ...declarationFromRow(row), clusterKey: row.cluster_key, open: row.open === 1 }));
}

export async function recordApplyAudit(sql: Sql, entry: ApplyAuditEntry): Promise<ApplyAuditRecord> {
  const { rows } = await query<{ id: number }>(
    sql,
    `INSERT INTO apply_audit (repository, pull_number, declaration_path, cluster_key, merged_by, merge_sha, plan_hash, started_at, finished_at, result, summary)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [entry.repository, entry.pullNumber, entry.declarationPath, entry.clusterKey, entry.mergedBy, entry.mergeSha, entry.planHash, entry.startedAt.getTime(), entry.finishedAt.getTime(), entry.result, JSON.stringify(entry.summary)],
  );
  return { ...entry, id: String(rows[0]?.id) };
}

export async function listApplyAudit(sql: Sql, filter: ApplyAuditFilter = {}): Promise<ApplyAuditRecord[]> {
  const columns = { repository: "repository", pullNumber: "pull_number", clusterKey: "cluster_key", result: "result" } as const;
  const clauses: string[] = [];
  const values: unknown[] = [];
  for (const [field, column] of Object.entries(columns) as [keyof typeof columns, string][]) {
    const value = filter[field];
    if (value === undefined) continue;
    values.push(value);
    clauses.push(`${column} = $${values.length}`);
  }
  values.push(Math.max(0, Math.floor(filter.limit ?? 100)));
  const where = clauses.length ? ` WHERE ${clauses.join(" AND ")}` : "";
  const { rows } = await query<ApplyAuditRow>(sql, `SELECT * FROM apply_audit${where} ORDER BY id DESC LIMIT $${values.length}`, values);
  return rows.map(auditFromRow);
}

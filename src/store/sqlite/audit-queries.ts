// The apply audit trail: who merged, what ran, with which result.
import type Database from "better-sqlite3";
import { declarationFromRow, type DeclarationRow } from "./declaration-row.js";
import type { Json } from "../../resources/types.js";
import { whereEquals } from "./where.js";
import type { ApplyAuditEntry, ApplyAuditFilter, ApplyAuditRecord, ApplyResult } from "../records.js";

export interface ApplyAuditRow extends DeclarationRow {
  id: number;
  cluster_key: string;
  merged_by: string;
  merge_sha: string;
  plan_hash: string;
  started_at: number;
  finished_at: number;
  result: ApplyResult;
  summary: string;
}

export function createAuditQueries(db: Database.Database) {
  const insert = db.prepare(`INSERT INTO apply_audit
    (repository, pull_number, declaration_path, cluster_key, merged_by, merge_sha, plan_hash, started_at, finished_at, result, summary)
    VALUES (@repository, @pullNumber, @declarationPath, @clusterKey, @mergedBy, @mergeSha, @planHash, @startedAt, @finishedAt, @result, @summary)`);

  return {
    recordApplyAudit(entry: ApplyAuditEntry): ApplyAuditRecord {
      const { lastInsertRowid } = insert.run({
        ...entry,
        startedAt: entry.startedAt.getTime(),
        finishedAt: entry.finishedAt.getTime(),
        summary: JSON.stringify(entry.summary),
      });
      return { ...entry, id: String(lastInsertRowid) };
    },
    listApplyAudit(filter: ApplyAuditFilter = {}): ApplyAuditRecord[] {
      const limit = Math.max(0, Math.floor(filter.limit ?? 100));
      const columns = { repository: "repository", pullNumber: "pull_number", clusterKey: "cluster_key", result: "result" };
      const { sql: where, params } = whereEquals(filter, columns, { limit });
      const sql = `SELECT * FROM apply_audit${where} ORDER BY id DESC LIMIT @limit`;
      return (db.prepare(sql).all(params) as ApplyAuditRow[]).map(auditFromRow);
    },
  };
}

/** Shared with the PostgreSQL store, whose rows have the same shape. */
export function auditFromRow(row: ApplyAuditRow): ApplyAuditRecord {
  return {
    id: String(row.id),
    ...declarationFromRow(row),
    clusterKey: row.cluster_key,
    mergedBy: row.merged_by,
    mergeSha: row.merge_sha,
    planHash: row.plan_hash,
    startedAt: new Date(row.started_at),
    finishedAt: new Date(row.finished_at),
    result: row.result,
    summary: JSON.parse(row.summary) as Json,
  };
}

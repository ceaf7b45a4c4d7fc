// Published plans (latest wins) and held applies (taken once).
import type Database from "better-sqlite3";
import { declarationFromRow, type DeclarationRow } from "./declaration-row.js";
import type { Plan } from "../../plan/types.js";
import type { HeldApply, PlannedCommit, PublishedPlan } from "../records.js";

export interface PublishedPlanRow extends DeclarationRow {
  head_sha: string;
  plan_hash: string;
  plan: string;
  comment_id: number | null;
  published_at: number;
}

export interface HeldApplyRow extends DeclarationRow {
  cluster_key: string;
  merge_sha: string;
  merged_by: string;
  plan_hash: string;
  plan: string;
  reason: string;
  held_at: number;
}

const declarationWhere = "repository = ? AND pull_number = ? AND declaration_path = ?";

/** Most planned commits returned per declaration (newest first). */
export const PLANNED_COMMITS_LIMIT = 1000;

export interface PlannedCommitRow {
  head_sha: string;
  plan_hash: string;
  published_at: number;
}

/** Shared with the PostgreSQL store, whose rows have the same shape. */
export function plannedCommitFromRow(row: PlannedCommitRow): PlannedCommit {
  return { headSha: row.head_sha, planHash: row.plan_hash, publishedAt: new Date(row.published_at) };
}

export function createPlanQueries(db: Database.Database) {
  // An older plan finishing late never replaces a newer one.
  const upsertPublished = db.prepare(`INSERT INTO published_plans
    (repository, pull_number, declaration_path, head_sha, plan_hash, plan, comment_id, published_at)
    VALUES (@repository, @pullNumber, @declarationPath, @headSha, @planHash, @plan, @commentId, @publishedAt)
    ON CONFLICT (repository, pull_number, declaration_path) DO UPDATE SET
      head_sha = excluded.head_sha, plan_hash = excluded.plan_hash, plan = excluded.plan,
      comment_id = coalesce(excluded.comment_id, comment_id), published_at = excluded.published_at
    WHERE excluded.published_at >= published_at`);
  const selectPublished = db.prepare(`SELECT * FROM published_plans WHERE ${declarationWhere}`);
  // A commit planned again keeps its latest plan.
  const upsertCommit = db.prepare(`INSERT INTO published_plan_commits
    (repository, pull_number, declaration_path, head_sha, plan_hash, published_at)
    VALUES (@repository, @pullNumber, @declarationPath, @headSha, @planHash, @publishedAt)
    ON CONFLICT (repository, pull_number, declaration_path, head_sha) DO UPDATE SET
      plan_hash = excluded.plan_hash, published_at = excluded.published_at
    WHERE excluded.published_at >= published_at`);
  const selectCommits = db.prepare(`SELECT head_sha, plan_hash, published_at FROM published_plan_commits
    WHERE ${declarationWhere} ORDER BY published_at DESC, head_sha LIMIT ${PLANNED_COMMITS_LIMIT}`);
  const upsertHeld = db.prepare(`INSERT OR REPLACE INTO held_applies
    (repository, pull_number, declaration_path, cluster_key, merge_sha, merged_by, plan_hash, plan, reason, held_at)
    VALUES (@repository, @pullNumber, @declarationPath, @clusterKey, @mergeSha, @mergedBy, @planHash, @plan, @reason, @heldAt)`);
  const deleteHeld = db.prepare(`DELETE FROM held_applies WHERE ${declarationWhere} RETURNING *`);

  return {
    savePublishedPlan(plan: PublishedPlan): boolean {
      const params = {
        repository: plan.repository,
        pullNumber: plan.pullNumber,
        declarationPath: plan.declarationPath,
        headSha: plan.headSha,
        planHash: plan.planHash,
        plan: JSON.stringify(plan.plan),
        commentId: plan.commentId ?? null,
        publishedAt: plan.publishedAt.getTime(),
      };
      return db.transaction(() => {
        upsertCommit.run(params);
        return upsertPublished.run(params).changes === 1;
      })();
    },
    publishedPlanCommits(repository: string, pullNumber: number, declarationPath: string): PlannedCommit[] {
      const rows = selectCommits.all(repository, pullNumber, declarationPath) as PlannedCommitRow[];
      return rows.map(plannedCommitFromRow);
    },
    latestPublishedPlan(repository: string, pullNumber: number, declarationPath: string): PublishedPlan | null {
      const row = selectPublished.get(repository, pullNumber, declarationPath) as PublishedPlanRow | undefined;
      return row === undefined ? null : publishedPlanFromRow(row);
    },
    saveHeldApply(held: HeldApply): void {
      upsertHeld.run({ ...held, plan: JSON.stringify(held.plan), heldAt: held.heldAt.getTime() });
    },
    /** A single DELETE … RETURNING: atomic, so only one caller gets the row. */
    takeHeldApply(repository: string, pullNumber: number, declarationPath: string): HeldApply | null {
      const row = deleteHeld.get(repository, pullNumber, declarationPath) as HeldApplyRow | undefined;
      return row === undefined ? null : heldApplyFromRow(row);
    },
  };
}

/** Shared with the PostgreSQL store, whose rows have the same shape. */
export function publishedPlanFromRow(row: PublishedPlanRow): PublishedPlan {
  return {
    ...declarationFromRow(row),
    headSha: row.head_sha,
    planHash: row.plan_hash,
    plan: JSON.parse(row.plan) as Plan,
    commentId: row.comment_id,
    publishedAt: new Date(row.published_at),
  };
}

export function heldApplyFromRow(row: HeldApplyRow): HeldApply {
  return {
    ...declarationFromRow(row),
    clusterKey: row.cluster_key,
    mergeSha: row.merge_sha,
    mergedBy: row.merged_by,
    planHash: row.plan_hash,
    plan: JSON.parse(row.plan) as Plan,
    reason: row.reason,
    heldAt: new Date(row.held_at),
  };
}

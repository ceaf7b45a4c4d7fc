// Versioned schema migrations for the PostgreSQL store. Replicas starting together take a
// session advisory lock first, so exactly one applies each migration (in its own transaction) and
// the others wait, then find it applied. Append new migrations; never edit one that has shipped.
import type pg from "pg";
import { query } from "./sql.js";
import { recordDeliveriesFunction } from "./record-deliveries-function.js";
import { supersededIndex } from "./superseded-index.js";
import { writeFunctions } from "./write-functions.js";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: "deliveries, jobs, published plans, held applies, pull request clusters, apply audit",
    sql: `
      CREATE TABLE deliveries (
        id TEXT PRIMARY KEY,
        event TEXT NOT NULL,
        received_at BIGINT NOT NULL
      );
      CREATE TABLE jobs (
        id BIGSERIAL PRIMARY KEY,
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        payload TEXT NOT NULL,
        queue TEXT,
        coalesce_key TEXT,
        state TEXT NOT NULL CHECK (state IN ('pending', 'leased', 'completed', 'dead', 'superseded')),
        attempts INTEGER NOT NULL DEFAULT 0,
        lease_token INTEGER NOT NULL DEFAULT 0,
        lease_taken_over INTEGER NOT NULL DEFAULT 0,
        max_attempts INTEGER NOT NULL,
        enqueued_at BIGINT NOT NULL,
        run_after BIGINT NOT NULL,
        leased_by TEXT,
        lease_expires_at BIGINT,
        finished_at BIGINT,
        result TEXT,
        last_error TEXT,
        delivery_id TEXT REFERENCES deliveries (id),
        superseded_by BIGINT REFERENCES jobs (id),
        dedupe_key TEXT
      );
      CREATE INDEX jobs_active ON jobs (run_after, id) WHERE state IN ('pending', 'leased');
      CREATE INDEX jobs_state_kind ON jobs (state, kind);
      CREATE INDEX jobs_queue ON jobs (queue, state, id) WHERE queue IS NOT NULL;
      CREATE INDEX jobs_coalesce ON jobs (coalesce_key, state) WHERE coalesce_key IS NOT NULL;
      CREATE INDEX jobs_delivery ON jobs (delivery_id) WHERE delivery_id IS NOT NULL;
      CREATE INDEX jobs_dedupe ON jobs (dedupe_key, id) WHERE dedupe_key IS NOT NULL;
      CREATE INDEX jobs_coalesce_newest ON jobs (coalesce_key, id) WHERE coalesce_key IS NOT NULL;
      CREATE TABLE published_plans (
        repository TEXT NOT NULL,
        pull_number INTEGER NOT NULL,
        declaration_path TEXT NOT NULL,
        head_sha TEXT NOT NULL,
        plan_hash TEXT NOT NULL,
        plan TEXT NOT NULL,
        comment_id BIGINT,
        published_at BIGINT NOT NULL,
        PRIMARY KEY (repository, pull_number, declaration_path)
      );
      CREATE TABLE held_applies (
        repository TEXT NOT NULL,
        pull_number INTEGER NOT NULL,
        declaration_path TEXT NOT NULL,
        cluster_key TEXT NOT NULL,
        merge_sha TEXT NOT NULL,
        merged_by TEXT NOT NULL,
        plan_hash TEXT NOT NULL,
        plan TEXT NOT NULL,
        reason TEXT NOT NULL,
        held_at BIGINT NOT NULL,
        PRIMARY KEY (repository, pull_number, declaration_path)
      );
      CREATE TABLE pull_request_clusters (
        repository TEXT NOT NULL,
        pull_number INTEGER NOT NULL,
        declaration_path TEXT NOT NULL,
        cluster_key TEXT NOT NULL,
        open INTEGER NOT NULL,
        PRIMARY KEY (repository, pull_number, declaration_path)
      );
      CREATE INDEX pull_request_clusters_open ON pull_request_clusters (cluster_key, open);
      CREATE TABLE apply_audit (
        id BIGSERIAL PRIMARY KEY,
        repository TEXT NOT NULL,
        pull_number INTEGER NOT NULL,
        declaration_path TEXT NOT NULL,
        cluster_key TEXT NOT NULL,
        merged_by TEXT NOT NULL,
        merge_sha TEXT NOT NULL,
        plan_hash TEXT NOT NULL,
        started_at BIGINT NOT NULL,
        finished_at BIGINT NOT NULL,
        result TEXT NOT NULL CHECK (result IN ('succeeded', 'failed', 'refused', 'held')),
        summary TEXT NOT NULL
      );
      CREATE INDEX apply_audit_cluster ON apply_audit (cluster_key, id);
      CREATE INDEX apply_audit_pull ON apply_audit (repository, pull_number, id);
    `,
  },
  {
    version: 2,
    name: "cache (prices)",
    sql: `
      CREATE TABLE cache (
        key TEXT PRIMARY KEY,
        value JSONB NOT NULL,
        expires_at TIMESTAMPTZ NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: "job priorities (drift checks after pull-request plans)",
    sql: `
      ALTER TABLE jobs ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 4,
    name: "plan hash of each planned commit (approval check)",
    sql: `
      CREATE TABLE published_plan_commits (
        repository TEXT NOT NULL,
        pull_number INTEGER NOT NULL,
        declaration_path TEXT NOT NULL,
        head_sha TEXT NOT NULL,
        plan_hash TEXT NOT NULL,
        published_at BIGINT NOT NULL,
        PRIMARY KEY (repository, pull_number, declaration_path, head_sha)
      );
      INSERT INTO published_plan_commits (repository, pull_number, declaration_path, head_sha, plan_hash, published_at)
        SELECT repository, pull_number, declaration_path, head_sha, plan_hash, published_at FROM published_plans;
    `,
  },
  writeFunctions,
  recordDeliveriesFunction,
  supersededIndex,
];

/** The highest version in `list`: what a store of this code needs. */
export function latestVersion(list: readonly Migration[] = migrations): number {
  return Math.max(0, ...list.map((migration) => migration.version));
}

/** Applies the migrations not applied yet; returns the versions it applied. */
export async function migrate(pool: pg.Pool, list: readonly Migration[] = migrations, now: Date = new Date()): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    // Held by this connection; closing it (below) releases the lock, however this ends.
    await client.query("SELECT pg_advisory_lock(hashtextextended('okctl:migrations', 0))");
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at BIGINT NOT NULL
    )`);
    const done = new Set((await query<{ version: number }>(client, "SELECT version FROM schema_migrations")).rows.map((row) => row.version));
    for (const migration of [...list].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await query(client, "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [migration.version, migration.name, now.getTime()]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw new Error(`migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(migration.version);
    }
  } finally {
    client.release(true);
  }
  return applied;
}

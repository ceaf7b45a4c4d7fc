// Versioned schema migrations. Each runs once, in its own IMMEDIATE transaction, and is recorded
// in schema_migrations; reopening a store (or two processes opening it at once) applies nothing
// twice. Append new migrations; never edit one that has shipped.
import type Database from "better-sqlite3";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: "deliveries and jobs",
    sql: `
      CREATE TABLE deliveries (
        id TEXT PRIMARY KEY,
        event TEXT NOT NULL,
        received_at INTEGER NOT NULL
      );
      CREATE TABLE jobs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        payload TEXT NOT NULL,
        queue TEXT,
        coalesce_key TEXT,
        state TEXT NOT NULL CHECK (state IN ('pending', 'leased', 'completed', 'dead', 'superseded')),
        attempts INTEGER NOT NULL DEFAULT 0,
        max_attempts INTEGER NOT NULL,
        enqueued_at INTEGER NOT NULL,
        run_after INTEGER NOT NULL,
        leased_by TEXT,
        lease_expires_at INTEGER,
        finished_at INTEGER,
        result TEXT,
        last_error TEXT,
        delivery_id TEXT REFERENCES deliveries (id),
        superseded_by INTEGER REFERENCES jobs (id)
      );
      CREATE INDEX jobs_runnable ON jobs (state, run_after, id);
      CREATE INDEX jobs_queue ON jobs (queue, state, id) WHERE queue IS NOT NULL;
      CREATE INDEX jobs_coalesce ON jobs (coalesce_key, state) WHERE coalesce_key IS NOT NULL;
    `,
  },
  {
    version: 2,
    name: "published plans, held applies, pull request clusters, apply audit",
    sql: `
      CREATE TABLE published_plans (
        repository TEXT NOT NULL,
        pull_number INTEGER NOT NULL,
        declaration_path TEXT NOT NULL,
        head_sha TEXT NOT NULL,
        plan_hash TEXT NOT NULL,
        plan TEXT NOT NULL,
        comment_id INTEGER,
        published_at INTEGER NOT NULL,
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
        held_at INTEGER NOT NULL,
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
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        repository TEXT NOT NULL,
        pull_number INTEGER NOT NULL,
        declaration_path TEXT NOT NULL,
        cluster_key TEXT NOT NULL,
        merged_by TEXT NOT NULL,
        merge_sha TEXT NOT NULL,
        plan_hash TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        finished_at INTEGER NOT NULL,
        result TEXT NOT NULL CHECK (result IN ('succeeded', 'failed', 'refused', 'held')),
        summary TEXT NOT NULL
      );
      CREATE INDEX apply_audit_cluster ON apply_audit (cluster_key, id);
      CREATE INDEX apply_audit_pull ON apply_audit (repository, pull_number, id);
    `,
  },
  {
    version: 3,
    name: "job dedupe keys",
    sql: `
      ALTER TABLE jobs ADD COLUMN dedupe_key TEXT;
      CREATE INDEX jobs_dedupe ON jobs (dedupe_key) WHERE dedupe_key IS NOT NULL;
    `,
  },
  {
    version: 4,
    name: "lease tokens (fencing)",
    sql: `
      ALTER TABLE jobs ADD COLUMN lease_token INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE jobs ADD COLUMN lease_taken_over INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 5,
    name: "cache (prices)",
    sql: `
      CREATE TABLE cache (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: "job priorities (drift checks after pull-request plans)",
    sql: `
      ALTER TABLE jobs ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 7,
    name: "plan hash of each planned commit (approval check)",
    sql: `
      CREATE TABLE published_plan_commits (
        repository TEXT NOT NULL,
        pull_number INTEGER NOT NULL,
        declaration_path TEXT NOT NULL,
        head_sha TEXT NOT NULL,
        plan_hash TEXT NOT NULL,
        published_at INTEGER NOT NULL,
        PRIMARY KEY (repository, pull_number, declaration_path, head_sha)
      );
      INSERT INTO published_plan_commits (repository, pull_number, declaration_path, head_sha, plan_hash, published_at)
        SELECT repository, pull_number, declaration_path, head_sha, plan_hash, published_at FROM published_plans;
    `,
  },
  {
    version: 8,
    name: "indexes: the newest job of a coalesce key, and the columns foreign keys point from",
    // Without them, each enqueue sorted every job its coalesce key ever had (a pull request's whole
    // history), and retention scanned the whole jobs table for every job it deleted (the foreign
    // key's check for jobs it superseded) and for every delivery it considered (jobs of that
    // delivery): 500 deletions from 20,000 jobs took over a second, with the event loop held.
    sql: `
      CREATE INDEX jobs_coalesce_newest ON jobs (coalesce_key, id) WHERE coalesce_key IS NOT NULL;
      CREATE INDEX jobs_superseded_by ON jobs (superseded_by) WHERE superseded_by IS NOT NULL;
      CREATE INDEX jobs_delivery ON jobs (delivery_id) WHERE delivery_id IS NOT NULL;
    `,
  },
];

/** Applies the migrations not applied yet; returns the versions it applied. */
export function migrate(db: Database.Database, list: readonly Migration[] = migrations, now: Date = new Date()): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const isApplied = db.prepare("SELECT 1 FROM schema_migrations WHERE version = ?").pluck();
  const record = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
  const applied: number[] = [];
  for (const migration of [...list].sort((a, b) => a.version - b.version)) {
    db.transaction(() => {
      // Checked inside the write transaction: another process may have applied it meanwhile.
      if (isApplied.get(migration.version) !== undefined) return;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, now.getTime());
      applied.push(migration.version);
    }).immediate();
  }
  return applied;
}

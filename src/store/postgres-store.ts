// The server store: PostgreSQL, shared by any number of okctl replicas. Leases are taken with
// FOR UPDATE SKIP LOCKED plus transaction advisory locks on the job's queue and coalesce key, so
// one cluster's applies never overlap and keep their order across replicas; a worker's writes for
// a job lock the job's row under its lease first (fencing). Migrations run when the store opens.
import type { Json } from "../resources/types.js";
import type pg from "pg";
import type { Store } from "./store.js";
import { LeaseLostError, type JobLease } from "./lease.js";
import * as jobs from "./postgres/job-queries.js";
import { migrate } from "./postgres/migrations.js";
import * as records from "./postgres/record-queries.js";
import { prune } from "./postgres/retention.js";
import * as statistics from "./postgres/statistics.js";
import { createPool, query, transaction, type Sql } from "./postgres/sql.js";
import { callBatcher } from "./postgres/call-batcher.js";
import type { DeliveryOutcome } from "./store.js";

export interface PostgresStoreOptions {
  /** postgres://user:password@host:port/database?… (OKCTL_DATABASE_URL). */
  connectionString: string;
  /** Connections per replica (default 10). */
  poolSize?: number;
  /** Shown in pg_stat_activity (default "okctl"). */
  applicationName?: string;
  /** How long to wait for a connection before failing a call (default 10 s). */
  connectionTimeoutMs?: number;
  /**
   * Migrate the schema on open (default true, as the server does). An operator's tool opens the
   * server's store without migrating it and checks it with ping() instead.
   */
  migrate?: boolean;
}

export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const pool = createPool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    application_name: options.applicationName ?? "okctl",
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
    // A statement that hangs (a lock never granted, a network partition) fails instead of hanging a worker.
    statement_timeout: 30_000,
  });
  // An idle client losing its connection (a database restart) must not crash the process.
  pool.on("error", () => undefined);
  try {
    if (options.migrate ?? true) await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return postgresStore(pool);
}

function postgresStore(pool: pg.Pool): Store {
  // Deliveries that arrive while earlier ones are at the database are recorded together: one
  // round trip and one commit for the lot (group commit), which is what a webhook awaits.
  const deliveries = callBatcher<jobs.DeliveryWithJobs, DeliveryOutcome>({
    sendBatch: (batch) => jobs.recordDeliveriesAndEnqueue(pool, batch),
    sendOne: ({ delivery, jobs: list }) => jobs.recordDeliveryAndEnqueue(pool, delivery, list),
  });
  function build(fence: JobLease | undefined): Store {
    /** A write in a transaction that, when fenced, first locks the job's row under its lease. */
    const write =
      <A extends unknown[], R>(fn: (sql: Sql, ...args: A) => Promise<R>) =>
      (...args: A): Promise<R> =>
        transaction(pool, async (client) => {
          if (fence !== undefined && !(await jobs.lockLease(client, fence))) throw new LeaseLostError(fence);
          return fn(client, ...args);
        });
    /** A write of one statement (its own transaction): sent as it is unless fenced. */
    const writeOne =
      <A extends unknown[], R>(fn: (sql: Sql, ...args: A) => Promise<R>) =>
      (...args: A): Promise<R> =>
        fence === undefined ? fn(pool, ...args) : write(fn)(...args);
    return {
      recordDelivery: writeOne(records.recordDelivery),
      recordDeliveryAndEnqueue: (delivery, list) =>
        fence === undefined ? deliveries.call({ delivery, jobs: list }) : write(jobs.recordDeliveryAndEnqueue)(delivery, list),
      enqueueJob: writeOne(jobs.enqueueJob),
      leaseNextJob: (workerId, leaseMs, now) => jobs.leaseNextJob(pool, workerId, leaseMs, now),
      heartbeat: (lease, leaseMs, now) => jobs.heartbeat(pool, lease, leaseMs, now),
      completeJob: (lease, result, now) => jobs.completeJob(pool, lease, result, now),
      failJob: (lease, error, options) => jobs.failJob(pool, lease, error, options),
      releaseJob: (lease, now) => jobs.releaseJob(pool, lease, now),
      holdsLease: (lease, now) => jobs.holdsLease(pool, lease, now),
      retryJob: (jobId, now) => jobs.retryJob(pool, jobId, now),
      withLease: (lease) => build(lease),
      getJob: (jobId) => jobs.getJob(pool, jobId),
      jobStatistics: () => statistics.jobStatistics(pool),
      ping: () => statistics.ping(pool),
      listJobs: (filter) => jobs.listJobs(pool, filter),
      savePublishedPlan: write(records.savePublishedPlan),
      latestPublishedPlan: (repository, pullNumber, path) => records.latestPublishedPlan(pool, repository, pullNumber, path),
      publishedPlanCommits: (repository, pullNumber, path) => records.publishedPlanCommits(pool, repository, pullNumber, path),
      saveHeldApply: write(records.saveHeldApply),
      takeHeldApply: write(records.takeHeldApply),
      rememberPullRequestCluster: write(records.rememberPullRequestCluster),
      openPullRequestsForCluster: (key) => records.openPullRequestsForCluster(pool, key),
      closePullRequest: write(records.closePullRequest),
      recordApplyAudit: write(records.recordApplyAudit),
      listApplyAudit: (filter) => records.listApplyAudit(pool, filter),
      prune: (request) => prune(pool, request),
      cachedValue: async (key, now) => {
        const { rows } = await query<{ value: Json }>(pool, "SELECT value FROM cache WHERE key = $1 AND expires_at > $2", [key, now]);
        return rows[0]?.value;
      },
      cacheValue: async (key, value, expiresAt) => {
        await query(pool, "INSERT INTO cache (key, value, expires_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at", [key, JSON.stringify(value), expiresAt]);
      },
      close: async () => {
        if (fence !== undefined || pool.ended) return;
        await deliveries.drain();
        await pool.end();
      },
    };
  }
  return build(undefined);
}

// The embedded store: one SQLite file (okctl.sqlite) in the data directory, in WAL mode, safe to
// share between processes on one machine. Several replicas need the server store instead.
import type { Json } from "../resources/types.js";
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Delivery, DeliveryOutcome, NewJob, Store } from "./store.js";
import { LeaseLostError, type JobLease } from "./lease.js";
import { createAuditQueries } from "./sqlite/audit-queries.js";
import { createDeliveryQueries } from "./sqlite/delivery-queries.js";
import { groupCommit } from "./sqlite/group-commit.js";
import { createJobQueries } from "./sqlite/job-queries.js";
import { createLeaseQueries } from "./sqlite/job-lease.js";
import { migrate } from "./sqlite/migrations.js";
import { createPlanQueries } from "./sqlite/plan-queries.js";
import { createPullRequestQueries } from "./sqlite/pull-request-queries.js";
import { createRetentionQueries } from "./sqlite/retention-queries.js";
import { createStatisticsQueries } from "./sqlite/statistics-queries.js";

export const sqliteFileName = "okctl.sqlite";

export type SqliteStoreOptions =
  /** A durable store in `dataDir` (created if missing). The caller reads OKCTL_DATA_DIR. */
  | { dataDir: string; busyTimeoutMs?: number; onLooseMode?: (message: string) => void }
  /** A private in-memory store, for unit tests. */
  | { memory: true };

export function openSqliteStore(options: SqliteStoreOptions): Store {
  const db = "memory" in options ? new Database(":memory:") : openFile(options.dataDir, options.busyTimeoutMs ?? 5_000, options.onLooseMode);
  db.pragma("foreign_keys = ON");
  migrate(db);
  return sqliteStore(db);
}

/** Tightens `path` to `mode` if group or others have any access to it; says so. */
function tighten(path: string, mode: number, what: string, onLooseMode: (message: string) => void): void {
  let current: number;
  try {
    current = statSync(path).mode & 0o777;
  } catch {
    return; // not there (yet)
  }
  if ((current & 0o077) === 0) return;
  chmodSync(path, mode);
  onLooseMode(`${what} ${path} was readable by others (mode ${current.toString(8).padStart(3, "0")}): changed to ${mode.toString(8).padStart(3, "0")}`);
}

/** The store's files (the database and SQLite's -wal and -shm beside it). */
const storeFiles = (dataDir: string): string[] => ["", "-wal", "-shm", "-journal"].map((suffix) => join(dataDir, `${sqliteFileName}${suffix}`));

// The directory is the owner's alone (0700), the files too (0600): the store holds plans (which
// name accounts and resources) and the delivery history. Looser modes found at start are fixed.
function openFile(dataDir: string, busyTimeoutMs: number, onLooseMode: (message: string) => void = () => {}): Database.Database {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  tighten(dataDir, 0o700, "The data directory", onLooseMode);
  const file = join(dataDir, sqliteFileName);
  closeSync(openSync(file, "a", 0o600)); // created 0600 whatever the umask; SQLite gives -wal and -shm the same mode
  for (const path of storeFiles(dataDir)) tighten(path, 0o600, "The store file", onLooseMode);
  const db = new Database(file);
  // Set before anything else: another process may hold the write lock right now.
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  db.pragma("journal_mode = WAL");
  // In WAL mode NORMAL survives a process crash; only an OS crash may lose the last commits.
  db.pragma("synchronous = NORMAL");
  return db;
}

function sqliteStore(db: Database.Database): Store {
  const deliveries = createDeliveryQueries(db);
  const jobs = createJobQueries(db);
  const leases = createLeaseQueries(db);
  const plans = createPlanQueries(db);
  const pullRequests = createPullRequestQueries(db);
  const audit = createAuditQueries(db);
  const statistics = createStatisticsQueries(db);
  const retention = createRetentionQueries(db);
  const readCache = db.prepare("SELECT value FROM cache WHERE key = ? AND expires_at > ?");
  const writeCache = db.prepare("INSERT INTO cache (key, value, expires_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at");

  const recordDeliveryWithJobs = (delivery: Delivery, list: readonly NewJob[]): DeliveryOutcome => {
    if (!deliveries.recordDelivery(delivery.id, delivery.event, delivery.receivedAt)) return { isNew: false, jobs: [] };
    return { isNew: true, jobs: jobs.enqueueNew(list, delivery.receivedAt, delivery.id) };
  };
  const recordDeliveryAndEnqueue = db.transaction(recordDeliveryWithJobs);
  // The webhook path: deliveries arriving together are committed together (each in the savepoint
  // groupCommit gives it, not in a second one of its own).
  const deliveriesTogether = groupCommit(db, recordDeliveryWithJobs);
  const enqueue = db.transaction(jobs.enqueue);
  const failJob = db.transaction(jobs.failJob);
  // A fenced write: the lease check and the write in one IMMEDIATE transaction.
  const fenced = db.transaction((lease: JobLease, write: () => unknown): unknown => {
    if (!leases.isCurrent(lease)) throw new LeaseLostError(lease);
    return write();
  });

  function build(fence: JobLease | undefined): Store {
    // better-sqlite3 is synchronous; async functions turn its exceptions into rejections.
    const write =
      <A extends unknown[], R>(fn: (...args: A) => R) =>
      async (...args: A): Promise<R> =>
        fence === undefined ? fn(...args) : (fenced.immediate(fence, () => fn(...args)) as R);
    return {
      recordDelivery: write(deliveries.recordDelivery),
      recordDeliveryAndEnqueue: (delivery, list) =>
        fence === undefined ? deliveriesTogether.call(delivery, list) : write(recordDeliveryAndEnqueue)(delivery, list),
      enqueueJob: write((job: NewJob, now: Date) => enqueue.immediate(job, now, null)),
      leaseNextJob: async (workerId, leaseMs, now) => leases.leaseNextJob(workerId, leaseMs, now),
      heartbeat: async (lease, leaseMs, now) => leases.heartbeat(lease, leaseMs, now),
      completeJob: async (lease, result, now) => jobs.completeJob(lease, result, now),
      failJob: async (lease, error, options) => failJob.immediate(lease, error, options),
      releaseJob: async (lease, now) => jobs.releaseJob(lease, now),
      retryJob: async (jobId, now) => jobs.retryJob(jobId, now),
      holdsLease: async (lease, now) => leases.holdsLease(lease, now),
      withLease: (lease) => build(lease),
      getJob: async (jobId) => jobs.get(jobId),
      jobStatistics: async () => statistics.jobStatistics(),
      ping: async () => statistics.ping(),
      listJobs: async (filter) => jobs.list(filter),
      savePublishedPlan: write(plans.savePublishedPlan),
      latestPublishedPlan: async (repository, pullNumber, path) => plans.latestPublishedPlan(repository, pullNumber, path),
      publishedPlanCommits: async (repository, pullNumber, path) => plans.publishedPlanCommits(repository, pullNumber, path),
      saveHeldApply: write(plans.saveHeldApply),
      takeHeldApply: write(plans.takeHeldApply),
      rememberPullRequestCluster: write(pullRequests.rememberPullRequestCluster),
      openPullRequestsForCluster: async (key) => pullRequests.openPullRequestsForCluster(key),
      closePullRequest: write(pullRequests.closePullRequest),
      recordApplyAudit: write(audit.recordApplyAudit),
      listApplyAudit: async (filter) => audit.listApplyAudit(filter),
      prune: async (request) => retention.prune(request),
      cachedValue: async (key, now) => {
        const row = readCache.get(key, now.getTime()) as { value: string } | undefined;
        return row === undefined ? undefined : (JSON.parse(row.value) as Json);
      },
      cacheValue: async (key, value, expiresAt) => {
        writeCache.run(key, JSON.stringify(value), expiresAt.getTime());
      },
      close: async () => {
        if (fence !== undefined || !db.open) return;
        deliveriesTogether.flush();
        db.close();
      },
    };
  }
  return build(undefined);
}

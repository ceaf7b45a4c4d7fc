// Job queue throughput: jobs per second through the store's queue (enqueue → lease → complete),
// for SQLite (one replica) and for PostgreSQL with one and two replicas. Each replica is a child
// process of its own (its own store connection, its own event loop), as in production:
//   1. enqueue: every replica records its share of N deliveries, each enqueueing one plan job
//      (recordDeliveryAndEnqueue, what the webhook handler does), 8 at a time;
//   2. drain: every replica runs the real worker (src/store/worker.ts, 4 jobs at a time, the
//      server's default) with a handler that completes at once, until no job is runnable; with two
//      replicas they compete for the same jobs (FOR UPDATE SKIP LOCKED).
// Figures: enqueue jobs/s, lease+complete jobs/s, and end to end (N ÷ both phases' time).
// PostgreSQL is started from the installed binaries as the tests do (test/support/postgres-server.ts);
// without it the PostgreSQL lines fail saying what to install.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import { openSqliteStore } from "../src/store/sqlite-store.js";
import type { Store } from "../src/store/store.js";
import { startWorker } from "../src/store/worker.js";
import { createDatabase, startPostgresServer, type PostgresServer } from "../test/support/postgres-server.js";

export type StoreSpec = { kind: "sqlite"; dataDir: string } | { kind: "postgres"; url: string };

export interface QueueRun {
  store: "SQLite" | "PostgreSQL";
  replicas: number;
  jobs: number;
  enqueueMs: number;
  drainMs: number;
  enqueuePerSecond: number;
  drainPerSecond: number;
  endToEndPerSecond: number;
  /** Jobs each replica's worker completed (they add up to `jobs`). */
  completedByReplica: number[];
}

export interface QueueBenchmarkResult {
  runs: QueueRun[];
  /** Why the PostgreSQL lines did not run (PostgreSQL is not installed: what to install). */
  postgresMissing?: string;
  machine: { cpus: number; loadBefore: number; loadAfter: number };
}

const ENQUEUE_CONCURRENCY = 8;
const WORKER_CONCURRENCY = 4;

async function openBenchStore(spec: StoreSpec): Promise<Store> {
  if (spec.kind === "sqlite") return openSqliteStore({ dataDir: spec.dataDir });
  const { openPostgresStore } = await import("../src/store/postgres-store.js");
  return openPostgresStore({ connectionString: spec.url, poolSize: 10, applicationName: "okctl-bench" });
}

/** The replica's side (a child process): enqueue its share, then drain, each phase on the parent's word. */
async function runReplica(spec: StoreSpec, replica: number, share: number): Promise<void> {
  const store = await openBenchStore(spec);
  const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  const say = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);
  const waitFor = async (word: string) => {
    const { value } = await lines.next();
    if (value !== word) throw new Error(`replica ${replica}: expected "${word}", got ${String(value)}`);
  };
  say({ ready: true });
  await waitFor("enqueue");
  let next = 0;
  const enqueueOne = async (): Promise<void> => {
    while (next < share) {
      const n = next++;
      const key = `bench/repo-${replica}#${n}`;
      const now = new Date();
      await store.recordDeliveryAndEnqueue({ id: `bench-${replica}-${n}`, event: "pull_request", receivedAt: now }, [
        { kind: "plan", key, payload: { replica, n }, coalesceKey: `plan:${key}`, dedupeKey: `${key}@${n}` },
      ]);
    }
  };
  await Promise.all(Array.from({ length: ENQUEUE_CONCURRENCY }, enqueueOne));
  say({ enqueued: share });
  await waitFor("drain");
  let completed = 0;
  const worker = startWorker({
    store,
    workerId: `bench-replica-${replica}`,
    concurrency: WORKER_CONCURRENCY,
    handlers: { plan: async () => void completed++ },
  });
  await worker.runUntilIdle();
  await worker.stop();
  say({ completed });
  await store.close();
}

interface ReplicaProcess {
  child: ChildProcess;
  next(): Promise<Record<string, unknown>>;
  send(word: string): void;
}

/**
 * The replicas run this module compiled (dist/bench/queue.js, built by `npm run bench` and `npm test`),
 * also when a test imports its TypeScript source.
 */
const REPLICA_SCRIPT = fileURLToPath(import.meta.url.endsWith(".ts") ? new URL("../dist/bench/queue.js", import.meta.url) : import.meta.url);

function startReplica(spec: StoreSpec, replica: number, share: number): ReplicaProcess {
  const script = REPLICA_SCRIPT;
  const child = spawn(process.execPath, [script, "--replica", JSON.stringify(spec), String(replica), String(share)], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const exited = new Promise<never>((_, reject) => child.once("exit", (code) => reject(new Error(`replica ${replica} exited (${code}) before answering`))));
  exited.catch(() => undefined);
  return {
    child,
    next: async () => {
      const line = await Promise.race([lines.next(), exited]);
      if (line.done) throw new Error(`replica ${replica} closed its output`);
      return JSON.parse(line.value) as Record<string, unknown>;
    },
    send: (word) => child.stdin!.write(`${word}\n`),
  };
}

/** N jobs through `replicas` replica processes on one store; times each phase from the parent. */
export async function measureQueue(spec: StoreSpec, replicas: number, jobs: number): Promise<QueueRun> {
  const shares = Array.from({ length: replicas }, (_, i) => Math.floor(jobs / replicas) + (i < jobs % replicas ? 1 : 0));
  // The first replica migrates the store before the others open it (as one deploy's first pod would).
  const processes: ReplicaProcess[] = [];
  try {
    for (const [i, share] of shares.entries()) {
      const replica = startReplica(spec, i, share);
      processes.push(replica);
      await replica.next();
    }
    const phase = async (word: string) => {
      const started = performance.now();
      for (const replica of processes) replica.send(word);
      const answers = await Promise.all(processes.map((replica) => replica.next()));
      return { ms: performance.now() - started, answers };
    };
    const enqueue = await phase("enqueue");
    const drain = await phase("drain");
    const completedByReplica = drain.answers.map((answer) => Number(answer.completed));
    const done = completedByReplica.reduce((sum, n) => sum + n, 0);
    if (done !== jobs) throw new Error(`${done} of ${jobs} jobs completed`);
    const perSecond = (ms: number) => (jobs * 1000) / ms;
    return {
      store: spec.kind === "sqlite" ? "SQLite" : "PostgreSQL",
      replicas,
      jobs,
      enqueueMs: enqueue.ms,
      drainMs: drain.ms,
      enqueuePerSecond: perSecond(enqueue.ms),
      drainPerSecond: perSecond(drain.ms),
      endToEndPerSecond: perSecond(enqueue.ms + drain.ms),
      completedByReplica,
    };
  } finally {
    await Promise.all(processes.map((replica) => new Promise<void>((resolve) => {
      if (replica.child.exitCode !== null || replica.child.signalCode !== null) return resolve();
      replica.child.once("exit", () => resolve());
      replica.child.stdin?.end();
      setTimeout(() => replica.child.kill("SIGKILL"), 10_000).unref();
    })));
  }
}

export interface QueueBenchmarkOptions {
  /** Jobs per run (default OKCTL_BENCH_QUEUE_JOBS, else 2000). */
  jobs?: number;
  /** A PostgreSQL server to create the databases on (its maintenance database, as a superuser); default: one started here. */
  postgresAdminUrl?: string;
}

export async function runQueueBenchmark(options: QueueBenchmarkOptions = {}): Promise<QueueBenchmarkResult> {
  const jobs = options.jobs ?? Number(process.env.OKCTL_BENCH_QUEUE_JOBS ?? 2000);
  const loadBefore = loadavg()[0] ?? NaN;
  const runs: QueueRun[] = [];
  const dir = mkdtempSync(join(tmpdir(), "okctl-bench-queue-"));
  try {
    runs.push(await measureQueue({ kind: "sqlite", dataDir: join(dir, "sqlite") }, 1, jobs));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const machine = () => ({ cpus: availableParallelism(), loadBefore, loadAfter: loadavg()[0] ?? NaN });
  let postgres: PostgresServer;
  try {
    postgres = options.postgresAdminUrl === undefined ? await startPostgresServer() : { adminUrl: options.postgresAdminUrl, stop: async () => {} };
  } catch (error) {
    // POSTGRES_INSTALL_HINT says what to install; the SQLite line stands.
    return { runs, postgresMissing: (error as Error).message, machine: machine() };
  }
  try {
    for (const replicas of [1, 2]) runs.push(await measureQueue({ kind: "postgres", url: await createDatabase(postgres.adminUrl, "okctl_bench") }, replicas, jobs));
  } finally {
    await postgres.stop();
  }
  return { runs, machine: machine() };
}

export function formatQueueBenchmark(result: QueueBenchmarkResult): string {
  const header = ["store", "replicas", "jobs", "enqueue jobs/s", "lease+complete jobs/s", "end to end jobs/s", "completed per replica"];
  const rows = result.runs.map((run) => [
    run.store, String(run.replicas), String(run.jobs), run.enqueuePerSecond.toFixed(0), run.drainPerSecond.toFixed(0), run.endToEndPerSecond.toFixed(0), run.completedByReplica.join(" + "),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  return [
    `Job queue: each job enqueued by a delivery (${ENQUEUE_CONCURRENCY} at a time per replica), then leased and completed by the worker (${WORKER_CONCURRENCY} at a time per replica)`,
    line(header),
    ...rows.map(line),
    ...(result.postgresMissing ? [`PostgreSQL lines not run: ${result.postgresMissing}`] : []),
    `machine: ${result.machine.cpus} CPUs, 1-min load average ${result.machine.loadBefore.toFixed(1)} before and ${result.machine.loadAfter.toFixed(1)} after ` +
      "(the replicas and PostgreSQL share these CPUs: a second replica adds contention more than capacity on a small machine)",
  ].join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [mode, spec, replica, share] = process.argv.slice(2);
  if (mode === "--replica") await runReplica(JSON.parse(spec!) as StoreSpec, Number(replica), Number(share));
  else console.log(formatQueueBenchmark(await runQueueBenchmark()));
}

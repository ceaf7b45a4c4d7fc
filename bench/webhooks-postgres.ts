// Webhook acknowledgement with the PostgreSQL store: the webhook benchmark (webhooks.ts: okctl and
// a bare Probot app side by side, the same signed deliveries in alternating rounds) with okctl's
// store on a PostgreSQL server (OKCTL_DATABASE_URL), started from the installed binaries as the
// tests do (test/support/postgres-server.ts), and the same run with the SQLite store beside it.
// The deliveries are pull_request.synchronize events, each of which okctl records with its plan
// job in the store before answering (a push that changes no okctl.yaml, webhooks.ts's default,
// writes nothing, so it would not measure the store). Target as with SQLite: okctl/bare ≥ 0.8.
// The default push scenario, the one SQLite's target is measured with, runs with PostgreSQL too:
// it shows that the server store costs the commonest delivery nothing.
import { pathToFileURL } from "node:url";
import { createDatabase, startPostgresServer, type PostgresServer } from "../test/support/postgres-server.js";
import { formatWebhookBenchmark, runWebhookBenchmark, type WebhookBenchmarkOptions, type WebhookBenchmarkResult } from "./webhooks.js";

export interface WebhookPostgresBenchmarkOptions {
  /** A PostgreSQL server to create the databases on (its maintenance database, as a superuser); default: one started here. */
  postgresAdminUrl?: string;
  /** The size of each of the three runs (deliveries, rounds, warm-up …); the defaults are the webhook benchmark's. */
  size?: Omit<WebhookBenchmarkOptions, "scenario" | "okctlEnv">;
}

export interface WebhookStoresResult {
  postgres: WebhookBenchmarkResult;
  sqlite: WebhookBenchmarkResult;
  /** Pushes that change no okctl.yaml (nothing recorded), with PostgreSQL. */
  postgresPush: WebhookBenchmarkResult;
}

export async function runWebhookPostgresBenchmark(options: WebhookPostgresBenchmarkOptions = {}): Promise<WebhookStoresResult> {
  // Throws POSTGRES_INSTALL_HINT (what to install) when PostgreSQL is missing.
  const server: PostgresServer = options.postgresAdminUrl === undefined ? await startPostgresServer() : { adminUrl: options.postgresAdminUrl, stop: async () => {} };
  const size = options.size ?? {};
  // The database server's CPU is counted with okctl's when it is the one started here, on this
  // machine (its postmaster and the backends under it); another may serve other clients too, or run elsewhere.
  const countDatabaseCpu = server.pid === undefined ? {} : { databaseProcess: { command: "postgres", pid: server.pid } };
  try {
    const url = await createDatabase(server.adminUrl, "okctl_bench");
    const postgres = await runWebhookBenchmark({ ...size, scenario: "pull_request", okctlEnv: { OKCTL_DATABASE_URL: url }, ...countDatabaseCpu });
    const sqlite = await runWebhookBenchmark({ ...size, scenario: "pull_request" });
    // A database of its own: the first run's jobs, if any were still queued in the other, would run at start.
    const pushUrl = await createDatabase(server.adminUrl, "okctl_bench_push");
    const postgresPush = await runWebhookBenchmark({ ...size, scenario: "push", okctlEnv: { OKCTL_DATABASE_URL: pushUrl }, ...countDatabaseCpu });
    return { postgres, sqlite, postgresPush };
  } finally {
    await server.stop();
  }
}

export function formatWebhookPostgresBenchmark(result: WebhookStoresResult): string {
  return [
    `okctl's store: PostgreSQL (OKCTL_DATABASE_URL); every delivery recorded with its job`,
    formatWebhookBenchmark(result.postgres),
    "",
    "The same deliveries, okctl's store: SQLite (OKCTL_DATA_DIR)",
    formatWebhookBenchmark(result.sqlite),
    "",
    "okctl's store: PostgreSQL; pushes that change no okctl.yaml (the commonest delivery: nothing recorded, as in `npm run bench webhooks`)",
    formatWebhookBenchmark(result.postgresPush),
  ].join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatWebhookPostgresBenchmark(await runWebhookPostgresBenchmark()));
}

// Starts one throwaway PostgreSQL server from the installed binaries (initdb into a temporary
// directory, the server on a free loopback port), for the test suite and the benchmarks. initdb
// refuses to run as root, so as root (CI) the server runs as the `postgres` system user that the
// Debian packages create. Tests then create a database of their own on it.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort } from "./moto-server.js";

export const POSTGRES_INSTALL_HINT =
  "PostgreSQL was not found. okctl's PostgreSQL store tests start their own server from the installed binaries; install them with:\n" +
  "    apt-get install postgresql-15        (Debian/Ubuntu; any version from 13 works, e.g. apt-get install postgresql)\n" +
  "    brew install postgresql@15           (macOS)\n" +
  "(or set OKCTL_TEST_PG_BIN to the directory holding initdb and postgres, or OKCTL_TEST_DATABASE_URL to a server you\n" +
  "already run, as a role that may create databases).";

export interface PostgresServer {
  /** A connection string for the server's maintenance database, as a superuser. */
  adminUrl: string;
  /** The postmaster's pid when the server was started here (its backends are its children); none for OKCTL_TEST_DATABASE_URL's. */
  pid?: number;
  stop(): Promise<void>;
}

/** The directory with initdb and postgres: OKCTL_TEST_PG_BIN, Debian's, or pg_config's. */
export function findPostgresBin(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates: string[] = [];
  if (env.OKCTL_TEST_PG_BIN) candidates.push(env.OKCTL_TEST_PG_BIN);
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => join(debian, version, "bin")));
  }
  const pgConfig = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  if (!pgConfig.error && pgConfig.status === 0) candidates.push(pgConfig.stdout.trim());
  return candidates.find((dir) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "postgres")));
}

/** As root, the server's files and process belong to the `postgres` system user. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error("The tests run as root, and initdb refuses root: they need the `postgres` system user (created by the postgresql package). " + POSTGRES_INSTALL_HINT);
  }
  return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
}

async function waitUntilUp(adminUrl: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`postgres exited during start-up:\n${log()}`);
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections within ${timeoutMs / 1000}s:\n${log()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

export async function startPostgresServer(): Promise<PostgresServer> {
  const external = process.env.OKCTL_TEST_DATABASE_URL;
  if (external) return { adminUrl: external, stop: async () => {} };
  const bin = findPostgresBin();
  if (bin === undefined) throw new Error(POSTGRES_INSTALL_HINT);
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), "okctl-pg-"));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, "data");
  const asServer = { ...(user ?? {}), env: { PATH: process.env.PATH ?? "", LANG: "C", LC_ALL: "C" } };
  const init = spawnSync(join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"], { ...asServer, encoding: "utf8" });
  if (init.error || init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${init.error?.message ?? ""}\n${init.stderr}`);
  }
  const port = await freePort();
  // Durability is not what these tests check: no fsync, so the suite stays fast.
  const settings = ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300", "-c", "shared_buffers=32MB"];
  const child = spawn(join(bin, "postgres"), ["-D", data, "-p", String(port), "-h", "127.0.0.1", "-k", dir, ...settings], { ...asServer, stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4_000)));
  const kill = () => child.kill("SIGQUIT");
  process.once("exit", kill);
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const stop = () =>
    new Promise<void>((resolve) => {
      process.off("exit", kill);
      const removed = () => {
        rmSync(dir, { recursive: true, force: true });
        resolve();
      };
      if (child.exitCode !== null || child.signalCode !== null) return removed();
      child.once("exit", removed);
      child.kill("SIGINT"); // fast shutdown
      setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
    });
  try {
    await waitUntilUp(adminUrl, child, () => log, 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { adminUrl, stop, ...(child.pid === undefined ? {} : { pid: child.pid }) };
}

let databases = 0;

async function execute(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the server; its URL. */
export async function createDatabase(adminUrl: string, prefix = "okctl_test"): Promise<string> {
  const name = `${prefix}_${process.pid}_${++databases}_${Date.now().toString(36)}`;
  await execute(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A URL whose connections use a schema of their own in the same database (cheaper than a database). */
export async function createSchema(databaseUrl: string, prefix = "s"): Promise<string> {
  const name = `${prefix}_${++databases}_${Date.now().toString(36)}`;
  await execute(databaseUrl, `CREATE SCHEMA ${name}`);
  const url = new URL(databaseUrl);
  url.searchParams.set("options", `-c search_path=${name}`);
  return url.toString();
}

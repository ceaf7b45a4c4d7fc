// The app's settings from the environment, read once at start-up (never deep inside).
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { loadAccessConfig } from "../aws/access-config.js";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { openSqliteStore, sqliteFileName } from "../store/sqlite-store.js";
import type { Store } from "../store/store.js";
import type { OkctlAppOptions } from "./okctl-app.js";
import { lazyPriceSource, storePriceCache } from "../aws/price-source.js";
import { parseDriftInterval } from "./drift/schedule.js";
import { retentionFromEnv } from "./retention.js";
import { retryDelayFrom } from "./retry-policy.js";
import { pollIntervalFromEnv } from "../engine/poll-interval.js";

export const DATA_DIR_ENV = "OKCTL_DATA_DIR";
export const DATABASE_URL_ENV = "OKCTL_DATABASE_URL";
export const DEFAULT_DATA_DIR = "./.data";

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, not "${raw}"`);
  return value;
}

export interface StartNotices {
  /** Something was fixed at start that the operator should know about (e.g. file modes). */
  warn(message: string): void;
}

/** Throws (AccessConfigError and others) with a message that says what to set or fix. */
export async function appOptionsFromEnv(env: NodeJS.ProcessEnv, notices?: StartNotices): Promise<OkctlAppOptions> {
  const driftIntervalMs = parseDriftInterval(env.OKCTL_DRIFT_INTERVAL);
  const retention = retentionFromEnv(env);
  const pollIntervalMs = pollIntervalFromEnv(env);
  const accessConfig = await loadAccessConfig(env);
  const store = await openStore(env, notices);
  return {
    store,
    accessConfig,
    // Loaded on first use: the session module brings in the AWS SDK clients (see job-handlers.ts).
    openSession: async (config, request) => (await import("../aws/repository-session.js")).openRepositorySession(config, request),
    now: () => new Date(),
    readPrices: lazyPriceSource(storePriceCache(store)),
    ...(env.OKCTL_APP_SLUG ? { botLogin: `${env.OKCTL_APP_SLUG}[bot]` } : {}),
    retention,
    ...(pollIntervalMs !== undefined ? { applyOptions: { pollIntervalMs } } : {}),
    progressIntervalMs: positiveInt(env, "OKCTL_PROGRESS_INTERVAL_MS", 5_000),
    drift: { intervalMs: driftIntervalMs },
    worker: {
      workerId: `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`,
      leaseMs: positiveInt(env, "OKCTL_JOB_LEASE_MS", 60_000),
      pollMs: positiveInt(env, "OKCTL_WORKER_POLL_MS", 1_000),
      retryDelayMs: retryDelayFrom(positiveInt(env, "OKCTL_JOB_RETRY_DELAY_MS", 5_000)),
    },
  };
}

/**
 * PostgreSQL when OKCTL_DATABASE_URL is set (any number of replicas may share it), else the
 * embedded SQLite file in OKCTL_DATA_DIR (one replica). Either way the schema is migrated here.
 */
export async function openStore(env: NodeJS.ProcessEnv, notices?: StartNotices): Promise<Store> {
  const url = databaseUrl(env);
  if (url !== undefined) return openPostgres(env, url, { migrate: true });
  return openSqliteStore({ dataDir: dataDirOf(env), ...(notices ? { onLooseMode: notices.warn } : {}) });
}

/** PostgreSQL's SQLSTATE for a missing table (no schema_migrations: not an okctl store). */
const UNDEFINED_TABLE = "42P01";

/** There is no store where the environment points: an operator's tool creates none. */
export class NoStoreError extends Error {}

/**
 * The store the server uses (same choice as openStore), for an operator's tool: it must already
 * exist. PostgreSQL is opened without migrating and must hold okctl's schema at this code's
 * version; the SQLite file must exist in OKCTL_DATA_DIR (resolved against `cwd`). NoStoreError
 * otherwise, saying what to set.
 */
export async function openExistingStore(env: NodeJS.ProcessEnv, cwd: string): Promise<Store> {
  const url = databaseUrl(env);
  if (url !== undefined) {
    const store = await openPostgres(env, url, { migrate: false });
    try {
      await store.ping();
      return store;
    } catch (error) {
      await store.close();
      const code = (error as { code?: unknown }).code;
      // Not reachable (refused, authentication, no such database): say so, as openStore would.
      if (code !== undefined && code !== UNDEFINED_TABLE) {
        throw new Error(`cannot open the PostgreSQL store at ${describeDatabase(url)} (${DATABASE_URL_ENV}): ${(error as Error).message}`, { cause: error });
      }
      throw new NoStoreError(
        `no okctl store of this version in the PostgreSQL database at ${describeDatabase(url)} (${DATABASE_URL_ENV}): ${(error as Error).message}. ` +
          `Set ${DATABASE_URL_ENV} to the server's database; the server creates and migrates the store when it starts.`,
      );
    }
  }
  const dataDir = resolve(cwd, dataDirOf(env));
  if (!existsSync(join(dataDir, sqliteFileName))) {
    throw new NoStoreError(`no okctl store in ${dataDir}: set ${DATA_DIR_ENV} to the server's data directory (or ${DATABASE_URL_ENV} to its PostgreSQL database)`);
  }
  return openSqliteStore({ dataDir });
}

function databaseUrl(env: NodeJS.ProcessEnv): string | undefined {
  const url = env[DATABASE_URL_ENV];
  if (url !== undefined && url.trim() === "") {
    throw new Error(`${DATABASE_URL_ENV} is set but empty: set it to the PostgreSQL database's URL, or unset it for the SQLite store in ${DATA_DIR_ENV}`);
  }
  return url;
}

function dataDirOf(env: NodeJS.ProcessEnv): string {
  const dataDir = env[DATA_DIR_ENV];
  if (dataDir !== undefined && dataDir.trim() === "") throw new Error(`${DATA_DIR_ENV} is set but empty: set it to the store's directory, or unset it for ${DEFAULT_DATA_DIR}`);
  return dataDir ?? DEFAULT_DATA_DIR;
}

async function openPostgres(env: NodeJS.ProcessEnv, url: string, options: { migrate: boolean }): Promise<Store> {
  const { openPostgresStore } = await import("../store/postgres-store.js");
  try {
    return await openPostgresStore({ connectionString: url, poolSize: positiveInt(env, "OKCTL_DATABASE_POOL_SIZE", 10), ...options });
  } catch (error) {
    // The URL may hold a password: name the host only.
    throw new Error(`cannot open the PostgreSQL store at ${describeDatabase(url)} (${DATABASE_URL_ENV}): ${(error as Error).message}`, { cause: error });
  }
}

/** host:port/database of a connection URL, without credentials. */
export function describeDatabase(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ""}${parsed.pathname}`;
  } catch {
    return "(a URL that does not parse)";
  }
}

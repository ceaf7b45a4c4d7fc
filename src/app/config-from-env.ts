// The app's settings from the environment, read once at start-up (never deep inside).
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { loadAccessConfig } from "../aws/access-config.js";
import { openSqliteStore } from "../store/sqlite-store.js";
import type { Store } from "../store/store.js";
import type { OkctlAppOptions } from "./okctl-app.js";
import { lazyPriceSource, storePriceCache } from "../aws/price-source.js";

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
    progressIntervalMs: positiveInt(env, "OKCTL_PROGRESS_INTERVAL_MS", 5_000),
    worker: {
      workerId: `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`,
      leaseMs: positiveInt(env, "OKCTL_JOB_LEASE_MS", 60_000),
      pollMs: positiveInt(env, "OKCTL_WORKER_POLL_MS", 1_000),
    },
  };
}

/**
 * PostgreSQL when OKCTL_DATABASE_URL is set (any number of replicas may share it), else the
 * embedded SQLite file in OKCTL_DATA_DIR (one replica). Either way the schema is migrated here.
 */
export async function openStore(env: NodeJS.ProcessEnv, notices?: StartNotices): Promise<Store> {
  const url = env[DATABASE_URL_ENV];
  if (url !== undefined) {
    if (url.trim() === "") throw new Error(`${DATABASE_URL_ENV} is set but empty: set it to the PostgreSQL database's URL, or unset it for the SQLite store in ${DATA_DIR_ENV}`);
    const { openPostgresStore } = await import("../store/postgres-store.js");
    try {
      return await openPostgresStore({ connectionString: url, poolSize: positiveInt(env, "OKCTL_DATABASE_POOL_SIZE", 10) });
    } catch (error) {
      // The URL may hold a password: name the host only.
      throw new Error(`cannot open the PostgreSQL store at ${describeDatabase(url)} (${DATABASE_URL_ENV}): ${(error as Error).message}`, { cause: error });
    }
  }
  const dataDir = env[DATA_DIR_ENV];
  if (dataDir !== undefined && dataDir.trim() === "") throw new Error(`${DATA_DIR_ENV} is set but empty: set it to the store's directory, or unset it for ${DEFAULT_DATA_DIR}`);
  return openSqliteStore({ dataDir: dataDir ?? DEFAULT_DATA_DIR, ...(notices ? { onLooseMode: notices.warn } : {}) });
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

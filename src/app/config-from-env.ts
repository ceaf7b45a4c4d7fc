// The app's settings from the environment, read once at start-up (never deep inside).
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { loadAccessConfig } from "../aws/access-config.js";
import { openSqliteStore } from "../store/sqlite-store.js";
import type { OkctlAppOptions } from "./okctl-app.js";
import { lazyPriceSource } from "./price-source.js";

export const DATA_DIR_ENV = "OKCTL_DATA_DIR";
export const DEFAULT_DATA_DIR = "./.data";

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number of milliseconds, not "${raw}"`);
  return value;
}

/** Throws (AccessConfigError and others) with a message that says what to set or fix. */
export async function appOptionsFromEnv(env: NodeJS.ProcessEnv): Promise<OkctlAppOptions> {
  const accessConfig = await loadAccessConfig(env);
  const store = openSqliteStore({ dataDir: env[DATA_DIR_ENV] || DEFAULT_DATA_DIR });
  return {
    store,
    accessConfig,
    // Loaded on first use: the session module brings in the AWS SDK clients (see job-handlers.ts).
    openSession: async (config, request) => (await import("../aws/repository-session.js")).openRepositorySession(config, request),
    now: () => new Date(),
    readPrices: lazyPriceSource(),
    ...(env.OKCTL_APP_SLUG ? { botLogin: `${env.OKCTL_APP_SLUG}[bot]` } : {}),
    progressIntervalMs: positiveInt(env, "OKCTL_PROGRESS_INTERVAL_MS", 5_000),
    worker: {
      workerId: `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`,
      leaseMs: positiveInt(env, "OKCTL_JOB_LEASE_MS", 60_000),
      pollMs: positiveInt(env, "OKCTL_WORKER_POLL_MS", 1_000),
    },
  };
}

// What the server needs before it may listen: the GitHub App's credentials and the process-level
// settings, checked all at once so that one start-up says everything there is to fix. Fail closed:
// a setting that is present but empty, missing on disk or malformed stops the start; Probot's
// app-registration flow (a page that hands out a new app's credentials to whoever opens it) is
// only for a first start in development, with none of the credentials set.
import { createPrivateKey } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { parseDriftInterval } from "./drift/schedule.js";

export type StartSettings =
  /** Development only: none of APP_ID, PRIVATE_KEY, PRIVATE_KEY_PATH is set. */
  | { mode: "register" }
  | { mode: "app"; appId: number; privateKey: string; webhookSecret: string };

export class StartSettingsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`okctl cannot start:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "StartSettingsError";
  }
}

const CREDENTIALS = ["APP_ID", "PRIVATE_KEY", "PRIVATE_KEY_PATH"] as const;
const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"];

/** `PRIVATE_KEY` as Probot accepts it: PEM, PEM with `\n` escapes, or base64 of the PEM. */
function normalisePem(raw: string): string {
  let key = raw.trim();
  if (!key.includes("-----BEGIN") && /^[A-Za-z0-9+/=\s]+$/.test(key)) key = Buffer.from(key, "base64").toString("utf8");
  return key.replace(/\\n/g, "\n");
}

function keyProblem(pem: string, where: string): string | undefined {
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== "rsa") return `${where} is a ${key.asymmetricKeyType ?? "non-RSA"} key: GitHub Apps use RSA keys (the .pem file GitHub generates)`;
    return undefined;
  } catch {
    return `${where} is not a PEM private key: paste the whole .pem file GitHub generated for the app (or set PRIVATE_KEY_PATH to it)`;
  }
}

function readPrivateKey(env: NodeJS.ProcessEnv, cwd: string, problems: string[]): string | undefined {
  const inline = env.PRIVATE_KEY;
  const path = env.PRIVATE_KEY_PATH;
  if (inline !== undefined && path !== undefined) {
    problems.push("PRIVATE_KEY and PRIVATE_KEY_PATH are both set: set only one");
    return undefined;
  }
  if (inline !== undefined) {
    if (inline.trim() === "") return void problems.push("PRIVATE_KEY is set but empty: set it to the app's private key (PEM), or unset it and set PRIVATE_KEY_PATH");
    const pem = normalisePem(inline);
    const problem = keyProblem(pem, "PRIVATE_KEY");
    return problem ? void problems.push(problem) : pem;
  }
  if (path === undefined) return void problems.push("PRIVATE_KEY or PRIVATE_KEY_PATH is required with APP_ID: the app's private key (PEM) or the path of its .pem file");
  if (path.trim() === "") return void problems.push("PRIVATE_KEY_PATH is set but empty: set it to the path of the app's .pem file");
  let pem: string;
  try {
    pem = readFileSync(resolve(cwd, path), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
    return void problems.push(`PRIVATE_KEY_PATH names a file that cannot be read (${code}): check the path and that the server may read it`);
  }
  const problem = keyProblem(pem, "The file PRIVATE_KEY_PATH names");
  return problem ? void problems.push(problem) : pem;
}

function checkOptional(env: NodeJS.ProcessEnv, problems: string[]): void {
  const dataDir = env.OKCTL_DATA_DIR;
  if (dataDir !== undefined) {
    if (dataDir.trim() === "") problems.push("OKCTL_DATA_DIR is set but empty: set it to the store's directory (a persistent volume), or unset it for ./.data");
    else {
      try {
        if (!statSync(dataDir).isDirectory()) problems.push("OKCTL_DATA_DIR names something that is not a directory");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") problems.push(`OKCTL_DATA_DIR cannot be examined (${(error as NodeJS.ErrnoException).code ?? "error"})`);
      }
    }
  }
  for (const name of ["OKCTL_GITHUB_TIMEOUT_MS", "OKCTL_AWS_CONNECT_TIMEOUT_MS", "OKCTL_AWS_REQUEST_TIMEOUT_MS"]) {
    const raw = env[name];
    if (raw !== undefined && !(/^\d{1,9}$/.test(raw) && Number(raw) > 0)) problems.push(`${name} must be a positive whole number of milliseconds`);
  }
  for (const name of ["OKCTL_DELIVERY_RETENTION_DAYS", "OKCTL_JOB_RETENTION_DAYS", "OKCTL_RETENTION_INTERVAL_MS"]) {
    const raw = env[name];
    if (raw !== undefined && !(/^\d{1,9}$/.test(raw) && Number(raw) > 0)) problems.push(`${name} must be a positive whole number`);
  }
  const databaseUrl = env.OKCTL_DATABASE_URL;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\/\S+$/.test(databaseUrl.trim())) {
    problems.push("OKCTL_DATABASE_URL is set but is not a PostgreSQL URL (postgres://user:password@host:5432/database): set it for several replicas on PostgreSQL, or unset it for the SQLite store");
  }
  const poolSize = env.OKCTL_DATABASE_POOL_SIZE;
  if (poolSize !== undefined && !(/^\d{1,4}$/.test(poolSize) && Number(poolSize) >= 1)) problems.push("OKCTL_DATABASE_POOL_SIZE must be a whole number of connections, at least 1");
  try {
    parseDriftInterval(env.OKCTL_DRIFT_INTERVAL);
  } catch (error) {
    problems.push((error as Error).message);
  }
  const slug = env.OKCTL_APP_SLUG;
  if (slug !== undefined && !/^[a-z0-9][a-z0-9-]{0,33}$/i.test(slug)) problems.push("OKCTL_APP_SLUG is set but is not an app slug (letters, digits and dashes, as in github.com/apps/<slug>)");
  const level = env.LOG_LEVEL;
  if (level !== undefined && !LOG_LEVELS.includes(level)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}`);
  const format = env.LOG_FORMAT;
  if (format !== undefined && format !== "json" && format !== "pretty") problems.push('LOG_FORMAT must be "json" or "pretty"');
  const port = env.PORT;
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) <= 65535)) problems.push("PORT must be a port number (0–65535)");
  const path = env.WEBHOOK_PATH;
  if (path !== undefined && !/^\/[\x21-\x7e]*$/.test(path)) problems.push("WEBHOOK_PATH must be a path starting with /");
  if (env.HOST !== undefined && env.HOST.trim() === "") problems.push("HOST is set but empty: unset it (localhost) or set the address to listen on, e.g. 0.0.0.0");
  if (env.GHE_HOST !== undefined && env.GHE_HOST.trim() === "") problems.push("GHE_HOST is set but empty: unset it for github.com");
}

/** Throws StartSettingsError listing every problem. `env` is the environment after `.env` is loaded. */
export function readStartSettings(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): StartSettings {
  const problems: string[] = [];
  checkOptional(env, problems);
  const anyCredential = CREDENTIALS.some((name) => env[name] !== undefined);
  if (!anyCredential) {
    if (env.NODE_ENV === "production") {
      problems.push("APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) are required with NODE_ENV=production: the app-registration flow never runs in production");
    }
    if (problems.length > 0) throw new StartSettingsError(problems);
    return { mode: "register" };
  }
  const rawId = env.APP_ID;
  let appId = NaN;
  if (rawId === undefined) problems.push("APP_ID is required with PRIVATE_KEY/PRIVATE_KEY_PATH: the GitHub App's id");
  else if (rawId.trim() === "") problems.push("APP_ID is set but empty: set it to the GitHub App's id");
  else if (!/^\d{1,15}$/.test(rawId.trim()) || Number(rawId) <= 0) problems.push("APP_ID must be the GitHub App's id, a positive whole number");
  else appId = Number(rawId);
  const privateKey = readPrivateKey(env, cwd, problems);
  const secret = env.WEBHOOK_SECRET;
  if (secret === undefined) problems.push("WEBHOOK_SECRET is required: the GitHub App's webhook secret");
  else if (secret === "") problems.push("WEBHOOK_SECRET is set but empty: set it to the GitHub App's webhook secret");
  if (problems.length > 0 || privateKey === undefined || secret === undefined) throw new StartSettingsError(problems);
  return { mode: "app", appId, privateKey, webhookSecret: secret };
}

// Runs a Probot server entry (the real `dist/src/server.js`, or a bench stand-in) as a child
// process the way the README's run command does (`node dist/src/server.js`), on a free loopback
// port, and waits until it answers GET /ping with PONG. Its environment is built from scratch
// (no inherited credentials) and its working directory is a fresh temporary one, so a developer's
// `.env` (which Probot loads from the working directory) cannot leak in.
import { freePort } from "./moto-server.js";
import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const WEBHOOK_PATH = "/api/github/webhooks";
/**
 * How long a start (or a refused start) may take before the harness gives up: far more than the
 * second or two it takes, because test files run in parallel and a busy shared machine can make a
 * Node start take ten seconds or more.
 */
const START_TIMEOUT_MS = 40_000;
const MAX_LOG_CHARS = 2_000_000;

/** A throwaway RSA key for an app's JWTs, as GitHub issues them (PKCS#1 PEM). */
export function generateTestPrivateKey(): string {
  const { privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
  });
  return privateKey;
}

export { freePort };

export interface AppProcessOptions {
  /** The entry script, resolved from the current directory, e.g. `dist/src/server.js`. */
  script: string;
  /** Extra environment, over the defaults (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, PORT, HOST, …). */
  env?: Record<string, string | undefined>;
  appId?: number;
  privateKey?: string;
  webhookSecret?: string;
  /** Default: a fresh temporary directory, removed by stop(). */
  cwd?: string;
  startTimeoutMs?: number;
}

export interface MemorySample {
  /** Resident set size now (VmRSS), in kB. */
  rssKb: number;
  /** Peak resident set size so far (VmHWM), in kB. */
  hwmKb: number;
}

export interface AppProcess {
  readonly url: string;
  readonly webhookUrl: string;
  readonly port: number;
  readonly appId: number;
  readonly privateKey: string;
  readonly webhookSecret: string;
  /** The data directory given as OKCTL_DATA_DIR; it survives restart(). */
  readonly dataDir: string;
  /** The current child's pid (changes on restart). */
  pid(): number;
  /** Combined stdout and stderr of every run so far (the latest part of it, when it is long). */
  logs(): string;
  /** Bytes the child has written to stdout and stderr so far, all runs together. */
  logBytes(): number;
  waitForLog(pattern: RegExp | string, timeoutMs?: number): Promise<void>;
  /** Memory of the running child from /proc (Linux only; undefined elsewhere or once exited). */
  memory(): MemorySample | undefined;
  /** Sends `signal` (default SIGKILL) and waits for the child to exit. */
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /**
   * Stops the child with `signal` (default SIGTERM; no-op if it already exited) and starts the same
   * script again with the same port, environment and data directory.
   */
  restart(signal?: NodeJS.Signals): Promise<void>;
  /** SIGTERM, then SIGKILL after 5 s; removes the temporary directory it created. */
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const child of live) child.kill("SIGKILL");
  });
}

/** Reads VmRSS and VmHWM of `pid` from /proc, in kB. */
export function readMemory(pid: number): MemorySample | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const field = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
    const sample = { rssKb: field("VmRSS"), hwmKb: field("VmHWM") };
    return Number.isFinite(sample.rssKb) ? sample : undefined;
  } catch {
    return undefined;
  }
}

async function waitUntilListening(url: string, child: ChildProcess, timeoutMs: number, logs: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the app exited during start-up (code ${child.exitCode}, signal ${child.signalCode}):\n${logs().slice(-4000)}`);
    }
    try {
      const response = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(1000) });
      if (response.status === 200 && (await response.text()) === "PONG") return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the app did not answer ${url}/ping within ${timeoutMs / 1000}s:\n${logs().slice(-4000)}`);
}

interface AppEnvironment {
  cwd: string;
  ownDir: string | undefined;
  appId: number;
  privateKey: string;
  webhookSecret: string;
  dataDir: string;
  env: Record<string, string>;
}

/** The child's environment from scratch: the defaults, then `options.env` (undefined removes a default). */
function appEnvironment(options: AppProcessOptions, port: number): AppEnvironment {
  const ownDir = options.cwd === undefined ? mkdtempSync(join(tmpdir(), "okctl-app-")) : undefined;
  const cwd = options.cwd ?? (ownDir as string);
  const appId = options.appId ?? 424242;
  const privateKey = options.privateKey ?? generateTestPrivateKey();
  const webhookSecret = options.webhookSecret ?? "okctl-test-secret";
  const dataDir = options.env?.OKCTL_DATA_DIR ?? join(cwd, "data");
  const env: Record<string, string> = {};
  const base: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    LANG: process.env.LANG,
    NODE_ENV: "test",
    APP_ID: String(appId),
    PRIVATE_KEY: privateKey,
    WEBHOOK_SECRET: webhookSecret,
    PORT: String(port),
    HOST: "127.0.0.1",
    LOG_LEVEL: "info",
    LOG_FORMAT: "json",
    OKCTL_DATA_DIR: dataDir,
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
    AWS_REGION: "eu-west-1",
    AWS_EC2_METADATA_DISABLED: "true",
    // The Price List stand-in of the test run, when there is one (cost estimates).
    AWS_ENDPOINT_URL_PRICING: process.env.AWS_ENDPOINT_URL_PRICING,
    // The test run's time between looks at a settling resource (vitest.config.ts: moto settles at once).
    OKCTL_AWS_POLL_INTERVAL_MS: process.env.OKCTL_AWS_POLL_INTERVAL_MS,
    // No drift rounds unless a test asks for them (test/e2e/restart.e2e.test.ts does): a round's
    // GitHub requests would mix with those a test counts.
    OKCTL_DRIFT_INTERVAL: "0",
    ...options.env,
  };
  for (const [key, value] of Object.entries(base)) if (value !== undefined) env[key] = value;
  return { cwd, ownDir, appId, privateKey, webhookSecret, dataDir, env };
}

export interface AppExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Combined stdout and stderr. */
  output: string;
  /** Whether GET /ping answered while the process ran. */
  answeredPing: boolean;
}

/**
 * Starts the script expecting it to exit by itself (e.g. refusing a bad setting) within
 * `timeoutMs`; kills it and reports `code: null` otherwise. Polls /ping meanwhile.
 */
export async function runAppUntilExit(options: AppProcessOptions & { timeoutMs?: number }): Promise<AppExit> {
  const port = await freePort();
  const { cwd, ownDir, env } = appEnvironment(options, port);
  const child = spawn(process.execPath, [resolve(options.script)], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => child.once("exit", (code, signal) => resolveExit({ code, signal })));
  let answeredPing = false;
  let running = true;
  void exited.then(() => (running = false));
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? START_TIMEOUT_MS);
  while (running) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/ping`, { signal: AbortSignal.timeout(500) });
      if (response.status === 200) answeredPing = true;
    } catch {
      // not listening
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const exit = await exited;
  clearTimeout(timer);
  if (ownDir) rmSync(ownDir, { recursive: true, force: true });
  return { ...exit, output, answeredPing };
}

export async function startAppProcess(options: AppProcessOptions): Promise<AppProcess> {
  installExitHook();
  const script = resolve(options.script);
  const port = await freePort();
  const { cwd, ownDir, appId, privateKey, webhookSecret, dataDir, env } = appEnvironment(options, port);
  const url = `http://127.0.0.1:${port}`;

  let output = "";
  let outputBytes = 0;
  const append = (chunk: Buffer): void => {
    outputBytes += chunk.length;
    output += chunk.toString("utf8");
    if (output.length > MAX_LOG_CHARS) output = output.slice(-MAX_LOG_CHARS / 2);
  };
  let child!: ChildProcess;

  const launch = async (): Promise<void> => {
    child = spawn(process.execPath, [script], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    live.add(child);
    const current = child;
    current.once("exit", () => live.delete(current));
    current.stdout?.on("data", append);
    current.stderr?.on("data", append);
    try {
      await waitUntilListening(url, current, options.startTimeoutMs ?? START_TIMEOUT_MS, () => output);
    } catch (error) {
      current.kill("SIGKILL");
      throw error;
    }
  };

  const kill = (signal: NodeJS.Signals = "SIGKILL"): Promise<{ code: number | null; signal: NodeJS.Signals | null }> => {
    const current = child;
    if (current.exitCode !== null || current.signalCode !== null) {
      return Promise.resolve({ code: current.exitCode, signal: current.signalCode });
    }
    return new Promise((resolveExit) => {
      current.once("exit", (code, sig) => resolveExit({ code, signal: sig }));
      current.kill(signal);
    });
  };

  await launch();
  return {
    url,
    webhookUrl: `${url}${WEBHOOK_PATH}`,
    port,
    appId,
    privateKey,
    webhookSecret,
    dataDir,
    pid: () => child.pid ?? -1,
    logs: () => output,
    logBytes: () => outputBytes,
    waitForLog: async (pattern, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      const matches = (): boolean => (typeof pattern === "string" ? output.includes(pattern) : pattern.test(output));
      while (!matches()) {
        if (Date.now() > deadline) throw new Error(`no log line matching ${String(pattern)} within ${timeoutMs / 1000}s`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    memory: () => (child.exitCode === null && child.pid !== undefined ? readMemory(child.pid) : undefined),
    kill,
    restart: async (signal = "SIGTERM") => {
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await kill(signal);
      clearTimeout(timer);
      await launch();
    },
    stop: async () => {
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await kill("SIGTERM");
      clearTimeout(timer);
      if (ownDir) rmSync(ownDir, { recursive: true, force: true });
    },
  };
}

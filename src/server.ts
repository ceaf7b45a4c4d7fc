// `npm start`: the Probot server with okctl loaded. It checks its settings first and refuses to
// start, saying what to fix, when any is present but empty, missing or invalid (src/app/start-settings.ts).
// Without any of APP_ID, PRIVATE_KEY and PRIVATE_KEY_PATH it starts Probot's own app-registration
// flow (http://localhost:3000) from app.yml instead, except with NODE_ENV=production.
import { existsSync } from "node:fs";
import { Probot, run, Server } from "probot";
import type { Logger } from "probot";
import { appOptionsFromEnv } from "./app/config-from-env.js";
import { MAX_WEBHOOK_BODY_BYTES } from "./app/bounded-body.js";
import { boundedFetch, DEFAULT_GITHUB_TIMEOUT_MS } from "./bounds/github-fetch.js";
import { octokitWithWriteInterval, writeIntervalFromEnv } from "./github/write-pacing.js";
import { createServerLogger } from "./app/logger.js";
import { okctlApp } from "./app/okctl-app.js";
import { guardHttpServer } from "./app/request-guard.js";
import { readStartSettings } from "./app/start-settings.js";
import type { Worker } from "./store/worker.js";
import type { Retention } from "./app/retention.js";

let worker: Worker | undefined;
let retention: Retention | undefined;
let closeStore: (() => Promise<void>) | undefined;
/** Set on SIGTERM: /readyz answers 503 so that load balancers stop sending deliveries here. */
let stopping = false;

function githubTimeoutMs(env: NodeJS.ProcessEnv): number {
  const raw = env.OKCTL_GITHUB_TIMEOUT_MS;
  return raw === undefined ? DEFAULT_GITHUB_TIMEOUT_MS : Number(raw);
}

/** Exits once the logger has had a moment to write its last lines. */
function exitSoon(code: number): void {
  process.exitCode = code;
  setTimeout(() => process.exit(code), 100);
}

async function shutdown(server: Server, log: Logger, signal: string): Promise<void> {
  stopping = true;
  log.info(`okctl: ${signal} received, handing running jobs back (another replica, or the next start, resumes them at once)…`);
  await Promise.all([worker?.stop({ handBack: true, timeoutMs: 5_000 }), retention?.stop()]);
  await closeStore?.();
  await server.stop();
  exitSoon(0);
}

// Probot reads .env itself inside run(); the settings are checked first, so read it here too (the
// environment wins over the file, as with Probot).
if (existsSync(".env")) process.loadEnvFile(".env");
// Everything the process creates (the store's files) is its own alone.
process.umask(0o077);

const log = await createServerLogger(process.env);
try {
  const settings = readStartSettings(process.env);
  // okctl answers deliveries on the webhook path itself (src/app/webhook-receiver.ts: bounded
  // body, no per-delivery Octokit); Probot's own endpoint, which Probot always mounts first, moves
  // aside to <path>/probot, where the request guard answers 404.
  const webhookPath = (process.env.WEBHOOK_PATH || "/api/github/webhooks").replace(/\/+$/, "") || "/";
  const probotPath = `${webhookPath === "/" ? "" : webhookPath}/probot`;
  if (settings.mode === "register") {
    log.warn("No GitHub App credentials (APP_ID, PRIVATE_KEY, PRIVATE_KEY_PATH): starting Probot's app-registration flow. Never expose this server.");
    await run(() => {}, { log });
  } else {
    // Every GitHub request times out, and carries the running job's abort signal. Given to the
    // Server, which hands its own `request` to the Probot it builds (an absent one would replace
    // the Probot defaults' below: the clients would send with the bare fetch).
    const request = { fetch: boundedFetch(githubTimeoutMs(process.env)) };
    // Probot's own pacing of writes (1 s; 3 s for comments) unless OKCTL_GITHUB_WRITE_INTERVAL_MS says otherwise.
    const writeIntervalMs = writeIntervalFromEnv(process.env);
    const server = new Server({
      host: process.env.HOST || "localhost",
      port: Number(process.env.PORT) || 3000,
      webhookPath: probotPath,
      request,
      ...(process.env.WEBHOOK_PROXY_URL ? { webhookProxy: process.env.WEBHOOK_PROXY_URL } : {}),
      log,
      Probot: Probot.defaults({
        appId: settings.appId,
        privateKey: settings.privateKey,
        secret: settings.webhookSecret,
        log,
        request,
        ...(writeIntervalMs === undefined ? {} : { Octokit: octokitWithWriteInterval(writeIntervalMs) }),
        baseUrl: process.env.GHE_HOST ? `${process.env.GHE_PROTOCOL || "https"}://${process.env.GHE_HOST}/api/v3` : "https://api.github.com",
      }),
    });
    await server.load(async (app, appOptions) => {
      const options = await appOptionsFromEnv(process.env, { warn: (message) => log.warn(message) });
      closeStore = () => options.store.close();
      const webhookEndpoint = { path: webhookPath, secret: settings.webhookSecret };
      const operations = { metricsToken: process.env.OKCTL_METRICS_TOKEN || undefined, stopping: () => stopping };
      await okctlApp({ ...options, webhookEndpoint, operations, onWorker: (started) => (worker = started), onRetention: (started) => (retention = started) })(app, appOptions);
    });
    const httpServer = await server.start();
    guardHttpServer(httpServer, { maxBodyBytes: MAX_WEBHOOK_BODY_BYTES, closedPaths: [probotPath] });
    process.once("SIGTERM", () => void shutdown(server, log, "SIGTERM"));
    process.once("SIGINT", () => void shutdown(server, log, "SIGINT"));
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  log.fatal(message.startsWith("okctl cannot start") ? message : `okctl cannot start: ${message}`);
  await closeStore?.().catch(() => {});
  exitSoon(1);
}

// `npm start`: the Probot server with okctl loaded. Without APP_ID and PRIVATE_KEY, Probot starts its
// own app-registration flow (http://localhost:3000) instead, from app.yml.
import { existsSync } from "node:fs";
import { run, type Server } from "probot";
import { AccessConfigError } from "./aws/access-config.js";
import { appOptionsFromEnv } from "./app/config-from-env.js";
import { createServerLogger } from "./app/logger.js";
import { okctlApp } from "./app/okctl-app.js";
import type { Worker } from "./store/worker.js";

let worker: Worker | undefined;
let closeStore: (() => Promise<void>) | undefined;

async function shutdown(server: Server, signal: string): Promise<void> {
  console.info(`okctl: ${signal} received, handing running jobs back (another replica, or the next start, resumes them at once)…`);
  await worker?.stop({ handBack: true, timeoutMs: 5_000 });
  await closeStore?.();
  await server.stop();
  process.exit(0);
}

// okctl answers deliveries on the webhook path itself (src/app/webhook-receiver.ts: no per-delivery
// Octokit); Probot's own endpoint, which Probot always mounts first, moves aside to <path>/probot.
const webhookPath = process.env.WEBHOOK_PATH || "/api/github/webhooks";
process.env.WEBHOOK_PATH = `${webhookPath.replace(/\/+$/, "")}/probot`;

// Probot reads .env itself inside run(); the logger is built first, so read it here too (the
// environment wins over the file, as with Probot).
if (existsSync(".env")) process.loadEnvFile(".env");

try {
  const log = await createServerLogger(process.env);
  const server = await run(async (app, appOptions) => {
    const secret = process.env.WEBHOOK_SECRET;
    if (!secret) throw new Error("WEBHOOK_SECRET is not set: set it to the GitHub App's webhook secret");
    const options = await appOptionsFromEnv(process.env);
    closeStore = () => options.store.close();
    const webhookEndpoint = { path: webhookPath, secret };
    await okctlApp({ ...options, webhookEndpoint, onWorker: (started) => (worker = started) })(app, appOptions);
  }, { log });
  process.once("SIGTERM", () => void shutdown(server, "SIGTERM"));
} catch (error) {
  if (error instanceof AccessConfigError) {
    console.error(`okctl cannot start: ${error.message}`);
  } else {
    console.error(`okctl cannot start: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
}

// `npm start`: the Probot server with okctl loaded. Without APP_ID and PRIVATE_KEY, Probot starts its
// own app-registration flow (http://localhost:3000) instead, from app.yml.
import { run, type Server } from "probot";
import { AccessConfigError } from "./aws/access-config.js";
import { appOptionsFromEnv } from "./app/config-from-env.js";
import { okctlApp } from "./app/okctl-app.js";
import type { Worker } from "./store/worker.js";

let worker: Worker | undefined;
let closeStore: (() => Promise<void>) | undefined;

async function shutdown(server: Server, signal: string): Promise<void> {
  console.info(`okctl: ${signal} received, finishing running jobs (interrupted applies resume on the next start)…`);
  await worker?.stop({ timeoutMs: 10_000 });
  await closeStore?.();
  await server.stop();
  process.exit(0);
}

try {
  const server = await run(async (app, appOptions) => {
    const options = await appOptionsFromEnv(process.env);
    closeStore = () => options.store.close();
    await okctlApp({ ...options, onWorker: (started) => (worker = started) })(app, appOptions);
  });
  process.once("SIGTERM", () => void shutdown(server, "SIGTERM"));
} catch (error) {
  if (error instanceof AccessConfigError) {
    console.error(`okctl cannot start: ${error.message}`);
  } else {
    console.error(`okctl cannot start: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
}

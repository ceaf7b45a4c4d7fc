// The operator's endpoints, on the server's port beside the webhook path:
// - GET /healthz: the process is alive and its event loop answers (200 "ok").
// - GET /readyz: it should get traffic: the store answers and is migrated, the access
//   configuration is loaded, and it is not stopping. 503 with the reasons otherwise.
// - GET /metrics: Prometheus text format (src/metrics/metrics.ts). With OKCTL_METRICS_TOKEN set,
//   only for `Authorization: Bearer <token>`: the labels name clusters and accounts.
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { registry, setStoreGauges } from "../metrics/metrics.js";
import type { Store } from "../store/store.js";

export interface OperationsOptions {
  store: Store;
  now(): Date;
  /** Whether the access configuration is loaded (it is, once the app started: it fails closed). */
  accessConfigLoaded(): boolean;
  /** True once the server is shutting down: not ready any more. */
  stopping(): boolean;
  metricsToken?: string | undefined;
  /** How long the store may take to answer a readiness check (default 2 s). */
  storeTimeoutMs?: number;
}

function send(res: ServerResponse, status: number, body: string, type = "text/plain; charset=utf-8"): true {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" }).end(body);
  return true;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function tokenMatches(req: IncomingMessage, token: string): boolean {
  const given = Buffer.from(String(req.headers.authorization ?? ""));
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** An HTTP handler for Probot's server (`addHandler`): true when it answered the request. */
export function operationsHandler(options: OperationsOptions): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const storeTimeoutMs = options.storeTimeoutMs ?? 2_000;
  return async (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/healthz" && path !== "/readyz" && path !== "/metrics") return false;
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "method not allowed\n");
    if (path === "/healthz") return send(res, 200, "ok\n");
    if (path === "/readyz") {
      const problems: string[] = [];
      if (options.stopping()) problems.push("stopping");
      if (!options.accessConfigLoaded()) problems.push("access configuration not loaded");
      try {
        await withTimeout(options.store.ping(), storeTimeoutMs, "the store");
      } catch (error) {
        problems.push(`store: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (problems.length > 0) return send(res, 503, JSON.stringify({ ready: false, problems }), "application/json");
      return send(res, 200, JSON.stringify({ ready: true }), "application/json");
    }
    if (options.metricsToken && !tokenMatches(req, options.metricsToken)) return send(res, 401, "unauthorized\n");
    // Without the store, the process's own figures are still worth serving (okctl_store_up 0).
    const statistics = await withTimeout(options.store.jobStatistics(), storeTimeoutMs, "the store").catch(() => null);
    setStoreGauges(statistics, options.now());
    return send(res, 200, await registry.metrics(), registry.contentType);
  };
}

// Sends a webhook-shaped POST with a large body, streamed from one reused 1 MB chunk (the sender
// itself holds almost nothing), the way an attacker without the secret would. Resolves when the
// server answers or drops the connection, with how much of the body it had taken by then.
import { request } from "node:http";

export interface OversizedPost {
  url: string;
  bytes: number;
  /** Send no Content-Length (chunked transfer encoding): the server can only count. */
  chunked?: boolean;
  /** Overrides the declared Content-Length (e.g. declare less than is sent). */
  declaredBytes?: number;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export interface OversizedOutcome {
  /** The status the server answered, or null if it dropped the connection without one. */
  status: number | null;
  /** Bytes written to the socket before the answer (or the drop). */
  sentBytes: number;
  error?: string;
}

const CHUNK = Buffer.alloc(1024 * 1024, 0x61); // "aaaa…", not valid JSON: nothing can accept it

export function sendOversizedBody(options: OversizedPost): Promise<OversizedOutcome> {
  const url = new URL(options.url);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-github-event": "push",
    "x-github-delivery": `oversized-${Math.random().toString(36).slice(2)}`,
    "x-hub-signature-256": `sha256=${"0".repeat(64)}`,
    ...options.headers,
  };
  if (!options.chunked) headers["content-length"] = String(options.declaredBytes ?? options.bytes);
  return new Promise((resolve) => {
    let sent = 0;
    let settled = false;
    const settle = (outcome: OversizedOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(outcome);
    };
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers, agent: false }, (res) => {
      res.resume();
      settle({ status: res.statusCode ?? null, sentBytes: sent });
    });
    const timer = setTimeout(() => settle({ status: null, sentBytes: sent, error: "timed out" }), options.timeoutMs ?? 30_000);
    req.on("error", (error) => settle({ status: null, sentBytes: sent, error: error.message }));
    const write = (): void => {
      while (!settled && sent < options.bytes) {
        const chunk = CHUNK.subarray(0, Math.min(CHUNK.length, options.bytes - sent));
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", write);
      }
      if (!settled) req.end();
    };
    write();
  });
}

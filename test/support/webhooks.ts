// Signs and sends webhook deliveries the way GitHub does, over plain HTTP on loopback.
// Payload builders (from real example payloads) live in webhooks-payloads.ts.
import { createHmac, randomUUID } from "node:crypto";
import { request, type Agent } from "node:http";

export * from "./webhooks-payloads.js";

/** The `X-Hub-Signature-256` value GitHub sends: `sha256=` + hex HMAC-SHA256 of the raw body. */
export function signWebhook(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export interface SendWebhookOptions {
  /** The full webhook URL, e.g. `http://127.0.0.1:3000/api/github/webhooks`. */
  url: string;
  secret: string;
  /** The `X-GitHub-Event` name, e.g. `pull_request`. */
  event: string;
  /** `X-GitHub-Delivery`; a fresh UUID when omitted. Reuse one to simulate a redelivery. */
  deliveryId?: string;
  payload: unknown;
  /** Overrides the computed signature (to test rejection). */
  signature?: string;
  /** A keep-alive agent for load generation; a fresh connection per request when omitted. */
  agent?: Agent;
  /** Aborts the request after this long (default 10 s, GitHub's own webhook timeout). */
  timeoutMs?: number;
}

export interface WebhookResponse {
  status: number;
  body: string;
  deliveryId: string;
  /** From the first byte written to the end of the response body, in milliseconds. */
  durationMs: number;
}

/** The headers GitHub's webhook deliveries carry (see "Webhook events and payloads"). */
export function webhookHeaders(options: {
  event: string;
  deliveryId: string;
  signature: string;
  body: string;
  payload: unknown;
}): Record<string, string> {
  const installation = (options.payload as { installation?: { id?: number } } | null)?.installation;
  return {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(options.body)),
    "user-agent": "GitHub-Hookshot/okctl-test",
    "x-github-event": options.event,
    "x-github-delivery": options.deliveryId,
    "x-github-hook-id": "1",
    "x-github-hook-installation-target-type": "integration",
    "x-github-hook-installation-target-id": String(installation?.id ?? 1),
    "x-hub-signature-256": options.signature,
  };
}

/** Sends one signed delivery and resolves with the status and body, whatever the status. */
export function sendWebhook(options: SendWebhookOptions): Promise<WebhookResponse> {
  const body = JSON.stringify(options.payload);
  const deliveryId = options.deliveryId ?? randomUUID();
  const signature = options.signature ?? signWebhook(options.secret, body);
  const headers = webhookHeaders({ event: options.event, deliveryId, signature, body, payload: options.payload });
  const url = new URL(options.url);
  if (url.protocol !== "http:") throw new Error(`sendWebhook only speaks plain HTTP (got ${options.url})`);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: "POST",
        headers,
        agent: options.agent,
        timeout: options.timeoutMs ?? 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            deliveryId,
            durationMs: performance.now() - started,
          }),
        );
      },
    );
    req.on("timeout", () => req.destroy(new Error(`webhook delivery timed out: ${options.url}`)));
    req.on("error", reject);
    req.end(body);
  });
}

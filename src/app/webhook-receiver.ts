// The webhook endpoint of the running server. Probot's own endpoint builds an installation Octokit
// (with its throttling and retry plugins) for every delivery that has a handler, before the handler
// runs; okctl's handlers never use it (jobs authenticate later, in the worker), and that
// construction alone cost about a fifth of the throughput and doubled the p99 in `npm run bench`.
// This endpoint verifies the signature the same way (@octokit/webhooks, as Probot does) and only
// records the delivery and its jobs. It never buffers more than the body limit (GitHub's own
// 25 MB): a larger Content-Length is answered 413 before a byte is read, and the stream is counted
// as it arrives. A bad signature is one rate-limited warning line, never the body.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Webhooks, type EmitterWebhookEvent } from "@octokit/webhooks";
import type { Logger } from "probot";
import { declaredLength, MAX_WEBHOOK_BODY_BYTES, readBoundedBody, rejectTooLarge } from "./bounded-body.js";
import { rateLimitedLine } from "./rate-limited-log.js";
import { labelValue, webhookDeliveries } from "../metrics/metrics.js";

type Handled = "push" | "pull_request" | "issue_comment";
const HANDLED: ReadonlySet<string> = new Set<Handled>(["push", "pull_request", "issue_comment"]);
/** GitHub's other events, named in metrics as they are; anything else is "other" (the header is the sender's). */
const KNOWN_EVENTS: ReadonlySet<string> = new Set(["ping", "installation", "installation_repositories", "check_run", "check_suite", "pull_request_review", "pull_request_review_comment", "issues", "create", "delete", "status", "workflow_run"]);
export type ReceivedEvent = { [E in Handled]: EmitterWebhookEvent<E> }[Handled];

export interface WebhookReceiverOptions {
  secret: string;
  /** The public webhook path, e.g. `/api/github/webhooks`. */
  path: string;
  log: Pick<Logger, "warn" | "error" | "debug">;
  record(event: ReceivedEvent): Promise<void>;
  /** Largest body accepted (default 25 MB, GitHub's maximum). */
  maxBodyBytes?: number;
  /** At most one bad-signature warning per this interval (default 60 s); the rest are counted. */
  badSignatureLogIntervalMs?: number;
}

const JSON_CONTENT_TYPE = /^\s*application\/json\s*(?:;|$)/i;
const REQUIRED_HEADERS = ["x-github-event", "x-hub-signature-256", "x-github-delivery"] as const;

function answer(res: ServerResponse, status: number, body: object | string, headers: Record<string, string> = {}): true {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const type = typeof body === "string" ? "text/plain" : "application/json";
  res.writeHead(status, { "content-type": type, ...headers }).end(text);
  return true;
}

function pathOf(url: string | undefined): string | null {
  try {
    return new URL(url ?? "/", "http://localhost").pathname.replace(/\/+$/, "") || "/";
  } catch {
    return null;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** An HTTP handler for Probot's server (`addHandler`): true when it answered the request. */
export function webhookReceiver(options: WebhookReceiverOptions): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const webhooks = new Webhooks({ secret: options.secret });
  webhooks.on("push", (event) => options.record(event));
  webhooks.on("pull_request", (event) => options.record(event));
  webhooks.on("issue_comment", (event) => options.record(event));
  const path = options.path.replace(/\/+$/, "") || "/";
  const limit = options.maxBodyBytes ?? MAX_WEBHOOK_BODY_BYTES;
  const badSignature = rateLimitedLine(
    (fields) => options.log.warn(fields, "webhook delivery rejected: bad signature (is WEBHOOK_SECRET the app's webhook secret?)"),
    options.badSignatureLogIntervalMs ?? 60_000,
  );

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (pathOf(req.url) !== path) return false;
    if (req.method !== "POST") return answer(res, 404, { error: `Unknown route: ${req.method ?? ""} ${path}` });
    const tooLarge = (): true => rejectTooLarge(req, res, limit);
    const declared = declaredLength(req);
    if (declared !== null && !(declared <= limit)) return tooLarge(); // before anything else: nothing is read
    const contentType = header(req, "content-type");
    if (contentType === undefined || !JSON_CONTENT_TYPE.test(contentType)) {
      return answer(res, 415, { error: 'Unsupported "Content-Type" header value. Must be "application/json"' }, { connection: "close" });
    }
    const missing = REQUIRED_HEADERS.filter((name) => header(req, name) === undefined);
    if (missing.length > 0) return answer(res, 400, { error: `Required headers missing: ${missing.join(", ")}` }, { connection: "close" });
    const id = header(req, "x-github-delivery") as string;
    const name = header(req, "x-github-event") as string;
    const signature = header(req, "x-hub-signature-256") as string;

    const outcome = await readBoundedBody(req, limit);
    if (outcome.kind === "too-large") return tooLarge();
    if (outcome.kind === "aborted") {
      res.destroy();
      return true;
    }
    const payload = outcome.body.toString("utf8");
    if (!(await signatureMatches(webhooks, payload, signature))) {
      badSignature({ delivery: id.slice(0, 100), event: name.slice(0, 100), bytes: outcome.body.length, remoteAddress: req.socket.remoteAddress });
      return answer(res, 400, { error: "signature does not match event payload and secret" });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      return answer(res, 400, { error: "The body is not JSON" });
    }
    try {
      // The emitter's types tie the payload to the event name; it was signed by GitHub for that name.
      await webhooks.receive({ id, name, payload: parsed } as EmitterWebhookEvent);
    } catch (error) {
      // The aggregate error carries the event (the whole payload): log only what failed.
      const first = error instanceof AggregateError ? error.errors[0] : error;
      options.log.error({ delivery: id, event: name, err: first }, "could not record the delivery");
      return answer(res, 500, { error: "could not record the delivery" });
    }
    return answer(res, 200, "ok\n");
  };
  return async (req, res) => {
    const answered = await handle(req, res);
    if (answered) countDelivery(header(req, "x-github-event"), res.statusCode);
    return answered;
  };
}

/** Handled events count themselves when recorded (recorded, duplicate, ignored); the rest are counted here. */
function countDelivery(name: string | undefined, status: number): void {
  const event = name !== undefined && (HANDLED.has(name) || KNOWN_EVENTS.has(name)) ? name : "other";
  if (status >= 500) webhookDeliveries.inc({ event, outcome: "failed" });
  else if (status >= 400) webhookDeliveries.inc({ event, outcome: "rejected" });
  else if (!HANDLED.has(event)) webhookDeliveries.inc({ event: labelValue(event), outcome: "ignored" });
}

async function signatureMatches(webhooks: Webhooks, payload: string, signature: string): Promise<boolean> {
  try {
    return await webhooks.verify(payload, signature);
  } catch {
    return false; // an empty body or signature
  }
}

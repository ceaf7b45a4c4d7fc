// Reading a request body with a size limit, before anything is buffered beyond it: the declared
// Content-Length is checked first (a body that announces too much is never read), then the bytes
// are counted as they arrive (a body that sends more than it announced, or a chunked one, is cut
// off at the limit).
import type { IncomingMessage, ServerResponse } from "node:http";

/** GitHub caps webhook payloads at 25 MB and does not deliver larger ones. */
export const MAX_WEBHOOK_BODY_BYTES = 25 * 1024 * 1024;

export type BodyOutcome =
  | { kind: "body"; body: Buffer }
  /** Larger than the limit (by its Content-Length or by counting): answer 413. */
  | { kind: "too-large"; declared: number | null }
  /** The client went away or the stream failed. */
  | { kind: "aborted" };

/** The declared Content-Length, null when absent, NaN when malformed. */
export function declaredLength(req: Pick<IncomingMessage, "headers">): number | null {
  const raw = req.headers["content-length"];
  if (raw === undefined) return null;
  return /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
}

export function readBoundedBody(req: IncomingMessage, limitBytes: number): Promise<BodyOutcome> {
  const declared = declaredLength(req);
  if (declared !== null && !(declared <= limitBytes)) return Promise.resolve({ kind: "too-large", declared });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const settle = (outcome: BodyOutcome): void => {
      if (settled) return;
      settled = true;
      req.off("data", onData);
      resolve(outcome);
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > limitBytes) {
        chunks.length = 0; // nothing more is kept; rejectTooLarge discards the rest
        settle({ kind: "too-large", declared });
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => settle({ kind: "body", body: Buffer.concat(chunks, received) }));
    req.once("error", () => settle({ kind: "aborted" }));
    req.once("close", () => settle({ kind: "aborted" }));
  });
}

/** How long a rejected body may keep arriving (read and thrown away) before the connection is cut. */
const LINGER_MS = 5_000;

/**
 * Answers 413 at once, throws away whatever of the body still arrives for at most a few seconds,
 * then ends the response and, if the body is still coming, cuts the connection. (Ending the
 * response while the client still sends would reset the connection before the client reads the
 * 413.)
 */
export function rejectTooLarge(req: IncomingMessage, res: ServerResponse, limitBytes: number): true {
  const text = JSON.stringify({ error: `The body is larger than ${limitBytes} bytes (GitHub's limit for webhook payloads)` });
  res.writeHead(413, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.write(text);
  const finish = (): void => {
    clearTimeout(cut);
    if (!res.writableEnded) res.end();
  };
  const cut = setTimeout(() => {
    finish();
    req.socket.destroy();
  }, LINGER_MS);
  cut.unref();
  req.once("end", finish);
  req.once("close", finish);
  req.resume();
  return true;
}

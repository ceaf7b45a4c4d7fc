// The first thing every HTTP request meets, before any of Probot's handlers: a body that declares
// more than the limit is answered 413 without a byte read, and Probot's own webhook endpoint
// (which would buffer a body of any size before checking its signature) is not served: okctl
// answers deliveries on its own, bounded endpoint (src/app/webhook-receiver.ts).
import type { IncomingMessage, Server as HttpServer, ServerResponse } from "node:http";
import { declaredLength, rejectTooLarge } from "./bounded-body.js";

export interface RequestGuardOptions {
  maxBodyBytes: number;
  /** Paths answered 404 whatever the method (Probot's relocated webhook endpoint). */
  closedPaths: readonly string[];
}

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

function pathname(url: string | undefined): string {
  const path = (url ?? "/").split("?")[0] ?? "/";
  return path.replace(/\/+$/, "") || "/";
}

/** Answers the request itself (true) when it must not reach the server's handlers. */
export function guardRequest(req: IncomingMessage, res: ServerResponse, options: RequestGuardOptions): boolean {
  const declared = declaredLength(req);
  if (declared !== null && !(declared <= options.maxBodyBytes)) return rejectTooLarge(req, res, options.maxBodyBytes);
  if (options.closedPaths.includes(pathname(req.url))) {
    res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "Not found" }));
    return true;
  }
  return false;
}

/** Puts the guard in front of the server's existing request listeners. */
export function guardHttpServer(server: HttpServer, options: RequestGuardOptions): void {
  const listeners = server.listeners("request") as RequestListener[];
  server.removeAllListeners("request");
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (guardRequest(req, res, options)) return;
    for (const listener of listeners) listener.call(server, req, res);
  });
}

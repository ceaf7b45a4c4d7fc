// A loopback HTTP proxy in front of moto that can hold chosen requests (e.g. EKS CreateCluster), so
// a test can kill the server at a known point in the middle of an apply. A held request is never
// forwarded once its client has gone (the killed server's call never reaches AWS).
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface HeldRequest {
  method: string;
  path: string;
}

export interface HoldingProxy {
  /** `http://127.0.0.1:<port>`, the AWS_ENDPOINT_URL for the server. */
  readonly url: string;
  /** Requests being held now. */
  held(): HeldRequest[];
  /** Stops holding: held requests still connected are forwarded, and new ones pass straight on. */
  release(): void;
  close(): Promise<void>;
}

function forward(target: URL, req: IncomingMessage, body: Buffer, res: ServerResponse): void {
  const upstream = request(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on("error", () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  upstream.end(body);
}

export async function startHoldingProxy(target: string, shouldHold: (request: HeldRequest) => boolean): Promise<HoldingProxy> {
  const targetUrl = new URL(target);
  let holding = true;
  const waiting = new Set<{ request: HeldRequest; go: () => void }>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const held: HeldRequest = { method: req.method ?? "", path: req.url ?? "" };
      if (!holding || !shouldHold(held)) return forward(targetUrl, req, body, res);
      const entry = { request: held, go: () => forward(targetUrl, req, body, res) };
      waiting.add(entry);
      res.on("close", () => waiting.delete(entry));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    held: () => [...waiting].map((entry) => entry.request),
    release: () => {
      holding = false;
      for (const entry of [...waiting]) {
        waiting.delete(entry);
        entry.go();
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

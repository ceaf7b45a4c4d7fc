// A small loopback load balancer: each request goes to the next of the targets in turn (skipping
// one that refuses the connection, as a load balancer's health check would), and the proxy
// remembers which target answered which request.
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RoundRobinProxy {
  readonly url: string;
  /** For each request so far: the index of the target that answered it. */
  routed(): number[];
  close(): Promise<void>;
}

export async function startRoundRobinProxy(targets: readonly string[]): Promise<RoundRobinProxy> {
  const routed: number[] = [];
  let next = 0;
  const forward = (req: IncomingMessage, body: Buffer, res: ServerResponse, tries: number): void => {
    const index = next++ % targets.length;
    const target = new URL(targets[index] as string);
    const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      routed.push(index);
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => {
      if (tries + 1 < targets.length) forward(req, body, res, tries + 1);
      else res.writeHead(502).end();
    });
    upstream.end(body);
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => forward(req, Buffer.concat(chunks), res, 0));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    routed: () => [...routed],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

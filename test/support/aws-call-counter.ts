// Proves that no AWS call was made: a loopback endpoint that counts every request (and refuses it)
// stands in for AWS while `run` runs; AWS_ENDPOINT_URL points at it, then back.
import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";

/** Runs `run` with AWS_ENDPOINT_URL pointing at a loopback server answering with `handler`. */
export async function withLoopbackAws(handler: RequestListener, run: () => Promise<void>): Promise<void> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const previous = process.env.AWS_ENDPOINT_URL;
  process.env.AWS_ENDPOINT_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await run();
  } finally {
    if (previous === undefined) delete process.env.AWS_ENDPOINT_URL;
    else process.env.AWS_ENDPOINT_URL = previous;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export async function countAwsCalls(run: () => Promise<void>): Promise<number> {
  let calls = 0;
  await withLoopbackAws((request, response) => {
    calls += 1;
    request.resume();
    response.writeHead(403, { "content-type": "text/xml" }).end("<ErrorResponse><Error><Code>AccessDenied</Code><Message>no AWS call expected</Message></Error></ErrorResponse>");
  }, run);
  return calls;
}

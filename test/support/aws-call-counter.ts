// Proves that no AWS call was made: a loopback endpoint that counts every request (and refuses it)
// stands in for AWS while `run` runs; AWS_ENDPOINT_URL points at it, then back.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export async function countAwsCalls(run: () => Promise<void>): Promise<number> {
  let calls = 0;
  const server = createServer((request, response) => {
    calls += 1;
    request.resume();
    response.writeHead(403, { "content-type": "text/xml" }).end("<ErrorResponse><Error><Code>AccessDenied</Code><Message>no AWS call expected</Message></Error></ErrorResponse>");
  });
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
  return calls;
}

import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallTimeoutError, runInCallScope } from "./call-scope.js";
import { boundedFetch } from "./github-fetch.js";

let server: Server;
let base: string;
beforeAll(async () => {
  // /silent accepts the request and never answers; anything else answers at once.
  server = createServer((req, res) => {
    if (req.url?.startsWith("/silent")) return;
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("boundedFetch (the GitHub client's fetch)", () => {
  it("gives up on a request that is never answered, naming it", async () => {
    const started = Date.now();
    const error = await boundedFetch(200)(`${base}/silent/repos/o/r/pulls/1`, { method: "PATCH" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CallTimeoutError);
    expect((error as Error).message).toBe("GitHub PATCH /silent/repos/o/r/pulls/1 did not answer: no answer within 200 ms");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("aborts with the job, and counts each answer as the job's progress", async () => {
    const controller = new AbortController();
    let progress = 0;
    const fetchBounded = boundedFetch(60_000);
    await runInCallScope({ signal: controller.signal, progress: () => progress++ }, async () => {
      expect((await fetchBounded(`${base}/repos/o/r`)).status).toBe(200);
      const pending = fetchBounded(`${base}/silent/x`);
      setTimeout(() => controller.abort(new Error("lease lost")), 50);
      await expect(pending).rejects.toThrow();
    });
    expect(progress).toBe(1);
  });
});

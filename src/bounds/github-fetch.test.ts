import { createServer, type Server } from "node:http";
import { ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallTimeoutError, runInCallScope } from "./call-scope.js";
import { boundedFetch, sendInCallersScope } from "./github-fetch.js";

let server: Server;
let base: string;
/** The requests the server received, as "METHOD /path". */
const received: string[] = [];
beforeAll(async () => {
  // /silent accepts the request and never answers; anything else answers at once.
  server = createServer((req, res) => {
    received.push(`${req.method} ${req.url}`);
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

describe("sendInCallersScope (the installation client okctl's jobs use)", () => {
  it("sends a write queued behind another job's in its own job's scope: aborted with its job, at once, and not retried", async () => {
    // As Probot builds it: throttling on, which spaces writes a second apart through one queue.
    const octokit = sendInCallersScope(new ProbotOctokit({ auth: "token", baseUrl: base, request: { fetch: boundedFetch(60_000) }, throttle: { enabled: true, onRateLimit: () => false, onSecondaryRateLimit: () => false } }));
    const live = { signal: new AbortController().signal, progress: () => {} };
    const stopping = new AbortController();
    stopping.abort(new Error("worker stopping: job handed back"));
    const handedBack = { signal: stopping.signal, progress: () => {} };
    received.length = 0;
    const first = runInCallScope(live, () => octokit.request("PATCH /repos/o/r/check-runs/1", { status: "completed" }));
    const startedAt = Date.now();
    const second = runInCallScope(handedBack, () => octokit.request("PATCH /repos/o/r/check-runs/2", { status: "completed" })).catch((e: unknown) => e);
    expect((await first).status).toBe(200);
    const error = (await second) as Error;
    expect(error.name).toBe("AbortError");
    expect(error.message).toBe("GitHub PATCH /repos/o/r/check-runs/2 aborted: worker stopping: job handed back");
    expect(Date.now() - startedAt).toBeLessThan(3_000); // the write queue's second, no retries after it
    expect(received).toEqual(["PATCH /repos/o/r/check-runs/1"]);
  });
});

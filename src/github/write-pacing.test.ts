import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { octokitWithWriteInterval, writeIntervalFromEnv } from "./write-pacing.js";

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A loopback API that answers every request at once, noting when each arrived. */
async function recordingApi(): Promise<{ baseUrl: string; arrivals: { method: string; path: string; at: number }[] }> {
  const arrivals: { method: string; path: string; at: number }[] = [];
  server = createServer((request, response) => {
    arrivals.push({ method: request.method ?? "", path: request.url ?? "", at: performance.now() });
    request.resume();
    response.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, arrivals };
}

const gaps = (times: number[]): number[] => times.slice(1).map((at, i) => at - times[i]!);

describe("the pacing of writes to GitHub", () => {
  it("spaces writes the interval apart, new comments three intervals, and reads not at all", async () => {
    const api = await recordingApi();
    const octokit = new (octokitWithWriteInterval(300))({ auth: "token", baseUrl: api.baseUrl, retry: { enabled: false } });
    const repo = { owner: "o", repo: "r" };
    await octokit.rest.repos.get(repo); // the connection made, before anything is timed
    // Reads sent with the first writes: they wait for no write.
    await Promise.all([
      ...[1, 2, 3].map((n) => octokit.rest.issues.updateComment({ ...repo, comment_id: n, body: "x" })),
      ...[1, 2, 3].map((n) => octokit.rest.pulls.get({ ...repo, pull_number: n })),
    ]);
    await Promise.all([1, 2].map((n) => octokit.rest.issues.createComment({ ...repo, issue_number: n, body: "x" })));

    const at = (method: string, pattern: RegExp) => api.arrivals.filter((a) => a.method === method && pattern.test(a.path)).map((a) => a.at);
    const updates = at("PATCH", /comments\/\d+$/);
    const comments = at("POST", /issues\/\d+\/comments$/);
    const reads = at("GET", /pulls/);
    expect([updates.length, comments.length, reads.length]).toEqual([3, 2, 3]);
    // Arrival times vary around the pacing's start times (on a busy machine by tens of ms): a third
    // of the interval is allowed for that, far from the 0 ms gaps of writes that are not paced.
    for (const gap of gaps(updates)) expect(gap).toBeGreaterThanOrEqual(200);
    for (const gap of gaps(comments)) expect(gap).toBeGreaterThanOrEqual(800);
    // Every read arrived before the second write, which the pacing held back 300 ms.
    expect(Math.max(...reads)).toBeLessThan(updates[1]!);
  });

  it("sends writes as they come with an interval of 0", async () => {
    const api = await recordingApi();
    const octokit = new (octokitWithWriteInterval(0))({ auth: "token", baseUrl: api.baseUrl, retry: { enabled: false } });
    const started = performance.now();
    await Promise.all([1, 2, 3].map((n) => octokit.rest.issues.createComment({ owner: "o", repo: "r", issue_number: n, body: "x" })));
    expect(api.arrivals).toHaveLength(3);
    expect(performance.now() - started).toBeLessThan(3_000); // Probot's own pacing: 6 s for these three
  });
});

describe("OKCTL_GITHUB_WRITE_INTERVAL_MS", () => {
  it("is Probot's pacing when unset, else a whole number of milliseconds", () => {
    expect(writeIntervalFromEnv({})).toBeUndefined();
    expect(writeIntervalFromEnv({ OKCTL_GITHUB_WRITE_INTERVAL_MS: "0" })).toBe(0);
    expect(writeIntervalFromEnv({ OKCTL_GITHUB_WRITE_INTERVAL_MS: "250" })).toBe(250);
    for (const bad of ["-1", "1.5", "fast", "1e3"]) expect(() => writeIntervalFromEnv({ OKCTL_GITHUB_WRITE_INTERVAL_MS: bad })).toThrow(/OKCTL_GITHUB_WRITE_INTERVAL_MS must be a whole number/);
  });
});

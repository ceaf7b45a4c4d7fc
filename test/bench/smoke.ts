// Shared by the benchmark smoke tests (test/bench/*.test.ts): each runs one benchmark of
// `npm run bench` at a tiny size through its exported run function and checks that it did what it
// claims to measure. Figures with a target (ratios, percentiles, memory) are never asserted: a
// busy machine moves them, and timed tests are not allowed here (GUIDE.md).
import { existsSync } from "node:fs";
import { expect } from "vitest";
import type { WebhookBenchmarkOptions, WebhookBenchmarkResult } from "../../bench/webhooks.js";

/** The benchmarks run compiled scripts (the server, the bare app, queue replicas): `npm test` builds them first. */
export function requireBuilt(...scripts: string[]): void {
  const missing = scripts.filter((script) => !existsSync(script));
  if (missing.length > 0) throw new Error(`${missing.join(", ")} missing: run \`npm run build\` first (\`npm test\` does)`);
}

/**
 * A webhook benchmark run of a few seconds: a handful of deliveries, all pull_request ones to one
 * pull request (each plan job ends in two GitHub writes, which Probot paces at one a second).
 */
export const TINY_WEBHOOK_RUN = {
  deliveries: 8,
  concurrency: 4,
  rounds: 2,
  warmup: 2,
  idleMs: 0,
  pullRequests: 1,
  settleTimeoutMs: 30_000,
} satisfies WebhookBenchmarkOptions;

const nonZero = (sums: Record<string, number>): Record<string, number> => Object.fromEntries(Object.entries(sums).filter(([, n]) => n > 0));

/** Both servers acknowledged every delivery; okctl's queue emptied without a GitHub error, a retried or a dead job. */
export function expectDeliveriesHandled(result: WebhookBenchmarkResult): NonNullable<WebhookBenchmarkResult["background"]> {
  expect(result.okctlStandIn, "the real okctl server ran, not the bare app in its place").toBe(false);
  for (const server of [result.bare, result.okctl]) {
    expect(server, server.firstFailure).toMatchObject({ sent: result.deliveries, acknowledged: result.deliveries, failed: 0 });
  }
  if (process.platform === "linux") {
    for (const server of [result.bare, result.okctl]) {
      expect(server.cpuPerDelivery, `${server.label}: CPU per delivery read from /proc`).toMatchObject({ load: expect.any(Number), server: expect.any(Number) });
      expect(server.cpuPerDelivery?.load).toBeGreaterThan(0);
    }
    expect(result.cpuRatio).toBeGreaterThan(0);
  }
  const background = result.background;
  if (!background) throw new Error("the run reported no background work for okctl");
  expect(background.githubErrors, background.firstGithubError).toBe(0);
  expect(background.settled, `okctl's queue did not empty: ${JSON.stringify(background.jobs)}`).toBe(true);
  const unfinished = Object.entries(nonZero(background.runs)).filter(([key]) => !key.endsWith(" completed"));
  expect(unfinished, "job runs that did not complete (retried, dead, lost)").toEqual([]);
  expect(Object.keys(nonZero(background.jobs)).filter((key) => key.endsWith(" dead"))).toEqual([]);
  return background;
}

/** Pushes that change no okctl.yaml: acknowledged and ignored, no job, no GitHub request. */
export function expectPushesIgnored(result: WebhookBenchmarkResult, warmup: number): void {
  expect(result.scenario).toBe("push");
  const background = expectDeliveriesHandled(result);
  expect(nonZero(background.deliveries)).toEqual({ "push ignored": result.deliveries + warmup });
  expect(nonZero(background.jobs)).toEqual({});
  expect(background.github).toEqual({});
}

const ROUTE = {
  pullRequest: "GET /repos/{owner}/{repo}/pulls/{pull_number} 200",
  comment: "POST /repos/{owner}/{repo}/issues/{issue_number}/comments 201",
  checkRun: "POST /repos/{owner}/{repo}/check-runs 201",
};

/**
 * pull_request deliveries for a repository without access: every one recorded with its plan job;
 * each job that ran read its pull request once (no retry) and published the refusal: one sticky
 * comment per pull request, a neutral check per run.
 */
export function expectPullRequestsRefused(result: WebhookBenchmarkResult, warmup: number): void {
  expect(result.scenario).toBe("pull_request");
  const background = expectDeliveriesHandled(result);
  expect(background.deliveries["pull_request recorded"]).toBe(result.deliveries + warmup);
  const completed = background.runs["plan completed"] ?? 0;
  expect(completed).toBeGreaterThan(0);
  expect(background.jobs["plan completed"]).toBe(completed);
  expect(background.github[ROUTE.pullRequest]).toBe(completed);
  expect(background.github[ROUTE.checkRun]).toBe(completed);
  expect(background.github[ROUTE.comment]).toBe(result.pullRequests);
}

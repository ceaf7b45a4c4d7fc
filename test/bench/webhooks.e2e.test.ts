// The webhook benchmark (bench/webhooks.ts) end to end, small: the harness with two bare Probot
// apps, and the benchmark as `npm run bench webhooks` runs it (the real server, dist/src/server.js,
// against the bare app), both built by `npm test`. The pull_request scenario runs, with SQLite
// and with PostgreSQL, in webhooks-postgres.pg.test.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { BARE_APP_SCRIPT, formatWebhookBenchmark, OKCTL_SERVER_SCRIPT, runWebhookBenchmark } from "../../bench/webhooks.js";
import { expectPushesIgnored, requireBuilt, TINY_WEBHOOK_RUN } from "./smoke.js";

beforeAll(() => requireBuilt(BARE_APP_SCRIPT, OKCTL_SERVER_SCRIPT));

describe("runWebhookBenchmark", () => {
  it("measures both servers side by side and prints a table", async () => {
    const result = await runWebhookBenchmark({ okctlScript: BARE_APP_SCRIPT, deliveries: 120, concurrency: 4, rounds: 2 });
    for (const server of [result.bare, result.okctl]) {
      expect(server).toMatchObject({ sent: 120, acknowledged: 120, failed: 0, githubRequests: 0 });
      expect(server.p50Ms).toBeGreaterThan(0);
      expect(server.p99Ms).toBeGreaterThanOrEqual(server.p50Ms);
      expect(server.maxMs).toBeGreaterThanOrEqual(server.p99Ms);
      expect(server.idleRssKb).toBeGreaterThan(10_000);
      expect(Math.max(server.peakRssKb, server.hwmKb)).toBeGreaterThanOrEqual(server.idleRssKb);
    }
    expect(result.okctlStandIn).toBe(false);
    expect(result.background).toBeUndefined();
    expect(result.throughputRatio).toBeCloseTo(result.okctl.throughputRps / result.bare.throughputRps);
    const table = formatWebhookBenchmark(result);
    expect(table).toMatch(/^server +acked +failed +p50 ms +p99 ms/m);
    expect(table).toContain("okctl/bare throughput");
  });

  it("smoke: okctl acknowledges every push and ignores it, without a job or a GitHub request", async () => {
    const result = await runWebhookBenchmark({ ...TINY_WEBHOOK_RUN, scenario: "push" });
    expectPushesIgnored(result, TINY_WEBHOOK_RUN.warmup);
    expect(formatWebhookBenchmark(result)).toContain("GitHub stand-in: no error answers");
  });
});

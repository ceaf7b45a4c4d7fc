// The webhook benchmark (bench/webhooks.ts) end to end, small, as `npm run bench webhooks` runs it:
// the real server (dist/src/server.js) beside the bare Probot app (dist/bench/bare-app.js), both
// built by `npm test`. The pull_request scenario runs, with SQLite and with PostgreSQL, in
// webhooks-postgres.pg.test.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { BARE_APP_SCRIPT, formatWebhookBenchmark, OKCTL_SERVER_SCRIPT, runWebhookBenchmark } from "../../bench/webhooks.js";
import { expectPushesIgnored, requireBuilt, TINY_WEBHOOK_RUN } from "./smoke.js";

beforeAll(() => requireBuilt(BARE_APP_SCRIPT, OKCTL_SERVER_SCRIPT));

describe("runWebhookBenchmark", () => {
  it("smoke: measures both servers side by side; okctl acknowledges every push and ignores it, without a job or a GitHub request", async () => {
    const result = await runWebhookBenchmark({ ...TINY_WEBHOOK_RUN, scenario: "push" });
    expectPushesIgnored(result, TINY_WEBHOOK_RUN.warmup);
    for (const server of [result.bare, result.okctl]) {
      expect(server.githubRequests).toBe(0);
      expect(server.p50Ms).toBeGreaterThan(0);
      expect(server.p99Ms).toBeGreaterThanOrEqual(server.p50Ms);
      expect(server.maxMs).toBeGreaterThanOrEqual(server.p99Ms);
      expect(server.idleRssKb).toBeGreaterThan(10_000);
      expect(Math.max(server.peakRssKb, server.hwmKb)).toBeGreaterThanOrEqual(server.idleRssKb);
    }
    expect(result.throughputRatio).toBeCloseTo(result.okctl.throughputRps / result.bare.throughputRps);
    const table = formatWebhookBenchmark(result);
    expect(table).toMatch(/^server +acked +failed +p50 ms +p99 ms/m);
    expect(table).toContain("okctl/bare throughput");
    expect(table).toContain("GitHub stand-in: no error answers");
    if (process.platform === "linux") {
      expect(result.okctl.cpuPerDelivery?.database, "no database process is counted for the SQLite store").toBeUndefined();
      expect(table).toMatch(/^ {2}okctl +load \d+\.\d\d +server \d+\.\d\d +database — +total \d+\.\d\d$/m);
    }
  });
});

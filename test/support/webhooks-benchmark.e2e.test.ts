// The webhook benchmark end to end, small: two bare Probot apps (dist/bench/*.js, built by `npm test`).
import { describe, expect, it } from "vitest";
import { BARE_APP_SCRIPT, formatWebhookBenchmark, runWebhookBenchmark } from "../../bench/webhooks.js";

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
    expect(result.throughputRatio).toBeCloseTo(result.okctl.throughputRps / result.bare.throughputRps);
    const table = formatWebhookBenchmark(result);
    expect(table).toMatch(/^server +acked +failed +p50 ms +p99 ms/m);
    expect(table).toContain("okctl/bare throughput");
  });
});

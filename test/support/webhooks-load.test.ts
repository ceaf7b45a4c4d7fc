import { describe, expect, it } from "vitest";
import { percentile, summariseRuns, type LoadRun } from "./webhooks-load.js";

const run = (latenciesMs: number[], wallMs: number, extra: Partial<LoadRun> = {}): LoadRun => ({
  sent: latenciesMs.length, latenciesMs, failed: 0, wallMs, peakRssKb: 100, hwmKb: 120, ...extra,
});

describe("percentile", () => {
  it("is the nearest rank", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(sorted, 50), percentile(sorted, 99), percentile(sorted, 100)]).toEqual([50, 99, 100]);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe("summariseRuns", () => {
  it("pools latencies and divides acknowledgements by the total wall time", () => {
    const figures = summariseRuns([
      run([1, 2, 3], 1000),
      run([4, 5], 1000, { sent: 3, failed: 1, firstFailure: "HTTP 500", peakRssKb: 300, hwmKb: 310 }),
    ]);
    expect(figures).toMatchObject({
      sent: 6, acknowledged: 5, failed: 1, firstFailure: "HTTP 500", p50Ms: 3, maxMs: 5,
      throughputRps: 2.5, wallMs: 2000, peakRssKb: 300, hwmKb: 310,
    });
  });
});

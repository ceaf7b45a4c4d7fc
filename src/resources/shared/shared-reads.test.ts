import { describe, expect, it } from "vitest";
import { createSharedReads, mapWithConcurrency, sharedRead } from "./shared-reads.js";

describe("createSharedReads", () => {
  it("loads a key once, also for callers that come while it is still loading", async () => {
    const shared = createSharedReads();
    let loads = 0;
    const load = async (): Promise<number> => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return 42;
    };
    const results = await Promise.all([shared.once("a", load), shared.once("a", load), sharedRead({ shared }, "a", load)]);
    expect(results).toEqual([42, 42, 42]);
    expect(loads).toBe(1);
    expect(await shared.once("b", async () => 7)).toBe(7);
  });

  it("hands a failed load's error to every caller of that read", async () => {
    const shared = createSharedReads();
    let loads = 0;
    const failing = async (): Promise<never> => {
      loads += 1;
      throw new Error("throttled");
    };
    await expect(shared.once("z", failing)).rejects.toThrow("throttled");
    await expect(shared.once("z", failing)).rejects.toThrow("throttled");
    expect(loads).toBe(1);
  });

  it("loads on every call without a shared context", async () => {
    let loads = 0;
    await sharedRead({}, "a", async () => (loads += 1));
    await sharedRead({}, "a", async () => (loads += 1));
    expect(loads).toBe(2);
  });
});

describe("mapWithConcurrency", () => {
  it("keeps the order and never has more than the limit in flight", async () => {
    let inFlight = 0;
    let most = 0;
    const items = Array.from({ length: 25 }, (_, i) => i);
    const results = await mapWithConcurrency(items, 4, async (item) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, (item * 7) % 5));
      inFlight -= 1;
      return item * 2;
    });
    expect(results).toEqual(items.map((i) => i * 2));
    expect(most).toBe(4);
  });

  it("handles no items, and rejects with the first failure", async () => {
    expect(await mapWithConcurrency([], 8, async () => 1)).toEqual([]);
    await expect(mapWithConcurrency([1, 2, 3], 2, async (n) => { if (n === 2) throw new Error("two"); return n; })).rejects.toThrow("two");
  });
});

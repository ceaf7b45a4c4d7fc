import { describe, expect, it } from "vitest";
import { rateLimitedLine } from "./rate-limited-log.js";

describe("rateLimitedLine", () => {
  it("writes at most one line per interval and reports how many it dropped", () => {
    let clock = 0;
    const written: Record<string, unknown>[] = [];
    const line = rateLimitedLine((fields) => written.push(fields), 60_000, () => clock);
    expect(line({ n: 1 })).toBe(true);
    for (let i = 2; i <= 5; i++) {
      clock += 1_000;
      expect(line({ n: i })).toBe(false);
    }
    clock = 60_000;
    expect(line({ n: 6 })).toBe(true);
    expect(written).toEqual([{ n: 1 }, { n: 6, suppressedSinceLast: 4 }]);
  });
});

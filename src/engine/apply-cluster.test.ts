import { describe, expect, it } from "vitest";
import { POLL_INTERVAL_ENV, pollIntervalFromEnv } from "./apply-cluster.js";

describe("OKCTL_AWS_POLL_INTERVAL_MS", () => {
  it("is each kind's own interval when unset, else a positive whole number of milliseconds", () => {
    expect(pollIntervalFromEnv({})).toBeUndefined();
    expect(pollIntervalFromEnv({ [POLL_INTERVAL_ENV]: "250" })).toBe(250);
    for (const bad of ["", " ", "0", "-5", "1.5", "fast"]) {
      expect(() => pollIntervalFromEnv({ [POLL_INTERVAL_ENV]: bad })).toThrow(`OKCTL_AWS_POLL_INTERVAL_MS must be a positive whole number of milliseconds, not "${bad}"`);
    }
  });
});

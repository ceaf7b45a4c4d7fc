import { describe, expect, it } from "vitest";
import { defaultRetryDelayMs } from "../store/worker-types.js";
import { retryDelayFrom } from "./retry-policy.js";

describe("the worker's retry delay from OKCTL_JOB_RETRY_DELAY_MS", () => {
  it("is the default backoff (5 s doubling, at most 5 minutes) at 5000, and scales with the first delay", () => {
    const attempts = [1, 2, 3, 4, 7, 8, 80];
    expect(attempts.map(retryDelayFrom(5_000))).toEqual(attempts.map(defaultRetryDelayMs));
    expect(attempts.map(retryDelayFrom(100))).toEqual([100, 200, 400, 800, 6_000, 6_000, 6_000]);
  });
});

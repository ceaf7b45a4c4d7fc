import { describe, expect, it } from "vitest";
import { DEFAULT_DRIFT_INTERVAL_MS, driftRoundAt, parseDriftInterval, roundName, spreadRunAfter } from "./schedule.js";

describe("parseDriftInterval", () => {
  it("defaults to 24 hours, turns off with 0, and reads durations with their unit", () => {
    expect(parseDriftInterval(undefined)).toBe(DEFAULT_DRIFT_INTERVAL_MS);
    expect(parseDriftInterval("0")).toBe(0);
    expect(parseDriftInterval("off")).toBe(0);
    expect(parseDriftInterval("6h")).toBe(6 * 3_600_000);
    expect(parseDriftInterval("90m")).toBe(90 * 60_000);
    expect(parseDriftInterval("1d")).toBe(86_400_000);
    expect(parseDriftInterval(" 30s ")).toBe(30_000);
    expect(parseDriftInterval("1500ms")).toBe(1500);
  });

  it("refuses a number without a unit, a negative or tiny one, and nonsense, saying what is accepted", () => {
    for (const raw of ["24", "-1h", "10ms", "", "daily", "1y", "400d"]) expect(() => parseDriftInterval(raw)).toThrow(/OKCTL_DRIFT_INTERVAL must be a duration such as 24h/);
  });
});

describe("drift rounds", () => {
  const hour = 3_600_000;
  it("are aligned to the interval, so every replica and restart agrees on the round", () => {
    const a = driftRoundAt(new Date("2030-01-01T05:10:00Z"), 6 * hour);
    const b = driftRoundAt(new Date("2030-01-01T05:59:59Z"), 6 * hour);
    expect(a).toEqual(b);
    expect(a.start.toISOString()).toBe("2030-01-01T00:00:00.000Z"); // aligned to 6 h from the epoch
    expect(a.end.getTime() - a.start.getTime()).toBe(6 * hour);
    expect(driftRoundAt(new Date("2030-01-01T06:00:00Z"), 6 * hour).index).toBe(a.index + 1);
    expect(roundName(a)).toBe(`${6 * hour}ms#${a.index}`);
  });

  it("spreads n checks evenly over what is left of the round", () => {
    const round = driftRoundAt(new Date("2030-01-01T00:00:00Z"), 4 * hour);
    const times = [0, 1, 2, 3].map((i) => spreadRunAfter(round, round.start, i, 4).toISOString());
    expect(times).toEqual(["2030-01-01T00:00:00.000Z", "2030-01-01T01:00:00.000Z", "2030-01-01T02:00:00.000Z", "2030-01-01T03:00:00.000Z"]);
    const late = new Date("2030-01-01T02:00:00Z"); // laid out after a restart halfway through
    expect(spreadRunAfter(round, late, 1, 2).toISOString()).toBe("2030-01-01T03:00:00.000Z");
    expect(() => spreadRunAfter(round, round.start, 4, 4)).toThrow();
  });
});

import { describe, expect, it } from "vitest";
import { findAccessEntry } from "./access-match.js";
import type { AccessConfig } from "./access-config-types.js";
import { compareSpecificity, matchesRepository } from "./repository-pattern.js";
import { accessEntry } from "./testing.js";

function config(...patterns: string[]): AccessConfig {
  return { file: "access.yaml", repositories: patterns.map((repository) => accessEntry({ repository })) };
}

describe("matchesRepository", () => {
  it.each([
    ["oslokommune/booking", "oslokommune/booking", true],
    ["oslokommune/booking", "OsloKommune/Booking", true],
    ["oslokommune/booking", "oslokommune/booking-api", false],
    ["oslokommune/*", "oslokommune/booking", true],
    ["oslokommune/*", "OSLOKOMMUNE/x", true],
    ["oslokommune/*", "other/booking", false],
    ["oslokommune/team-*", "oslokommune/team-a", true],
    ["oslokommune/team-*", "oslokommune/team-", true],
    ["oslokommune/team-*", "oslokommune/teams", false],
    ["*/booking", "anyone/booking", true],
    ["oslo*/*", "oslokommune/x", true],
    ["oslokommune/*", "oslokommune/a/b", false],
    ["oslo.kommune/*", "osloxkommune/a", false],
    ["a/*.*", "a/b.c", true],
  ])("%s vs %s → %s", (pattern, repository, expected) => {
    expect(matchesRepository(pattern, repository)).toBe(expected);
  });
});

describe("findAccessEntry precedence", () => {
  it("returns undefined when nothing matches", () => {
    expect(findAccessEntry(config("oslokommune/*"), "other/repo")).toBeUndefined();
  });

  it("prefers an exact name over any glob, wherever it is listed", () => {
    const c = config("oslokommune/*", "oslokommune/team-*", "oslokommune/team-booking");
    expect(findAccessEntry(c, "OsloKommune/Team-Booking")?.repository).toBe("oslokommune/team-booking");
  });

  it("among globs prefers the longest literal prefix", () => {
    const c = config("*/team-booking", "oslokommune/*", "oslokommune/team-*");
    expect(findAccessEntry(c, "oslokommune/team-booking")?.repository).toBe("oslokommune/team-*");
    expect(findAccessEntry(c, "oslokommune/booking")?.repository).toBe("oslokommune/*");
    expect(findAccessEntry(c, "someone/team-booking")?.repository).toBe("*/team-booking");
  });

  it("with equal prefixes prefers more literal characters, then file order", () => {
    expect(findAccessEntry(config("a/*", "a/*-x"), "a/b-x")?.repository).toBe("a/*-x");
    expect(findAccessEntry(config("a/*b*", "a/*-*"), "a/x-b")?.repository).toBe("a/*b*");
    expect(findAccessEntry(config("a/*-*", "a/*b*"), "a/x-b")?.repository).toBe("a/*-*");
  });

  it("orders specificity as documented", () => {
    const sorted = ["*/*", "o/*", "o/team-*", "o/*-x", "o/team-a"].sort(compareSpecificity);
    expect(sorted).toEqual(["o/team-a", "o/team-*", "o/*-x", "o/*", "*/*"]);
  });
});

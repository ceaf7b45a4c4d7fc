import { describe, expect, it } from "vitest";
import { roleSessionName, SESSION_NAME_MAX, sessionTags, sessionTagValue } from "./session-identity.js";

const ALLOWED = /^[\w+=,.@-]{2,64}$/;

describe("roleSessionName", () => {
  it("names the repository and run, readable, ending with a hash", () => {
    expect(roleSessionName("oslokommune/booking", "42")).toMatch(/^okctl-oslokommune-booking-42-[0-9a-f]{8}$/);
  });

  it("stays within 64 allowed characters for very long names, and unique", () => {
    const owner = "o".repeat(39);
    const long = `${owner}/${"r".repeat(100)}`;
    const a = roleSessionName(long, "run-1");
    const b = roleSessionName(long, "run-2");
    const c = roleSessionName(`${long}x`, "run-1");
    for (const name of [a, b, c]) {
      expect(name.length).toBeLessThanOrEqual(SESSION_NAME_MAX);
      expect(name).toMatch(ALLOWED);
    }
    expect(new Set([a, b, c]).size).toBe(3);
  });

  it("replaces characters AWS does not allow and keeps look-alikes apart", () => {
    const name = roleSessionName("acme/app", "run #7 (retry)");
    expect(name).toMatch(ALLOWED);
    expect(name.startsWith("okctl-acme-app-run--7--retry-")).toBe(true);
    expect(roleSessionName("a-b/c", "1")).not.toBe(roleSessionName("a/b-c", "1"));
  });

  it("is deterministic", () => {
    expect(roleSessionName("acme/app", "9")).toBe(roleSessionName("acme/app", "9"));
  });
});

describe("session tags", () => {
  it("names the repository's id under okctl:repository-id and its name, in lower case, under okctl:repository", () => {
    expect(sessionTags("OsloKommune/Booking", "1001")).toEqual([
      { Key: "okctl:repository", Value: "oslokommune/booking" },
      { Key: "okctl:repository-id", Value: "1001" },
    ]);
  });

  it("sanitises values to allowed characters and 256 characters", () => {
    expect(sessionTagValue("a/b#c*d")).toBe("a/b_c_d");
    expect(sessionTagValue("x".repeat(300))).toHaveLength(256);
  });
});

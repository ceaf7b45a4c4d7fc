import { describe, expect, it } from "vitest";
import { domainWithin, namesOutside } from "./allowed-domains.js";

describe("domainWithin", () => {
  it("matches an exact name, case-insensitively and without a trailing dot", () => {
    expect(domainWithin("Booking.Oslo.Systems.", "booking.oslo.systems")).toBe(true);
    expect(domainWithin("booking.oslo.systems", "BOOKING.oslo.systems.")).toBe(true);
    expect(domainWithin("api.booking.oslo.systems", "booking.oslo.systems")).toBe(false);
    expect(domainWithin("oslo.systems", "booking.oslo.systems")).toBe(false);
  });

  it("matches every name below a *. wildcard, at any depth, but not the name itself", () => {
    expect(domainWithin("api.booking.oslo.systems", "*.booking.oslo.systems")).toBe(true);
    expect(domainWithin("a.b.c.booking.oslo.systems", "*.booking.oslo.systems")).toBe(true);
    expect(domainWithin("booking.oslo.systems", "*.booking.oslo.systems")).toBe(false);
    expect(domainWithin("xbooking.oslo.systems", "*.booking.oslo.systems")).toBe(false);
    expect(domainWithin("booking.oslo.systems.evil.com", "*.booking.oslo.systems")).toBe(false);
  });

  it("treats a wildcard name (a certificate's) as within a wildcard at or above it only", () => {
    expect(domainWithin("*.booking.oslo.systems", "*.booking.oslo.systems")).toBe(true);
    expect(domainWithin("*.api.booking.oslo.systems", "*.booking.oslo.systems")).toBe(true);
    expect(domainWithin("*.booking.oslo.systems", "booking.oslo.systems")).toBe(false);
    expect(domainWithin("*.oslo.systems", "*.booking.oslo.systems")).toBe(false);
  });
});

describe("namesOutside", () => {
  it("returns the declared names no pattern covers, in order", () => {
    const names = [
      { field: "clusterRootDomain", name: "booking.oslo.systems" },
      { field: "dns.delegateFrom", name: "oslo.systems" },
      { field: "certificates[0].domain", name: "shop.example.com" },
    ];
    expect(namesOutside(names, ["booking.oslo.systems", "*.booking.oslo.systems"])).toEqual(names.slice(1));
    expect(namesOutside(names, ["oslo.systems", "*.oslo.systems", "*.example.com"])).toEqual([]);
  });
});

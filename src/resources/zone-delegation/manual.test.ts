import { describe, expect, it } from "vitest";
import { desiredCertificates } from "../certificate/desired.js";
import { desiredHostedZone } from "../hosted-zone/desired.js";
import { fullInput } from "../shared/test-input.js";
import { desiredZoneDelegation } from "./desired.js";
import { KNOWN_AFTER_APPLY, manualDelegationNote, withoutZoneDelegation } from "./manual.js";

describe("manual delegation", () => {
  it("tells which NS records to add to the parent zone", () => {
    expect(
      manualDelegationNote({ parentZone: "oslo.systems", recordName: "booking-dev.oslo.systems", nameServers: ["ns-1.awsdns-01.org", "ns-2.awsdns-02.com."], ttl: 300 }),
    ).toBe(
      [
        "The parent zone oslo.systems is not hosted in this AWS account, so okctl can't delegate booking-dev.oslo.systems to its hosted zone.",
        "Add this NS record set to oslo.systems where it is hosted:",
        "  name: booking-dev.oslo.systems.  type: NS  TTL: 300",
        "  ns-1.awsdns-01.org.",
        "  ns-2.awsdns-02.com.",
      ].join("\n"),
    );
  });

  it("says the name servers are known after apply when the zone doesn't exist yet", () => {
    const note = manualDelegationNote({ parentZone: "oslo.systems", recordName: "a.oslo.systems", nameServers: KNOWN_AFTER_APPLY, ttl: 300 });
    expect(note).toContain("(known after apply): the name servers of the new hosted zone a.oslo.systems");
  });

  it("removes the delegation and every dependency on it from the desired graph", () => {
    const input = fullInput();
    const desired = [...desiredHostedZone(input), ...desiredZoneDelegation(input), ...desiredCertificates(input)];
    const without = withoutZoneDelegation(desired);
    expect(without.map((r) => r.id)).toEqual(["hosted-zone", "certificate/argocd.booking-dev.oslo.systems"]);
    expect(without[1]!.dependsOn).toEqual(["hosted-zone"]);
    expect(desired[2]!.dependsOn).toEqual(["hosted-zone", "zone-delegation"]); // not mutated
  });
});

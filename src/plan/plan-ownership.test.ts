import { describe, expect, it } from "vitest";
import { actual, desired, planOf, ref } from "./testing.js";

describe("computePlan: ownership", () => {
  it("leaves another repository's resources alone and reports them as conflicts", () => {
    const plan = planOf([], [actual("vpc", "vpc", {}, { physicalId: "vpc-9", repository: "other/repo" })]);
    expect(plan.changes).toEqual([]);
    expect(plan.conflicts).toEqual([
      { id: "vpc", kind: "vpc", physicalId: "vpc-9", ownerRepository: "other/repo", message: "vpc vpc-9 (vpc) belongs to other/repo; okctl leaves it alone." },
    ]);
    expect(plan.errors).toEqual([]);
  });

  it("refuses to create a resource whose id another repository owns", () => {
    const plan = planOf(
      [desired("vpc", "vpc", { cidr: "10.0.0.0/16" }), desired("subnet/a", "subnet", { vpcId: ref("vpc") })],
      [actual("vpc", "vpc", {}, { physicalId: "vpc-9", repository: "other/repo" })],
    );
    expect(plan.changes.map((change) => [change.id, change.action])).toEqual([["subnet/a", "create"]]);
    expect(plan.changes[0]!.attributes).toContainEqual({ attribute: "vpcId", after: { unknown: true } });
    expect(plan.errors).toHaveLength(1);
    expect(plan.errors[0]).toContain("vpc: a vpc with this id already exists (vpc-9) and belongs to the repository other/repo");
    expect(plan.conflicts).toHaveLength(1);
  });

  it("treats a resource without a repository tag that nothing proves ours as a conflict, and plans nothing for it", () => {
    const plan = planOf(
      [desired("zone-delegation", "zone-delegation", { ttl: 300 })],
      [actual("zone-delegation", "zone-delegation", { ttl: 300 }, { physicalId: "Z1/shop.example.com", repository: undefined })],
    );
    expect(plan.changes).toEqual([]);
    expect(plan.conflicts).toEqual([
      {
        id: "zone-delegation",
        kind: "zone-delegation",
        physicalId: "Z1/shop.example.com",
        ownerRepository: "(not okctl's)",
        message: expect.stringContaining("zone-delegation Z1/shop.example.com (ttl: 300) exists where zone-delegation would be, and nothing proves it is okctl's"),
      },
    ]);
    expect(plan.errors).toEqual([expect.stringMatching(/^zone-delegation: zone-delegation Z1\/shop\.example\.com \(ttl: 300\) already exists and is not proven/)]);
  });

  it("never deletes an unproven resource when it is no longer declared", () => {
    const plan = planOf([], [actual("zone-delegation", "zone-delegation", { ttl: 300 }, { repository: undefined })]);
    expect(plan.changes).toEqual([]);
    expect(plan.conflicts).toHaveLength(1);
  });

  describe("an untaggable resource found by identity", () => {
    const servers = ["ns-1.example.net", "ns-2.example.org"];
    const delegation = desired("zone-delegation", "zone-delegation", { nameServers: ref("hosted-zone", "nameServers"), ttl: 300 }, { dependsOn: ["hosted-zone"] });
    const theirZone = actual("hosted-zone", "hosted-zone", {}, { physicalId: "Z9", outputs: { id: "Z9", nameServers: servers }, repository: "other/repo" });
    const ourZone = actual("hosted-zone", "hosted-zone", {}, { physicalId: "Z1", outputs: { id: "Z1", nameServers: ["ns-7.example.net"] } });

    it("is ours when it holds exactly what our resource outputs (the delegation names our zone's name servers)", () => {
      const found = actual("zone-delegation", "zone-delegation", { nameServers: ["ns-7.example.net"], ttl: 60 }, { repository: undefined });
      const plan = planOf([desired("hosted-zone", "hosted-zone"), delegation], [ourZone, found]);
      expect(plan.changes.map((change) => [change.id, change.action])).toEqual([["hosted-zone", "no-op"], ["zone-delegation", "update"]]);
      expect(plan.conflicts).toEqual([]);
      expect(plan.errors).toEqual([]);
    });

    it("is theirs when it points at another repository's resource: a conflict, never planned", () => {
      const found = actual("zone-delegation", "zone-delegation", { nameServers: servers, ttl: 300 }, { repository: undefined });
      const plan = planOf([desired("hosted-zone", "hosted-zone", { domain: "shop.example.com" }), delegation], [theirZone, found]);
      expect(plan.changes).toEqual([]);
      expect(plan.conflicts.map((conflict) => [conflict.id, conflict.ownerRepository])).toEqual([
        ["hosted-zone", "other/repo"],
        ["zone-delegation", "other/repo"],
      ]);
      expect(plan.errors.filter((error) => error.startsWith("zone-delegation:"))).toHaveLength(1);
    });

    it("is nobody's when it holds something else (a stale or foreign delegation), even while our zone exists: a conflict, never updated", () => {
      const stale = actual("zone-delegation", "zone-delegation", { nameServers: ["ns-old.example.net"], ttl: 300 }, { repository: undefined });
      const plan = planOf([desired("hosted-zone", "hosted-zone"), delegation], [ourZone, stale]);
      expect(plan.changes.map((change) => [change.id, change.action])).toEqual([["hosted-zone", "no-op"]]);
      expect(plan.conflicts.map((conflict) => [conflict.id, conflict.ownerRepository])).toEqual([["zone-delegation", "(not okctl's)"]]);
      expect(plan.errors).toEqual([expect.stringContaining('nameServers: ["ns-old.example.net"]')]);
    });

    it("is nobody's when what it holds points at ours and theirs alike", () => {
      const shared = actual("zone-delegation", "zone-delegation", { nameServers: servers, ttl: 300 }, { repository: undefined });
      const ourTwin = { ...ourZone, outputs: { id: "Z1", nameServers: servers } };
      const plan = planOf([delegation], [theirZone, ourTwin, shared]);
      expect(plan.conflicts.map((conflict) => [conflict.id, conflict.ownerRepository])).toEqual([["hosted-zone", "other/repo"], ["zone-delegation", "(not okctl's)"]]);
      expect(plan.changes.some((change) => change.id === "zone-delegation")).toBe(false);
    });
  });

  it("keeps one of several copies of an id of ours and deletes the others under distinct ids", () => {
    const plan = planOf(
      [desired("nat-gateway/a", "nat-gateway", { subnetId: "subnet-1" })],
      [
        actual("nat-gateway/a", "nat-gateway", { subnetId: "subnet-1" }, { physicalId: "nat-3" }),
        actual("nat-gateway/a", "nat-gateway", { subnetId: "subnet-1" }, { physicalId: "nat-1" }),
        actual("nat-gateway/a", "nat-gateway", { subnetId: "subnet-1" }, { physicalId: "nat-2" }),
      ],
    );
    expect(plan.changes.map((change) => [change.id, change.action, change.physicalId])).toEqual([
      ["nat-gateway/a", "no-op", "nat-1"],
      ["nat-gateway/a#2", "delete", "nat-2"],
      ["nat-gateway/a#3", "delete", "nat-3"],
    ]);
    expect(plan.changes[1]!.reason).toBe("another copy of nat-gateway/a (nat-1 is kept), left behind by an interrupted apply");
    expect(plan.summary.delete).toBe(2);
  });

  it("deletes every copy of an undeclared id, the first under the plain id", () => {
    const plan = planOf([], [actual("subnet/x", "subnet", {}, { physicalId: "subnet-2" }), actual("subnet/x", "subnet", {}, { physicalId: "subnet-1" })]);
    expect(plan.changes.map((change) => [change.id, change.physicalId])).toEqual([
      ["subnet/x", "subnet-1"],
      ["subnet/x#2", "subnet-2"],
    ]);
  });

  it("treats a copy of another kind than the desired one as debris and creates the desired one", () => {
    const plan = planOf([desired("thing", "subnet")], [actual("thing", "vpc", {}, { physicalId: "vpc-1" })]);
    expect(plan.changes.map((change) => [change.id, change.kind, change.action])).toEqual([
      ["thing#2", "vpc", "delete"],
      ["thing", "subnet", "create"],
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { actual, desired, planOf, TEST_RULES } from "./testing.js";
import type { ResourceChange } from "./types.js";

function change(changes: ResourceChange[], id: string): ResourceChange {
  const found = changes.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no change for ${id}`);
  return found;
}

describe("computePlan: actions", () => {
  it("creates what does not exist, showing every attribute and the tags", () => {
    const plan = planOf([desired("vpc", "vpc", { cidr: "10.0.0.0/16", dns: true }, { tags: { Name: "shop" } })]);
    expect(plan.changes).toEqual([
      {
        id: "vpc",
        kind: "vpc",
        name: "shop-vpc",
        action: "create",
        attributes: [
          { attribute: "cidr", after: "10.0.0.0/16" },
          { attribute: "dns", after: true },
          { attribute: "tags", after: { Name: "shop" } },
        ],
        dependsOn: [],
        desired: { properties: { cidr: "10.0.0.0/16", dns: true }, tags: { Name: "shop" } },
      },
    ]);
    expect(plan.summary).toEqual({ create: 1, update: 0, replace: 0, delete: 0 });
    expect(plan.errors).toEqual([]);
  });

  it("does nothing when AWS matches, and keeps the existing outputs", () => {
    const plan = planOf([desired("vpc", "vpc", { cidr: "10.0.0.0/16" })], [actual("vpc", "vpc", { cidr: "10.0.0.0/16", extra: 1 }, { physicalId: "vpc-1" })]);
    expect(plan.changes).toHaveLength(1);
    expect(plan.changes[0]).toMatchObject({ action: "no-op", attributes: [], physicalId: "vpc-1", outputs: { id: "vpc-1" } });
    expect(plan.summary).toEqual({ create: 0, update: 0, replace: 0, delete: 0 });
  });

  it("updates in place, with each changed attribute's before and after", () => {
    const plan = planOf(
      [desired("eks-nodegroup/generic", "eks-nodegroup", { minSize: 1, desiredSize: 3, maxSize: 10 })],
      [actual("eks-nodegroup/generic", "eks-nodegroup", { minSize: 1, desiredSize: 2, maxSize: 5 })],
    );
    expect(plan.changes[0]).toMatchObject({
      action: "update",
      attributes: [
        { attribute: "desiredSize", before: 2, after: 3 },
        { attribute: "maxSize", before: 5, after: 10 },
      ],
    });
    expect(plan.changes[0]!.attributes.some((attribute) => attribute.forcesReplacement)).toBe(false);
    expect(plan.summary.update).toBe(1);
  });

  it("shows a property AWS does not report as changing from null", () => {
    const plan = planOf([desired("vpc", "vpc", { dns: true })], [actual("vpc", "vpc", {})]);
    expect(plan.changes[0]!.attributes).toEqual([{ attribute: "dns", before: null, after: true }]);
  });

  it("replaces when a replaceOn attribute changes, marking it and saying why", () => {
    const plan = planOf(
      [desired("vpc", "vpc", { cidr: "10.1.0.0/16", dns: true })],
      [actual("vpc", "vpc", { cidr: "10.0.0.0/16", dns: false })],
    );
    const vpc = change(plan.changes, "vpc");
    expect(vpc.action).toBe("replace");
    expect(vpc.attributes).toEqual([
      { attribute: "cidr", before: "10.0.0.0/16", after: "10.1.0.0/16", forcesReplacement: true },
      { attribute: "dns", before: false, after: true },
    ]);
    expect(vpc.reason).toBe("cidr cannot be changed in place.");
    expect(plan.summary.replace).toBe(1);
  });

  it("deletes what is no longer declared, showing what it had", () => {
    const plan = planOf(
      [],
      [actual("parameter/app/level", "parameter", { type: "String", value: "info" }, { physicalId: "/okctl/shop-dev/app/level", tags: { Name: "level" } })],
    );
    expect(plan.changes).toEqual([
      {
        id: "parameter/app/level",
        kind: "parameter",
        name: "level",
        action: "delete",
        physicalId: "/okctl/shop-dev/app/level",
        attributes: [
          { attribute: "type", before: "String" },
          { attribute: "value", before: { sensitive: true } },
        ],
        dependsOn: [],
        outputs: { id: "/okctl/shop-dev/app/level" },
        reason: "no longer in okctl.yaml",
      },
    ]);
    expect(plan.summary.delete).toBe(1);
  });

  it("names a deleted resource without a Name tag by its physical id", () => {
    const plan = planOf([], [actual("subnet/a", "subnet", {}, { physicalId: "subnet-9" })]);
    expect(plan.changes[0]!.name).toBe("subnet-9");
  });

  it("plans nothing for nothing", () => {
    const plan = planOf([], []);
    expect(plan.changes).toEqual([]);
    expect(plan.summary).toEqual({ create: 0, update: 0, replace: 0, delete: 0 });
  });

  it("carries identity, notes (sorted) and an empty conflict list", () => {
    const plan = planOf([], [], {
      notes: [
        { id: "zone-delegation", message: "add NS records by hand" },
        { id: "a", message: "first" },
      ],
    });
    expect(plan).toMatchObject({ formatVersion: 1, cluster: "shop-dev", accountId: "123456789012", region: "eu-west-1", repository: "acme/shop", conflicts: [] });
    expect(plan.notes.map((note) => note.id)).toEqual(["a", "zone-delegation"]);
  });

  it("reports a dependency on an undeclared resource as a plan error", () => {
    const plan = planOf([desired("subnet/a", "subnet", {}, { dependsOn: ["vpc"] })]);
    expect(plan.errors).toEqual(["subnet/a: depends on vpc, which is not in the desired graph (a bug in okctl)."]);
  });

  it("reports a kind without planner rules as a plan error", () => {
    const { vpc: _omitted, ...rules } = TEST_RULES;
    const plan = planOf([desired("vpc", "vpc")], [], { rules: rules as typeof TEST_RULES });
    expect(plan.errors).toEqual(['no planner rules for resource kind "vpc" (a bug in okctl).']);
  });

  it("reports an id declared twice as a plan error", () => {
    const plan = planOf([desired("vpc", "vpc"), desired("vpc", "vpc")]);
    expect(plan.errors).toEqual(["vpc: declared more than once in the desired graph (a bug in okctl)."]);
    expect(plan.changes).toHaveLength(1);
  });
});

import { describe, expect, it } from "vitest";
import { actual, desired, planOf, ref, TEST_REPOSITORY } from "./testing.js";

const zone = desired("hosted-zone", "hosted-zone", { domain: "shop.example.com" }, { tags: { "okctl.io/repository": TEST_REPOSITORY } });
const candidate = (extra: Parameters<typeof actual>[3] = {}, properties: Record<string, string> = { domain: "shop.example.com" }) =>
  actual("hosted-zone", "hosted-zone", properties, { physicalId: "Z9", outputs: { id: "Z9", nameServers: ["ns-1.example.net"] }, repository: undefined, ...extra });

describe("computePlan: adoption and collisions", () => {
  it("adopts a declared resource that exists untagged: an adopt action with the diff, its outputs known to dependents", () => {
    const cert = desired("certificate/a", "certificate", { hostedZoneId: ref("hosted-zone") }, { dependsOn: ["hosted-zone"] });
    const plan = planOf([zone, cert], [], { adoptions: [candidate()] });
    expect(plan.errors).toEqual([]);
    expect(plan.changes.map((change) => [change.id, change.action, change.physicalId])).toEqual([
      ["hosted-zone", "adopt", "Z9"],
      ["certificate/a", "create", undefined],
    ]);
    expect(plan.changes[0]!.attributes).toEqual([{ attribute: "tags", before: { "okctl.io/repository": null }, after: { "okctl.io/repository": TEST_REPOSITORY } }]);
    expect(plan.changes[0]!.reason).toContain("adopting the existing hosted-zone Z9");
    expect(plan.changes[1]!.attributes).toContainEqual({ attribute: "hostedZoneId", after: "Z9" });
    expect(plan.summary).toEqual({ create: 1, update: 0, replace: 0, delete: 0, adopt: 1 });
  });

  it("leaves the summary without adopt when nothing is adopted (plans keep their hash)", () => {
    expect(planOf([zone]).summary).toEqual({ create: 1, update: 0, replace: 0, delete: 0 });
  });

  it("ignores an adoption of what is already ours", () => {
    const ours = actual("hosted-zone", "hosted-zone", { domain: "shop.example.com" }, { physicalId: "Z1", tags: { "okctl.io/repository": TEST_REPOSITORY } });
    const plan = planOf([zone], [ours], { adoptions: [candidate()] });
    expect(plan.changes.map((change) => [change.action, change.physicalId])).toEqual([["no-op", "Z1"]]);
  });

  it("refuses to adopt what is tagged for another repository, or what differs where only a replace could fix it", () => {
    const theirs = planOf([zone], [], { adoptions: [candidate({ repository: "other/repo" })] });
    expect(theirs.errors).toEqual([expect.stringContaining("hosted-zone: can't adopt hosted-zone Z9: it is tagged as owned by the repository other/repo")]);
    const different = planOf([zone], [], { adoptions: [candidate({}, { domain: "other.example.com" })] });
    expect(different.errors).toEqual([expect.stringContaining("hosted-zone: can't adopt hosted-zone Z9: domain differs from the declaration and can't be changed in place")]);
  });

  it("notes what a CloudFormation stack made: the stack must let go of it first", () => {
    const plan = planOf([zone], [], { adoptions: [candidate({ tags: { "aws:cloudformation:stack-name": "okctl-domain-shop" } })] });
    expect(plan.notes).toEqual([{ id: "hosted-zone", message: expect.stringContaining("made by the CloudFormation stack okctl-domain-shop") }]);
  });

  it("makes a collision of a resource to create a plan error naming both ways forward", () => {
    const plan = planOf([zone], [], { collisions: [{ id: "hosted-zone", kind: "hosted-zone", physicalId: "Z9", description: "the public hosted zone shop.example.com (Z9)" }] });
    expect(plan.errors).toEqual([
      "hosted-zone: the public hosted zone shop.example.com (Z9) already exists, and okctl does not own it: creating hosted-zone would make a second one. " +
        "Either adopt it (add to okctl.yaml: adopt: [{ resource: hosted-zone, id: Z9 }]) or choose another name.",
    ]);
  });
});

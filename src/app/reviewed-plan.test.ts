import { describe, expect, it } from "vitest";
import { actual, desired, planOf } from "../plan/testing.js";
import { checkReviewed, remainsOf } from "./reviewed-plan.js";

const vpc = desired("vpc", "vpc", { cidr: "10.0.0.0/16" });
const zone = desired("hosted-zone", "hosted-zone", { domain: "dev.example.com", comment: "okctl" });
const reviewed = planOf([vpc, zone]); // create both
const vpcDone = planOf([vpc, zone], [actual("vpc", "vpc", { cidr: "10.0.0.0/16" })]); // create the zone only
const zoneChanged = planOf([vpc, zone], [actual("hosted-zone", "hosted-zone", { domain: "dev.example.com", comment: "by hand" })]);

describe("checkReviewed", () => {
  it("accepts the plan reviewers saw, by hash", () => {
    expect(checkReviewed(planOf([vpc, zone]), reviewed, { resuming: false })).toEqual({ ok: true });
  });

  it("holds a plan nobody reviewed", () => {
    const check = checkReviewed(reviewed, undefined, { resuming: false });
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toContain("reviewers never saw one");
  });

  it("holds a plan that differs at merge, naming both hashes", () => {
    const check = checkReviewed(vpcDone, reviewed, { resuming: false });
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toContain(vpcDone.hash.slice(0, 12));
    expect(!check.ok && check.reason).toContain(reviewed.hash.slice(0, 12));
  });

  it("when resuming, accepts what remains of the reviewed plan, and nothing beyond it", () => {
    expect(checkReviewed(vpcDone, reviewed, { resuming: true })).toEqual({ ok: true });
    expect(checkReviewed(zoneChanged, vpcDone, { resuming: true }).ok).toBe(false); // changes nobody reviewed
  });
});

describe("remainsOf", () => {
  it("is true for the same plan and for a plan with fewer of the same changes", () => {
    expect(remainsOf(reviewed, reviewed)).toBe(true);
    expect(remainsOf(vpcDone, reviewed)).toBe(true);
  });

  it("lets a reviewed replace continue as a create once the old resource is gone", () => {
    const replace = planOf([vpc], [actual("vpc", "vpc", { cidr: "10.9.0.0/16" })]);
    expect(replace.changes[0]?.action).toBe("replace");
    expect(remainsOf(planOf([vpc]), replace)).toBe(true);
  });

  it("is false for a change the reviewed plan did not have", () => {
    const deletes = planOf([], [actual("subnet/old", "subnet", { cidr: "10.0.9.0/24" })]);
    expect(remainsOf(deletes, reviewed)).toBe(false);
  });

  it("is false for the same action from an old value reviewers did not see (update b→a, reviewed c→a)", () => {
    const param = desired("parameter/x", "parameter", { name: "a" });
    const reviewedUpdate = planOf([param], [actual("parameter/x", "parameter", { name: "c" })]);
    const currentUpdate = planOf([param], [actual("parameter/x", "parameter", { name: "b" })]);
    expect(reviewedUpdate.changes[0]).toMatchObject({ action: "update", attributes: [{ before: "c", after: "a" }] });
    expect(remainsOf(currentUpdate, reviewedUpdate)).toBe(false);
    expect(remainsOf(reviewedUpdate, reviewedUpdate)).toBe(true);
  });

  it("is false for a delete of another physical resource with the same id (re-created since)", () => {
    const reviewedDelete = planOf([], [actual("vpc", "vpc", { cidr: "10.0.0.0/16" }, { physicalId: "vpc-1" })]);
    const recreated = planOf([], [actual("vpc", "vpc", { cidr: "10.0.0.0/16" }, { physicalId: "vpc-2" })]);
    expect(remainsOf(recreated, reviewedDelete)).toBe(false);
    expect(remainsOf(planOf([], [actual("vpc", "vpc", { cidr: "10.0.0.0/16" }, { physicalId: "vpc-1" })]), reviewedDelete)).toBe(true);
  });
});


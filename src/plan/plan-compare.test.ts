import { describe, expect, it } from "vitest";
import { actual, desired, planOf, TEST_RULES } from "./testing.js";

describe("computePlan: comparison", () => {
  it("compares only the properties desired sets", () => {
    const plan = planOf([desired("vpc", "vpc", { cidr: "10.0.0.0/16" })], [actual("vpc", "vpc", { cidr: "10.0.0.0/16", state: "available", ipv6: null })]);
    expect(plan.changes[0]!.action).toBe("no-op");
  });

  it("compares objects deeply, ignoring key order", () => {
    const plan = planOf(
      [desired("eks-nodegroup/g", "eks-nodegroup", { labels: { pool: "generic", tier: "a" } })],
      [actual("eks-nodegroup/g", "eks-nodegroup", { labels: { tier: "a", pool: "generic" } })],
    );
    expect(plan.changes[0]!.action).toBe("no-op");
  });

  it("sees a nested difference", () => {
    const plan = planOf(
      [desired("eks-nodegroup/g", "eks-nodegroup", { labels: { pool: "generic", tier: "b" } })],
      [actual("eks-nodegroup/g", "eks-nodegroup", { labels: { tier: "a", pool: "generic" } })],
    );
    expect(plan.changes[0]!.attributes).toEqual([{ attribute: "labels", before: { tier: "a", pool: "generic" }, after: { pool: "generic", tier: "b" } }]);
  });

  it("compares ordered lists in order", () => {
    const plan = planOf([desired("eks-nodegroup/g", "eks-nodegroup", { taints: ["a", "b"] })], [actual("eks-nodegroup/g", "eks-nodegroup", { taints: ["b", "a"] })]);
    expect(plan.changes[0]!.action).toBe("update");
  });

  it("compares unordered lists as sets, and shows them sorted", () => {
    const same = planOf([desired("eks-cluster", "eks-cluster", { logging: ["audit", "api"] })], [actual("eks-cluster", "eks-cluster", { logging: ["api", "audit"] })]);
    expect(same.changes[0]!.action).toBe("no-op");
    const different = planOf(
      [desired("eks-cluster", "eks-cluster", { logging: ["scheduler", "audit", "api"] })],
      [actual("eks-cluster", "eks-cluster", { logging: ["audit", "api"] })],
    );
    expect(different.changes[0]!.attributes).toEqual([{ attribute: "logging", before: ["api", "audit"], after: ["api", "audit", "scheduler"] }]);
  });

  it("updates the tags desired sets, as the pseudo-attribute tags, ignoring other tags", () => {
    const plan = planOf(
      [desired("vpc", "vpc", {}, { tags: { Name: "shop", team: "red", env: "dev" } })],
      [actual("vpc", "vpc", {}, { tags: { Name: "shop", team: "blue", "aws:created": "x" } })],
    );
    expect(plan.changes[0]).toMatchObject({ action: "update", attributes: [{ attribute: "tags", before: { env: null, team: "blue" }, after: { env: "dev", team: "red" } }] });
  });

  it("sees no tag change when desired tags are all present", () => {
    const plan = planOf([desired("vpc", "vpc", {}, { tags: { Name: "shop" } })], [actual("vpc", "vpc", {}, { tags: { Name: "shop", extra: "1" } })]);
    expect(plan.changes[0]!.action).toBe("no-op");
  });

  it("never shows a sensitive value, on create or delete", () => {
    const created = planOf([desired("parameter/secret", "parameter", { type: "SecureString", value: "hunter2" })]);
    expect(created.changes[0]!.attributes).toContainEqual({ attribute: "value", after: { sensitive: true } });
    expect(JSON.stringify(created.changes[0]!.attributes)).not.toContain("hunter2");
    const deleted = planOf([], [actual("parameter/secret", "parameter", { type: "SecureString", value: "from-aws" })]);
    expect(JSON.stringify(deleted)).not.toContain("from-aws");
  });

  it("never compares a createOnly value after creation (a generated secret is never overwritten)", () => {
    const plan = planOf(
      [desired("parameter/secret", "parameter", { type: "SecureString", value: { generate: 32 } })],
      [actual("parameter/secret", "parameter", { type: "SecureString", value: "s3cr3t-already-there" })],
    );
    expect(plan.changes[0]!.action).toBe("no-op");
    expect(JSON.stringify(plan)).not.toContain("s3cr3t");
  });

  it("compares a sensitive value that is not createOnly, but shows only that it changed", () => {
    const plan = planOf([desired("parameter/p", "parameter", { token: "new-token" })], [actual("parameter/p", "parameter", { token: "old-token" })], {
      rules: { ...TEST_RULES, parameter: { replaceOn: [], sensitive: ["token"] } },
    });
    expect(plan.changes[0]!.attributes).toEqual([{ attribute: "token", before: { sensitive: true }, after: { sensitive: true } }]);
    expect(JSON.stringify(plan)).not.toContain("old-token");
    expect(JSON.stringify(plan.changes[0]!.attributes)).not.toContain("new-token");
  });
});


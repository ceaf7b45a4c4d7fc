import { describe, expect, it } from "vitest";
import { actual, desired, planOf } from "../testing.js";

function planVersion(from: string, to: string) {
  return planOf([desired("eks-cluster", "eks-cluster", { version: to })], [actual("eks-cluster", "eks-cluster", { version: from })]);
}

describe("EKS version rule", () => {
  it("upgrades one minor version in place", () => {
    const plan = planVersion("1.30", "1.31");
    expect(plan.errors).toEqual([]);
    expect(plan.changes[0]).toMatchObject({ action: "update", attributes: [{ attribute: "version", before: "1.30", after: "1.31" }] });
  });

  it("refuses to skip a minor version, naming the next allowed one", () => {
    const plan = planVersion("1.29", "1.31");
    expect(plan.errors).toEqual([
      'eks-cluster: the cluster runs Kubernetes 1.29 and okctl.yaml asks for 1.31; EKS upgrades one minor version at a time. Set eks.version to "1.30" and apply, then go on to the next version.',
    ]);
  });

  it("refuses a downgrade", () => {
    const plan = planVersion("1.31", "1.30");
    expect(plan.errors).toEqual(['eks-cluster: the cluster runs Kubernetes 1.31 and okctl.yaml asks for 1.30; EKS cannot downgrade. Set eks.version back to "1.31".']);
  });

  it("compares minor versions as numbers (1.9 → 1.10 is one step)", () => {
    expect(planVersion("1.9", "1.10").errors).toEqual([]);
    expect(planVersion("1.10", "1.9").errors).toHaveLength(1);
  });

  it("refuses versions it cannot read or a major version change", () => {
    expect(planVersion("1.31", "2.0").errors[0]).toContain('cannot change the Kubernetes version from "1.31" to "2.0"');
    expect(planVersion("1.31", "latest").errors).toHaveLength(1);
  });

  it("says nothing on create, on no change, or for other kinds", () => {
    expect(planOf([desired("eks-cluster", "eks-cluster", { version: "1.31" })]).errors).toEqual([]);
    expect(planVersion("1.31", "1.31").errors).toEqual([]);
    expect(planOf([desired("vpc", "vpc", { version: "1.31" })], [actual("vpc", "vpc", { version: "1.20" })]).errors).toEqual([]);
  });
});

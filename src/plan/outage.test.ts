import { describe, expect, it } from "vitest";
import { outageChanges } from "./outage.js";
import { actual, desired, planOf } from "./testing.js";

describe("outage-class changes", () => {
  it("are none for creates, updates and a replace of something else", () => {
    const plan = planOf(
      [desired("vpc", "vpc", { cidr: "10.0.0.0/16" }), desired("subnet/a", "subnet", { cidr: "10.0.2.0/24" }), desired("eks-nodegroup/a", "eks-nodegroup")],
      [actual("vpc", "vpc", { cidr: "10.0.0.0/16" }), actual("subnet/a", "subnet", { cidr: "10.0.1.0/24" })],
    );
    expect(plan.changes.map((change) => change.action)).toEqual(["no-op", "replace", "create"]);
    expect(outageChanges(plan)).toEqual([]);
  });

  it("name a replaced VPC, EKS cluster and hosted zone, gravest first, with what stops and for how long", () => {
    const plan = planOf(
      [
        desired("vpc", "vpc", { cidr: "10.1.0.0/16" }),
        desired("eks-cluster", "eks-cluster", { subnetIds: ["subnet-2"] }),
        desired("hosted-zone", "hosted-zone", { domain: "new.example.com" }, { name: "new.example.com" }),
      ],
      [
        actual("vpc", "vpc", { cidr: "10.0.0.0/16" }, { physicalId: "vpc-1" }),
        actual("eks-cluster", "eks-cluster", { subnetIds: ["subnet-1"] }, { physicalId: "shop" }),
        actual("hosted-zone", "hosted-zone", { domain: "old.example.com" }, { physicalId: "Z1" }),
      ],
    );
    const outages = outageChanges(plan);
    expect(outages.map((outage) => [outage.id, outage.headline])).toEqual([
      ["vpc", "the VPC vpc-1 is replaced"],
      ["eks-cluster", "the EKS cluster shop is replaced"],
      ["hosted-zone", "the hosted zone new.example.com is replaced (new name servers)"],
    ]);
    expect(outages[1]!.impact).toContain("every workload on the cluster stops; the new cluster starts empty");
    expect(outages[2]!.impact).toContain("stop resolving");
  });

  it("name every node group of the cluster replaced or deleted at once, but not some of them", () => {
    const groups = [actual("eks-nodegroup/a", "eks-nodegroup", { instanceTypes: ["m5.large"] }), actual("eks-nodegroup/b", "eks-nodegroup", { instanceTypes: ["m5.large"] })];
    const all = planOf([desired("eks-nodegroup/a", "eks-nodegroup", { instanceTypes: ["m6i.large"] }), desired("eks-nodegroup/c", "eks-nodegroup")], groups);
    expect(outageChanges(all).map((outage) => [outage.kind, outage.headline])).toEqual([
      ["eks-nodegroup", "every node group of the cluster is replaced or deleted at once (eks-nodegroup/a, eks-nodegroup/b)"],
    ]);
    const some = planOf([desired("eks-nodegroup/a", "eks-nodegroup", { instanceTypes: ["m6i.large"] }), desired("eks-nodegroup/b", "eks-nodegroup", { instanceTypes: ["m5.large"] })], groups);
    expect(outageChanges(some)).toEqual([]);
  });
});

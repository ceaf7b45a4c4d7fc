import { describe, expect, it } from "vitest";
import { fakeClients, testApplyContext } from "../shared/test-context.js";
import { labelChange, updateEksNodegroup } from "./write.js";

const group = (status: string) => ({ nodegroup: { nodegroupName: "generic", clusterName: "booking-dev", status } });

describe("node group updates", () => {
  it("compute the label change", () => {
    expect(labelChange({ a: "1", b: "2" }, { a: "1", b: "3", c: "4" })).toEqual({ addOrUpdateLabels: { b: "3", c: "4" } });
    expect(labelChange({ a: "1", b: "2" }, { a: "1" })).toEqual({ removeLabels: ["b"] });
    expect(labelChange({ a: "1" }, { a: "1" })).toBeUndefined();
  });

  it("send scaling and labels in one update and wait for it (DescribeUpdate on AWS)", async () => {
    const updates = ["InProgress", "Successful"];
    const { clients, calls } = fakeClients((call) => {
      if (call.command === "UpdateNodegroupConfigCommand") return { update: { id: "u1", status: "InProgress" } };
      if (call.command === "DescribeUpdateCommand") return { update: { id: "u1", status: updates.shift() } };
      return group("ACTIVE");
    });
    const ctx = testApplyContext({ clients });
    const properties = { minSize: 2, desiredSize: 3, maxSize: 4, labels: { a: "2" } };
    await updateEksNodegroup(ctx, {
      id: "eks-nodegroup/generic",
      name: "generic",
      physicalId: "booking-dev/generic",
      tags: {},
      properties,
      changed: ["desiredSize", "labels"],
      before: { ...properties, desiredSize: 1, labels: { a: "1" } },
    });
    const update = calls.find((c) => c.command === "UpdateNodegroupConfigCommand")!;
    expect(update.input).toEqual({
      clusterName: "booking-dev",
      nodegroupName: "generic",
      scalingConfig: { minSize: 2, desiredSize: 3, maxSize: 4 },
      labels: { addOrUpdateLabels: { a: "2" } },
    });
    expect(calls.filter((c) => c.command === "DescribeUpdateCommand").map((c) => c.input.nodegroupName)).toEqual(["generic", "generic"]);
    expect(ctx.waits).toEqual(["the scaling and labels update on node group generic of EKS cluster booking-dev to finish"]);
  });
});

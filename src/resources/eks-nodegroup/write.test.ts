import { describe, expect, it } from "vitest";
import { fakeClients, testApplyContext } from "../shared/test-context.js";
import type { Json } from "../types.js";
import { labelChange, taintChange, updateEksNodegroup, versionUpdates } from "./write.js";

const group = (status: string) => ({ nodegroup: { nodegroupName: "generic", clusterName: "booking-dev", status } });

/** The update the executor would ask for on node group generic of booking-dev. */
function generic(properties: Record<string, Json>, changed: string[], before: Record<string, Json>) {
  return { id: "eks-nodegroup/generic", name: "generic", physicalId: "booking-dev/generic", tags: {}, properties, changed, before };
}

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
    await updateEksNodegroup(ctx, generic(properties, ["desiredSize", "labels"], { ...properties, desiredSize: 1, labels: { a: "1" } }));
    const update = calls.find((c) => c.command === "UpdateNodegroupConfigCommand")!;
    expect(update.input).toEqual({
      clusterName: "booking-dev",
      nodegroupName: "generic",
      scalingConfig: { minSize: 2, desiredSize: 3, maxSize: 4 },
      labels: { addOrUpdateLabels: { a: "2" } },
    });
    expect(calls.filter((c) => c.command === "DescribeUpdateCommand").map((c) => c.input.nodegroupName)).toEqual(["generic", "generic"]);
    expect(ctx.waits).toEqual(["the scaling, labels and taints update on node group generic of EKS cluster booking-dev to finish"]);
  });

  it("upgrade the Kubernetes version one minor step at a time, waiting for each, before scaling", async () => {
    const { clients, calls } = fakeClients((call) => {
      if (call.command === "UpdateNodegroupVersionCommand") return { update: { id: `v-${String(call.input.version)}`, status: "InProgress" } };
      if (call.command === "UpdateNodegroupConfigCommand") return { update: { id: "c1", status: "InProgress" } };
      if (call.command === "DescribeUpdateCommand") return { update: { id: call.input.updateId, status: "Successful" } };
      return group("ACTIVE");
    });
    const ctx = testApplyContext({ clients });
    const properties = { version: "1.31", minSize: 1, desiredSize: 3, maxSize: 4, labels: {} };
    await updateEksNodegroup(ctx, generic(properties, ["version", "desiredSize"], { ...properties, version: "1.29", desiredSize: 2 }));
    const updates = calls.filter((c) => c.command.startsWith("Update") || c.command === "DescribeUpdateCommand").map((c) => `${c.command}:${String(c.input.version ?? c.input.updateId ?? "")}`);
    expect(updates).toEqual([
      "UpdateNodegroupVersionCommand:1.30",
      "DescribeUpdateCommand:v-1.30",
      "UpdateNodegroupVersionCommand:1.31",
      "DescribeUpdateCommand:v-1.31",
      "UpdateNodegroupConfigCommand:",
      "DescribeUpdateCommand:c1",
    ]);
    expect(calls.find((c) => c.command === "UpdateNodegroupVersionCommand")?.input).toEqual({ clusterName: "booking-dev", nodegroupName: "generic", version: "1.30" });
  });

  it("report a failed version upgrade with EKS's errors and go no further", async () => {
    const { clients, calls } = fakeClients((call) => {
      if (call.command === "UpdateNodegroupVersionCommand") return { update: { id: "v1", status: "InProgress" } };
      if (call.command === "DescribeUpdateCommand") return { update: { id: "v1", status: "Failed", errors: [{ errorCode: "PodEvictionFailure", errorMessage: "pdb blocks eviction" }] } };
      return group("ACTIVE");
    });
    const ctx = testApplyContext({ clients });
    const properties = { version: "1.31", minSize: 1, desiredSize: 3, maxSize: 4, labels: {} };
    await expect(
      updateEksNodegroup(ctx, generic(properties, ["version", "desiredSize"], { ...properties, version: "1.30", desiredSize: 2 })),
    ).rejects.toThrow("the upgrade to Kubernetes 1.31 on node group generic of EKS cluster booking-dev failed: PodEvictionFailure: pdb blocks eviction");
    expect(calls.some((c) => c.command === "UpdateNodegroupConfigCommand")).toBe(false);
  });
});

describe("launch-templated node groups", () => {
  const template = { launchTemplateId: "lt-0123456789abcdef0", launchTemplateVersion: "3" };

  it("roll to a new launch template version with UpdateNodegroupVersion, waiting for it", async () => {
    const rolls = ["InProgress", "Successful"];
    const { clients, calls } = fakeClients((call) => {
      if (call.command === "UpdateNodegroupVersionCommand") return { update: { id: "lt1", status: "InProgress" } };
      if (call.command === "DescribeUpdateCommand") return { update: { id: "lt1", status: rolls.shift() } };
      return group("ACTIVE");
    });
    const ctx = testApplyContext({ clients });
    const properties = { version: "1.31", minSize: 1, desiredSize: 2, maxSize: 4, labels: {}, ...template };
    await updateEksNodegroup(ctx, generic(properties, ["launchTemplateVersion"], { launchTemplateVersion: "2" }));
    expect(calls.filter((c) => c.command === "UpdateNodegroupVersionCommand").map((c) => c.input)).toEqual([
      { clusterName: "booking-dev", nodegroupName: "generic", launchTemplate: { id: "lt-0123456789abcdef0", version: "3" } },
    ]);
    expect(calls.some((c) => c.command === "UpdateNodegroupConfigCommand")).toBe(false);
    expect(ctx.waits).toEqual(["the roll to launch template lt-0123456789abcdef0 version 3 on node group generic of EKS cluster booking-dev to finish"]);
  });

  it("take the new template version with the last Kubernetes step when both change", () => {
    const properties = { version: "1.31", ...template };
    expect(versionUpdates({ properties, changed: ["version", "launchTemplateVersion"], before: { version: "1.29", launchTemplateVersion: "2" } })).toEqual([
      { version: "1.30" },
      { version: "1.31", launchTemplate: { id: "lt-0123456789abcdef0", version: "3" } },
    ]);
    expect(versionUpdates({ properties, changed: ["desiredSize"], before: {} })).toEqual([]);
  });

  it("change taints by key and effect, in the same config update as scaling and labels", async () => {
    expect(
      taintChange(
        [{ key: "a", value: "1", effect: "NO_SCHEDULE" }, { key: "b", effect: "NO_EXECUTE" }, { key: "c", effect: "NO_SCHEDULE" }],
        [{ key: "a", value: "2", effect: "NO_SCHEDULE" }, { key: "c", effect: "NO_SCHEDULE" }, { key: "b", effect: "PREFER_NO_SCHEDULE" }],
      ),
    ).toEqual({
      addOrUpdateTaints: [{ key: "a", value: "2", effect: "NO_SCHEDULE" }, { key: "b", effect: "PREFER_NO_SCHEDULE" }],
      removeTaints: [{ key: "b", effect: "NO_EXECUTE" }],
    });
    expect(taintChange([{ key: "a", effect: "NO_SCHEDULE" }], [{ key: "a", effect: "NO_SCHEDULE" }])).toBeUndefined();

    const { clients, calls } = fakeClients((call) => {
      if (call.command === "UpdateNodegroupConfigCommand") return { update: { id: "c1", status: "Successful" } };
      if (call.command === "DescribeUpdateCommand") return { update: { id: "c1", status: "Successful" } };
      return group("ACTIVE");
    });
    const properties = { minSize: 1, desiredSize: 2, maxSize: 4, labels: {}, taints: [{ key: "dedicated", value: "gpu", effect: "NO_SCHEDULE" }] };
    await updateEksNodegroup(testApplyContext({ clients }), generic(properties, ["taints"], { taints: [] }));
    expect(calls.find((c) => c.command === "UpdateNodegroupConfigCommand")!.input).toEqual({
      clusterName: "booking-dev",
      nodegroupName: "generic",
      taints: { addOrUpdateTaints: [{ key: "dedicated", value: "gpu", effect: "NO_SCHEDULE" }] },
    });
  });
});

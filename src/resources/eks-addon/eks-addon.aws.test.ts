import { CreateNodegroupCommand, DescribeAddonCommand } from "@aws-sdk/client-eks";
import { describe, expect, it } from "vitest";
import { useMoto } from "../../../test/support/aws.js";
import { desiredEksCluster } from "../eks-cluster/desired.js";
import { eksClusterHandler } from "../eks-cluster/handler.js";
import { createInput, FAKE_SUBNETS, testApplyContext, testReadContext } from "../shared/test-context.js";
import { fullInput } from "../shared/test-input.js";
import type { Json } from "../types.js";
import { desiredEksAddons } from "./desired.js";
import { eksAddonHandler } from "./handler.js";
import { addonVersionProblems, addonVersionsFor } from "./versions.js";

useMoto();

async function withCluster(): Promise<Record<string, Record<string, Json>>> {
  const [cluster] = desiredEksCluster(fullInput());
  const { outputs } = await eksClusterHandler.create(testApplyContext(), createInput(cluster!, FAKE_SUBNETS));
  return { ...FAKE_SUBNETS, "eks-cluster": outputs };
}

async function addons(kubernetesVersion = "1.31") {
  const ctx = testApplyContext();
  const input = fullInput();
  const versions = await addonVersionsFor(ctx.clients.eks, kubernetesVersion, input.declaration.eks.addons.map((addon) => addon.name));
  return { versions, desired: desiredEksAddons({ ...input, addonVersions: versions }) };
}

describe("the eks-addon kind against moto and the EKS stand-in", () => {
  it("looks up each add-on's default version for the Kubernetes version in one call, and keeps pins", async () => {
    const ctx = testApplyContext();
    const { versions, desired } = await addons();
    expect(versions["kube-proxy"]?.defaultVersion).toBe("v1.31.3-eksbuild.2");
    expect(Object.fromEntries(desired.map((addon) => [addon.name, addon.properties.version]))).toEqual({
      "vpc-cni": "v1.19.2-eksbuild.1",
      coredns: "v1.11.3-eksbuild.1", // pinned in the example
      "kube-proxy": "v1.31.3-eksbuild.2",
      "eks-pod-identity-agent": "v1.3.4-eksbuild.1",
      "aws-ebs-csi-driver": "v1.37.0-eksbuild.1",
    });
    const counted = testApplyContext();
    await addonVersionsFor(counted.clients.eks, "1.31", ["vpc-cni", "coredns"]);
    expect(counted.clients.calls.total).toBe(1);
    expect(addonVersionProblems([{ name: "no-such-addon" }, { name: "coredns", version: "v1.12.1-eksbuild.2" }], versions, "1.31")).toEqual([
      'eks-addon/no-such-addon: EKS offers no add-on "no-such-addon" for Kubernetes 1.31 (DescribeAddonVersions). Check the name in eks.addons.',
      "eks-addon/coredns: version v1.12.1-eksbuild.2 does not run on Kubernetes 1.31; EKS offers v1.11.3-eksbuild.1, v1.11.4-eksbuild.2. Change or remove the pin in eks.addons.",
    ]);
    expect(ctx.clients.calls.total).toBe(0);
  });

  it("makes add-ons that run as Deployments wait for the node groups", async () => {
    const { desired } = await addons();
    const dependencies = Object.fromEntries(desired.map((addon) => [addon.name, addon.dependsOn]));
    expect(dependencies["vpc-cni"]).toEqual(["eks-cluster"]);
    expect(dependencies.coredns).toEqual(["eks-cluster", "eks-nodegroup/generic"]);
    expect(dependencies["aws-ebs-csi-driver"]).toEqual(["eks-cluster", "eks-nodegroup/generic"]);
  });

  it("creates an add-on, waits until it is ACTIVE, and reads it back with its version and tags", async () => {
    const outputs = await withCluster();
    const { desired } = await addons();
    const proxy = desired.find((addon) => addon.name === "kube-proxy")!;
    const ctx = testApplyContext();
    const created = await eksAddonHandler.create(ctx, createInput(proxy, outputs));
    expect(created).toMatchObject({ physicalId: "booking-dev/kube-proxy", outputs: { status: "ACTIVE", version: "v1.31.3-eksbuild.2" } });
    expect(ctx.waits).toEqual(["add-on kube-proxy of EKS cluster booking-dev to become ACTIVE"]);
    const actual = await eksAddonHandler.read(testReadContext());
    expect(actual).toEqual([
      expect.objectContaining({ id: "eks-addon/kube-proxy", properties: { clusterName: "booking-dev", name: "kube-proxy", version: "v1.31.3-eksbuild.2" }, tags: proxy.tags }),
    ]);
  });

  it("upgrades an add-on in place and waits for the update", async () => {
    const outputs = await withCluster();
    const { desired } = await addons();
    const coredns = desired.find((addon) => addon.name === "coredns")!;
    const ctx = testApplyContext();
    await ctx.clients.eks.send(
      new CreateNodegroupCommand({ clusterName: "booking-dev", nodegroupName: "generic", nodeRole: "arn:aws:iam::123456789012:role/okctl-eks-node", subnets: ["subnet-0000000000000000a"] }),
    );
    const input = createInput(coredns, outputs);
    const { physicalId } = await eksAddonHandler.create(ctx, input);
    const properties = { ...input.properties, version: "v1.11.4-eksbuild.2" };
    const { outputs: after } = await eksAddonHandler.update(ctx, { ...input, physicalId, properties, changed: ["version"], before: input.properties });
    expect(after).toMatchObject({ version: "v1.11.4-eksbuild.2", status: "ACTIVE" });
    expect(ctx.waits).toContain("the upgrade to v1.11.4-eksbuild.2 on add-on coredns of EKS cluster booking-dev to finish");
  });

  it("does not become ACTIVE without nodes where it needs them: the wait says why", async () => {
    const outputs = await withCluster();
    const { desired } = await addons();
    const ebs = desired.find((addon) => addon.name === "aws-ebs-csi-driver")!;
    const ctx = { ...testApplyContext(), timeouts: { ...testApplyContext().timeouts, eksNodegroup: 30_000 } };
    await expect(eksAddonHandler.create(ctx, createInput(ebs, outputs))).rejects.toThrow(/DEGRADED \(InsufficientNumberOfReplicas/);
  });

  it("deletes, waiting until it is gone; deleting again is not an error", async () => {
    const outputs = await withCluster();
    const { desired } = await addons();
    const cni = desired.find((addon) => addon.name === "vpc-cni")!;
    const ctx = testApplyContext();
    const created = await eksAddonHandler.create(ctx, createInput(cni, outputs));
    await eksAddonHandler.delete(ctx, { id: cni.id, ...created });
    await expect(ctx.clients.eks.send(new DescribeAddonCommand({ clusterName: "booking-dev", addonName: "vpc-cni" }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await eksAddonHandler.delete(ctx, { id: cni.id, ...created });
    expect(await eksAddonHandler.read(testReadContext())).toEqual([]);
  });
});

// Upgrading Kubernetes one minor version: the control plane, then the node groups (rolling to a new
// launch template version in the same update) and the add-ons that follow it, in one apply; access
// entries and pod identities change in place beside them. Through the EKS stand-in, whose
// UpdateClusterVersion, UpdateNodegroupVersion and UpdateAddon moto lacks.
import { DescribeLaunchTemplateVersionsCommand } from "@aws-sdk/client-ec2";
import { DescribeAddonCommand, DescribeClusterCommand, DescribeNodegroupCommand, ListAssociatedAccessPoliciesCommand } from "@aws-sdk/client-eks";
import { describe, expect, it } from "vitest";
import { useMoto } from "../../test/support/aws.js";
import { fullDeclaration } from "../../test/support/declarations.js";
import { applyExample, applyFor, pending, planFor, testClients } from "../../test/support/engine.js";
import type { Declaration } from "../declaration/types.js";

useMoto();

function at(version: string, change: (eks: Declaration["eks"]) => Partial<Declaration["eks"]> = () => ({})): Declaration {
  const declaration = fullDeclaration();
  return { ...declaration, eks: { ...declaration.eks, version, ...change(declaration.eks) } };
}

describe("a Kubernetes upgrade with access entries, add-ons and pod identities", () => {
  it("upgrades the control plane first, then node groups (to a new launch template version too) and unpinned add-ons to the new defaults, and then plans nothing", async () => {
    const clients = testClients();
    await applyExample(clients, at("1.30"));
    const proxyBefore = await clients.eks.send(new DescribeAddonCommand({ clusterName: "booking-dev", addonName: "kube-proxy" }));
    expect(proxyBefore.addon?.addonVersion).toBe("v1.30.2-eksbuild.2");

    const declaration = at("1.31", (eks) => ({
      nodeGroups: [{ ...eks.nodeGroups[0]!, diskSize: 100 }],
      accessEntries: [eks.accessEntries[0]!, { ...eks.accessEntries[1]!, accessPolicy: "view", namespaces: ["booking", "tools"] }],
      podIdentities: [{ ...eks.podIdentities[0]!, roleArn: "arn:aws:iam::123456789012:role/booking-api-v2" }],
    }));
    const plan = await planFor(declaration, clients);
    expect(plan.errors).toEqual([]);
    const changed = Object.fromEntries(pending(plan).map((change) => [change.id, [change.action, change.attributes.map((a) => a.attribute).sort().join(",")]]));
    expect(changed).toEqual({
      "eks-cluster": ["update", "version"],
      "launch-template/generic": ["update", "rootVolumeSize"],
      "eks-nodegroup/generic": ["update", "launchTemplateVersion,version"],
      "eks-addon/kube-proxy": ["update", "version"],
      "eks-access-entry/123456789012:role/booking-developers": ["update", "accessPolicy,namespaces"],
      "eks-pod-identity/booking/api": ["update", "roleArn"],
    });

    const result = await applyFor(plan, clients);
    expect(result).toMatchObject({ outcome: "applied", ok: true });
    if (result.outcome !== "applied") return;
    const step = (id: string) => result.steps.find((s) => s.resourceId === id)!;
    expect(step("eks-cluster").finishedAtMs!).toBeLessThanOrEqual(step("eks-addon/kube-proxy").startedAtMs!);
    expect(step("eks-cluster").finishedAtMs!).toBeLessThanOrEqual(step("eks-nodegroup/generic").startedAtMs!);
    expect(step("launch-template/generic").finishedAtMs!).toBeLessThanOrEqual(step("eks-nodegroup/generic").startedAtMs!);

    expect((await clients.eks.send(new DescribeClusterCommand({ name: "booking-dev" }))).cluster?.version).toBe("1.31");
    // One rolling update took the node group to 1.31 and to the template's new version, as EC2 has it.
    const group = (await clients.eks.send(new DescribeNodegroupCommand({ clusterName: "booking-dev", nodegroupName: "generic" }))).nodegroup!;
    expect(group).toMatchObject({ status: "ACTIVE", version: "1.31", launchTemplate: { version: "2" } });
    const [rolledTo] = (await clients.ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: group.launchTemplate!.id, Versions: ["2"] }))).LaunchTemplateVersions!;
    expect(rolledTo!.LaunchTemplateData?.BlockDeviceMappings?.[0]?.Ebs).toMatchObject({ VolumeSize: 100, VolumeType: "gp3", Encrypted: true });
    const addon = (addonName: string) => clients.eks.send(new DescribeAddonCommand({ clusterName: "booking-dev", addonName }));
    expect((await addon("kube-proxy")).addon?.addonVersion).toBe("v1.31.3-eksbuild.2");
    expect((await addon("coredns")).addon?.addonVersion).toBe("v1.11.3-eksbuild.1"); // pinned
    const policies = await clients.eks.send(new ListAssociatedAccessPoliciesCommand({ clusterName: "booking-dev", principalArn: "arn:aws:iam::123456789012:role/booking-developers" }));
    expect(policies.associatedAccessPolicies?.map((p) => [p.policyArn, p.accessScope?.namespaces])).toEqual([
      ["arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", ["booking", "tools"]],
    ]);
    expect(pending(await planFor(declaration, clients))).toEqual([]);
  });

  it("removes access entries, add-ons and pod identities no longer declared, keeping the last admin rule", async () => {
    const clients = testClients();
    await applyExample(clients, fullDeclaration());
    const fewer = at("1.31", (eks) => ({ accessEntries: [eks.accessEntries[1]!], addons: eks.addons.filter((a) => a.name !== "aws-ebs-csi-driver"), podIdentities: [] }));
    const refused = await planFor(fewer, clients);
    expect(refused.errors).toEqual([expect.stringContaining("takes cluster-admin away from arn:aws:iam::123456789012:role/booking-admins")]);

    const declaration = at("1.31", (eks) => ({ accessEntries: [eks.accessEntries[0]!], addons: eks.addons.filter((a) => a.name !== "aws-ebs-csi-driver"), podIdentities: [] }));
    const plan = await planFor(declaration, clients);
    expect(plan.errors).toEqual([]);
    expect(pending(plan).map((change) => `${change.action} ${change.id}`).sort()).toEqual([
      "delete eks-access-entry/123456789012:role/booking-developers",
      "delete eks-addon/aws-ebs-csi-driver",
      "delete eks-pod-identity/booking/api",
    ]);
    expect(await applyFor(plan, clients, { allowDestroy: true })).toMatchObject({ outcome: "applied", ok: true });
    expect(pending(await planFor(declaration, clients))).toEqual([]);
  });
});

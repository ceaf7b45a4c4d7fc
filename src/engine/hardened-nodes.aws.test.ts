import { DescribeLaunchTemplatesCommand, DescribeLaunchTemplateVersionsCommand } from "@aws-sdk/client-ec2";
import { CreateNodegroupCommand, DeleteNodegroupCommand, DescribeNodegroupCommand, ListNodegroupsCommand } from "@aws-sdk/client-eks";
import { describe, expect, it } from "vitest";
import { useMoto } from "../../test/support/aws.js";
import { fullDeclaration } from "../../test/support/declarations.js";
import { applyExample, applyFor, pending, planFor, testClients } from "../../test/support/engine.js";
import type { Declaration, NodeGroup } from "../declaration/types.js";

useMoto();

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

function withGeneric(change: Partial<NodeGroup>): Declaration {
  const base = fullDeclaration();
  return { ...base, eks: { ...base.eks, nodeGroups: [{ ...base.eks.nodeGroups[0]!, ...change }] } };
}

describe("hardened, launch-templated node groups", () => {
  it("plan a root volume change as a new launch template version that the node group rolls to", async () => {
    const clients = testClients();
    await applyExample(clients, fullDeclaration());
    const plan = await planFor(withGeneric({ diskSize: 120, diskKmsKeyArn: KEY }), clients);
    expect(plan.errors).toEqual([]);
    expect(pending(plan).map((change) => [change.action, change.id, change.attributes])).toEqual([
      [
        "update",
        "launch-template/generic",
        [
          { attribute: "rootVolumeKmsKeyArn", before: null, after: KEY },
          { attribute: "rootVolumeSize", before: 80, after: 120 },
        ],
      ],
      ["update", "eks-nodegroup/generic", [{ attribute: "launchTemplateVersion", before: "1", after: { unknown: true } }]],
    ]);

    // The roll, through the EKS stand-in (moto has no UpdateNodegroupVersion): the template gets
    // version 2, made the default, and the node group rolls to it.
    const result = await applyFor(plan, clients);
    expect(result).toMatchObject({ outcome: "applied", ok: true });
    const group = (await clients.eks.send(new DescribeNodegroupCommand({ clusterName: "booking-dev", nodegroupName: "generic" }))).nodegroup!;
    expect(group).toMatchObject({ status: "ACTIVE", launchTemplate: { name: "booking-dev-generic", version: "2" } });
    const [template] = (await clients.ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [group.launchTemplate!.id!] }))).LaunchTemplates!;
    expect(template).toMatchObject({ DefaultVersionNumber: 2, LatestVersionNumber: 2 });
    const [rolledTo] = (await clients.ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: group.launchTemplate!.id, Versions: [group.launchTemplate!.version!] }))).LaunchTemplateVersions!;
    expect(rolledTo!.LaunchTemplateData).toMatchObject({
      BlockDeviceMappings: [{ DeviceName: "/dev/xvda", Ebs: { VolumeSize: 120, VolumeType: "gp3", Encrypted: true, KmsKeyId: KEY, DeleteOnTermination: true } }],
      MetadataOptions: { HttpTokens: "required", HttpPutResponseHopLimit: 2 },
    });
    expect(pending(await planFor(withGeneric({ diskSize: 120, diskKmsKeyArn: KEY }), clients))).toEqual([]);
  });

  it("split a group into one per availability zone, each from the same template", async () => {
    const clients = testClients();
    await applyExample(clients, fullDeclaration());
    const declaration = withGeneric({ perAvailabilityZone: true });
    const plan = await planFor(declaration, clients);
    expect(pending(plan).map((change) => [change.action, change.id])).toEqual([
      ["delete", "eks-nodegroup/generic"],
      ["create", "eks-nodegroup/generic-a"],
      ["create", "eks-nodegroup/generic-b"],
      ["create", "eks-nodegroup/generic-c"],
    ]);
    const result = await applyFor(plan, clients, { allowDestroy: true });
    expect(result.outcome === "applied" && result.ok).toBe(true);

    const names = (await clients.eks.send(new ListNodegroupsCommand({ clusterName: "booking-dev" }))).nodegroups!;
    expect([...names].sort()).toEqual(["generic-a", "generic-b", "generic-c"]);
    const groups = await Promise.all(names.map(async (nodegroupName) => (await clients.eks.send(new DescribeNodegroupCommand({ clusterName: "booking-dev", nodegroupName }))).nodegroup!));
    expect(new Set(groups.map((group) => group.launchTemplate?.id)).size).toBe(1);
    expect(groups.map((group) => group.subnets!.length)).toEqual([1, 1, 1]);
    expect(new Set(groups.flatMap((group) => group.subnets)).size).toBe(3);
    const [version] = (await clients.ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: groups[0]!.launchTemplate!.id, Versions: ["$Latest"] }))).LaunchTemplateVersions!;
    expect(version!.LaunchTemplateData?.MetadataOptions).toMatchObject({ HttpTokens: "required", HttpPutResponseHopLimit: 2 });
    expect(pending(await planFor(declaration, clients))).toEqual([]);
  });

  it("replace a node group made without a launch template (as okctl made them before)", async () => {
    const clients = testClients();
    await applyExample(clients, fullDeclaration());
    const old = (await clients.eks.send(new DescribeNodegroupCommand({ clusterName: "booking-dev", nodegroupName: "generic" }))).nodegroup!;
    await clients.eks.send(new DeleteNodegroupCommand({ clusterName: "booking-dev", nodegroupName: "generic" }));
    const { launchTemplate: _template, ...withoutTemplate } = old;
    await clients.eks.send(
      new CreateNodegroupCommand({
        clusterName: "booking-dev",
        nodegroupName: "generic",
        nodeRole: withoutTemplate.nodeRole,
        subnets: withoutTemplate.subnets,
        instanceTypes: withoutTemplate.instanceTypes,
        diskSize: 80,
        scalingConfig: withoutTemplate.scalingConfig,
        labels: withoutTemplate.labels,
        version: withoutTemplate.version,
        tags: withoutTemplate.tags,
      }),
    );
    const plan = await planFor(fullDeclaration(), clients);
    const change = pending(plan);
    expect(change.map((c) => [c.action, c.id, c.reason])).toEqual([["replace", "eks-nodegroup/generic", "launchTemplateId cannot be changed in place."]]);
    expect(change[0]!.attributes).toContainEqual({ attribute: "launchTemplateId", before: null, after: expect.stringMatching(/^lt-/), forcesReplacement: true });
  });
});

// The loopback EKS extension in front of moto, driven by the real SDK v3 EKS client over HTTP.
import {
  AssociateAccessPolicyCommand,
  CreateAccessEntryCommand,
  CreateAddonCommand,
  CreateClusterCommand,
  CreateNodegroupCommand,
  CreatePodIdentityAssociationCommand,
  DeleteAccessEntryCommand,
  DeleteAddonCommand,
  DeleteClusterCommand,
  DeleteNodegroupCommand,
  DeletePodIdentityAssociationCommand,
  DescribeAccessEntryCommand,
  DescribeAddonCommand,
  DescribeAddonVersionsCommand,
  DescribeClusterCommand,
  DescribeNodegroupCommand,
  DescribePodIdentityAssociationCommand,
  DescribeUpdateCommand,
  DisassociateAccessPolicyCommand,
  EKSClient,
  ListAccessEntriesCommand,
  ListAddonsCommand,
  ListAssociatedAccessPoliciesCommand,
  ListPodIdentityAssociationsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAccessEntryCommand,
  UpdateAddonCommand,
  UpdateClusterConfigCommand,
  UpdateClusterVersionCommand,
  UpdateNodegroupConfigCommand,
  UpdateNodegroupVersionCommand,
  UpdatePodIdentityAssociationCommand,
} from "@aws-sdk/client-eks";
import { CreateLaunchTemplateCommand, CreateLaunchTemplateVersionCommand, EC2Client } from "@aws-sdk/client-ec2";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { TEST_ACCOUNT, useMoto } from "./aws.js";
import { SERVED_OPERATIONS } from "./eks-standin/server.js";

const { endpoint } = useMoto();
const eks = () => new EKSClient({ region: "eu-west-1" });
const ADMIN = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
const VIEW = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy";
const TEAM = `arn:aws:iam::${TEST_ACCOUNT}:role/team`;

async function cluster(name = "c1", authenticationMode: "API" | "API_AND_CONFIG_MAP" | "CONFIG_MAP" | null = "API", version = "1.31") {
  await eks().send(
    new CreateClusterCommand({
      name,
      version,
      roleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/okctl-eks-cluster`,
      resourcesVpcConfig: { subnetIds: ["subnet-1", "subnet-2"] },
      ...(authenticationMode ? { accessConfig: { authenticationMode } } : {}),
    }),
  );
}

async function nodegroup(clusterName = "c1", nodegroupName = "generic") {
  await eks().send(
    new CreateNodegroupCommand({ clusterName, nodegroupName, nodeRole: `arn:aws:iam::${TEST_ACCOUNT}:role/okctl-eks-node`, subnets: ["subnet-1"], scalingConfig: { minSize: 1, maxSize: 2, desiredSize: 1 } }),
  );
}

/** A raw request with an EKS SigV4 scope (moto does not check signatures), to send what the SDK would not. */
function raw(method: string, path: string, body?: unknown) {
  return fetch(`${endpoint}${path}`, {
    method,
    headers: { authorization: "AWS4-HMAC-SHA256 Credential=testing/20260101/eu-west-1/eks/aws4_request, SignedHeaders=host, Signature=0", "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe("the EKS stand-in in front of moto", () => {
  it("serves exactly the operations moto 5.2.1 lacks", () => {
    expect(SERVED_OPERATIONS).toEqual(
      [
        "AssociateAccessPolicy",
        "CreateAccessEntry",
        "CreateAddon",
        "CreatePodIdentityAssociation",
        "DeleteAccessEntry",
        "DeleteAddon",
        "DeletePodIdentityAssociation",
        "DescribeAccessEntry",
        "DescribeAddon",
        "DescribeAddonVersions",
        "DescribePodIdentityAssociation",
        "DescribeUpdate",
        "DisassociateAccessPolicy",
        "ListAccessEntries",
        "ListAccessPolicies",
        "ListAddons",
        "ListAssociatedAccessPolicies",
        "ListPodIdentityAssociations",
        "UpdateAccessEntry",
        "UpdateAddon",
        "UpdateClusterVersion",
        "UpdateNodegroupVersion",
        "UpdatePodIdentityAssociation",
      ].sort(),
    );
  });

  it("passes other services and moto's own API through", async () => {
    expect((await new STSClient({ region: "eu-west-1" }).send(new GetCallerIdentityCommand({}))).Account).toBe(TEST_ACCOUNT);
    await cluster();
    expect((await eks().send(new DescribeClusterCommand({ name: "c1" }))).cluster?.status).toBe("ACTIVE");
  });

  it("keeps the cluster's access configuration moto drops, and gives the creator its bootstrap admin entry", async () => {
    await cluster("api", "API");
    await cluster("default", null);
    expect((await eks().send(new DescribeClusterCommand({ name: "api" }))).cluster?.accessConfig).toEqual({ authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true });
    expect((await eks().send(new DescribeClusterCommand({ name: "default" }))).cluster?.accessConfig?.authenticationMode).toBe("CONFIG_MAP");
    const { accessEntries } = await eks().send(new ListAccessEntriesCommand({ clusterName: "api" }));
    const creator = (await new STSClient({ region: "eu-west-1" }).send(new GetCallerIdentityCommand({}))).Arn;
    expect(accessEntries).toEqual([creator]);
    const policies = await eks().send(new ListAssociatedAccessPoliciesCommand({ clusterName: "api", principalArn: creator }));
    expect(policies.associatedAccessPolicies?.map((p) => [p.policyArn, p.accessScope?.type])).toEqual([[ADMIN, "cluster"]]);
    await expect(eks().send(new ListAccessEntriesCommand({ clusterName: "default" }))).rejects.toMatchObject({ name: "InvalidRequestException" });
  });

  it("creates, describes, updates, associates and deletes access entries", async () => {
    await cluster();
    const created = await eks().send(new CreateAccessEntryCommand({ clusterName: "c1", principalArn: TEAM, tags: { team: "booking" } }));
    expect(created.accessEntry).toMatchObject({ principalArn: TEAM, type: "STANDARD", tags: { team: "booking" }, username: `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/team/{{SessionName}}` });
    await expect(eks().send(new CreateAccessEntryCommand({ clusterName: "c1", principalArn: TEAM }))).rejects.toMatchObject({ name: "ResourceInUseException", $metadata: { httpStatusCode: 409 } });
    // IAM names ignore letter case: role/Team is role/team, one principal, one entry.
    await expect(eks().send(new CreateAccessEntryCommand({ clusterName: "c1", principalArn: TEAM.replace("role/team", "role/Team") }))).rejects.toMatchObject({ name: "ResourceInUseException" });
    await eks().send(new UpdateAccessEntryCommand({ clusterName: "c1", principalArn: TEAM, kubernetesGroups: ["viewers"] }));
    expect((await eks().send(new DescribeAccessEntryCommand({ clusterName: "c1", principalArn: TEAM }))).accessEntry?.kubernetesGroups).toEqual(["viewers"]);

    await eks().send(new AssociateAccessPolicyCommand({ clusterName: "c1", principalArn: TEAM, policyArn: VIEW, accessScope: { type: "namespace", namespaces: ["a", "b"] } }));
    const listed = await eks().send(new ListAssociatedAccessPoliciesCommand({ clusterName: "c1", principalArn: TEAM }));
    expect(listed.associatedAccessPolicies?.map((p) => [p.policyArn, p.accessScope])).toEqual([[VIEW, { type: "namespace", namespaces: ["a", "b"] }]]);
    expect((await eks().send(new ListAccessEntriesCommand({ clusterName: "c1", associatedPolicyArn: VIEW }))).accessEntries).toEqual([TEAM]);
    await eks().send(new DisassociateAccessPolicyCommand({ clusterName: "c1", principalArn: TEAM, policyArn: VIEW }));
    expect((await eks().send(new ListAssociatedAccessPoliciesCommand({ clusterName: "c1", principalArn: TEAM }))).associatedAccessPolicies).toEqual([]);

    await eks().send(new DeleteAccessEntryCommand({ clusterName: "c1", principalArn: TEAM }));
    await expect(eks().send(new DescribeAccessEntryCommand({ clusterName: "c1", principalArn: TEAM }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("rejects what EKS rejects: bad principals, scopes, policies, unknown clusters, and paginates lists", async () => {
    await cluster();
    await expect(eks().send(new CreateAccessEntryCommand({ clusterName: "c1", principalArn: "arn:aws:sts::123456789012:assumed-role/x/y" }))).rejects.toThrow(/principalArn is invalid/);
    await expect(eks().send(new CreateAccessEntryCommand({ clusterName: "nope", principalArn: TEAM }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await eks().send(new CreateAccessEntryCommand({ clusterName: "c1", principalArn: TEAM }));
    await expect(
      eks().send(new AssociateAccessPolicyCommand({ clusterName: "c1", principalArn: TEAM, policyArn: VIEW, accessScope: { type: "namespace" } })),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });
    await expect(
      eks().send(new AssociateAccessPolicyCommand({ clusterName: "c1", principalArn: TEAM, policyArn: "arn:aws:eks::aws:cluster-access-policy/Root", accessScope: { type: "cluster" } })),
    ).rejects.toThrow(/policyArn is invalid/);
    for (let i = 0; i < 3; i += 1) await eks().send(new CreateAccessEntryCommand({ clusterName: "c1", principalArn: `arn:aws:iam::${TEST_ACCOUNT}:user/u${i}` }));
    const first = await eks().send(new ListAccessEntriesCommand({ clusterName: "c1", maxResults: 3 }));
    const second = await eks().send(new ListAccessEntriesCommand({ clusterName: "c1", maxResults: 3, nextToken: first.nextToken }));
    expect([...(first.accessEntries ?? []), ...(second.accessEntries ?? [])]).toHaveLength(5); // the creator's, the team's, 3 users
    expect(second.nextToken).toBeUndefined();
  });

  it("validates each request against AWS's model and answers in AWS's error shape", async () => {
    await cluster();
    const missing = await raw("POST", "/clusters/c1/access-entries", { kubernetesGroups: ["x"] });
    expect(missing.status).toBe(400);
    expect(missing.headers.get("x-amzn-errortype")).toBe("InvalidParameterException");
    expect(await missing.json()).toEqual({ message: "1 validation error detected: Value null at 'principalArn' failed to satisfy constraint: Member must not be null" });
    const types = await raw("POST", "/clusters/c1/access-entries", { principalArn: TEAM, kubernetesGroups: "x", tags: { a: 1 } });
    expect(((await types.json()) as { message: string }).message).toBe(
      "2 validation errors detected: Value 'x' at 'kubernetesGroups' failed to satisfy constraint: Member must be a list; Value '1' at 'tags.a' failed to satisfy constraint: Member must be a string",
    );
    const scope = await raw("POST", `/clusters/c1/access-entries/${encodeURIComponent(TEAM)}/access-policies`, { policyArn: VIEW, accessScope: { type: "everything" } });
    expect(((await scope.json()) as { message: string }).message).toMatch(/at 'accessScope.type' failed to satisfy constraint: Member must satisfy enum value set: \[cluster, namespace\]/);
    const notJson = await fetch(`${endpoint}/clusters/c1/addons`, { method: "POST", headers: { authorization: "AWS4-HMAC-SHA256 Credential=t/20260101/eu-west-1/eks/aws4_request" }, body: "{" });
    expect(notJson.status).toBe(400);
    await expect(eks().send(new DescribeAddonVersionsCommand({ maxResults: 0 }))).rejects.toMatchObject({ name: "InvalidParameterException" });
  });

  it("lists add-on versions with one default per Kubernetes version", async () => {
    const { addons } = await eks().send(new DescribeAddonVersionsCommand({ kubernetesVersion: "1.31", addonName: "coredns" }));
    const defaults = addons?.[0]?.addonVersions?.filter((v) => v.compatibilities?.some((c) => c.defaultVersion));
    expect(defaults?.map((v) => v.addonVersion)).toEqual(["v1.11.3-eksbuild.1"]);
  });

  it("creates add-ons at the default version (CREATING, then ACTIVE; DEGRADED without nodes where they need them), updates and deletes them", async () => {
    await cluster();
    const created = await eks().send(new CreateAddonCommand({ clusterName: "c1", addonName: "kube-proxy", tags: { a: "b" } }));
    expect(created.addon).toMatchObject({ addonName: "kube-proxy", status: "CREATING", addonVersion: "v1.31.3-eksbuild.2", tags: { a: "b" } });
    expect((await eks().send(new DescribeAddonCommand({ clusterName: "c1", addonName: "kube-proxy" }))).addon?.status).toBe("CREATING");
    expect((await eks().send(new DescribeAddonCommand({ clusterName: "c1", addonName: "kube-proxy" }))).addon?.status).toBe("ACTIVE");

    await eks().send(new CreateAddonCommand({ clusterName: "c1", addonName: "coredns" }));
    await eks().send(new DescribeAddonCommand({ clusterName: "c1", addonName: "coredns" }));
    expect((await eks().send(new DescribeAddonCommand({ clusterName: "c1", addonName: "coredns" }))).addon).toMatchObject({ status: "DEGRADED", health: { issues: [{ code: "InsufficientNumberOfReplicas" }] } });
    await nodegroup();
    expect((await eks().send(new DescribeAddonCommand({ clusterName: "c1", addonName: "coredns" }))).addon?.status).toBe("ACTIVE");
    expect((await eks().send(new ListAddonsCommand({ clusterName: "c1" }))).addons).toEqual(["kube-proxy", "coredns"]);

    await expect(eks().send(new UpdateAddonCommand({ clusterName: "c1", addonName: "coredns", addonVersion: "v1.12.1-eksbuild.2" }))).rejects.toThrow(/not supported/);
    const { update } = await eks().send(new UpdateAddonCommand({ clusterName: "c1", addonName: "coredns", addonVersion: "v1.11.4-eksbuild.2" }));
    expect(update).toMatchObject({ status: "InProgress", type: "AddonUpdate", params: [{ type: "AddonVersion", value: "v1.11.4-eksbuild.2" }] });
    const statuses = [];
    for (let i = 0; i < 2; i += 1) statuses.push((await eks().send(new DescribeUpdateCommand({ name: "c1", addonName: "coredns", updateId: update!.id! }))).update?.status);
    expect(statuses).toEqual(["InProgress", "Successful"]);
    await expect(eks().send(new DescribeUpdateCommand({ name: "c1", updateId: update!.id! }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await eks().send(new DescribeAddonCommand({ clusterName: "c1", addonName: "coredns" }));
    expect((await eks().send(new DescribeAddonCommand({ clusterName: "c1", addonName: "coredns" }))).addon).toMatchObject({ status: "ACTIVE", addonVersion: "v1.11.4-eksbuild.2" });

    expect((await eks().send(new DeleteAddonCommand({ clusterName: "c1", addonName: "kube-proxy" }))).addon?.status).toBe("DELETING");
    expect((await eks().send(new DescribeAddonCommand({ clusterName: "c1", addonName: "kube-proxy" }))).addon?.status).toBe("DELETING");
    await expect(eks().send(new DescribeAddonCommand({ clusterName: "c1", addonName: "kube-proxy" }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await expect(eks().send(new CreateAddonCommand({ clusterName: "c1", addonName: "no-such-addon" }))).rejects.toMatchObject({ name: "InvalidParameterException" });
  });

  it("creates, lists, updates and deletes pod identity associations", async () => {
    await cluster();
    const { association } = await eks().send(new CreatePodIdentityAssociationCommand({ clusterName: "c1", namespace: "app", serviceAccount: "api", roleArn: TEAM, tags: { x: "y" } }));
    expect(association?.associationId).toMatch(/^a-[a-z0-9]{17}$/);
    await expect(eks().send(new CreatePodIdentityAssociationCommand({ clusterName: "c1", namespace: "app", serviceAccount: "api", roleArn: TEAM }))).rejects.toMatchObject({ name: "ResourceInUseException" });
    await expect(eks().send(new CreatePodIdentityAssociationCommand({ clusterName: "c1", namespace: "app", serviceAccount: "b", roleArn: "arn:aws:iam::1:user/x" }))).rejects.toMatchObject({ name: "InvalidParameterException" });
    const listed = await eks().send(new ListPodIdentityAssociationsCommand({ clusterName: "c1", namespace: "app" }));
    expect(listed.associations).toEqual([{ clusterName: "c1", namespace: "app", serviceAccount: "api", associationArn: association!.associationArn, associationId: association!.associationId }]);
    const other = `arn:aws:iam::${TEST_ACCOUNT}:role/other`;
    await eks().send(new UpdatePodIdentityAssociationCommand({ clusterName: "c1", associationId: association!.associationId!, roleArn: other }));
    await eks().send(new TagResourceCommand({ resourceArn: association!.associationArn!, tags: { z: "1" } }));
    await eks().send(new UntagResourceCommand({ resourceArn: association!.associationArn!, tagKeys: ["x"] }));
    expect((await eks().send(new ListTagsForResourceCommand({ resourceArn: association!.associationArn! }))).tags).toEqual({ z: "1" });
    expect((await eks().send(new DescribePodIdentityAssociationCommand({ clusterName: "c1", associationId: association!.associationId! }))).association).toMatchObject({ roleArn: other, tags: { z: "1" } });
    await eks().send(new DeletePodIdentityAssociationCommand({ clusterName: "c1", associationId: association!.associationId! }));
    expect((await eks().send(new ListPodIdentityAssociationsCommand({ clusterName: "c1" }))).associations).toEqual([]);
  });

  it("tags and untags node groups after their creation (moto tags only clusters), as EKS does", async () => {
    await cluster();
    await eks().send(
      new CreateNodegroupCommand({ clusterName: "c1", nodegroupName: "generic", nodeRole: `arn:aws:iam::${TEST_ACCOUNT}:role/okctl-eks-node`, subnets: ["subnet-1"], tags: { a: "1", b: "2" } }),
    );
    const arn = (await eks().send(new DescribeNodegroupCommand({ clusterName: "c1", nodegroupName: "generic" }))).nodegroup!.nodegroupArn!;
    await eks().send(new TagResourceCommand({ resourceArn: arn, tags: { b: "3", c: "4" } }));
    await eks().send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ["a"] }));
    expect((await eks().send(new DescribeNodegroupCommand({ clusterName: "c1", nodegroupName: "generic" }))).nodegroup?.tags).toEqual({ b: "3", c: "4" });
    expect((await eks().send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual({ b: "3", c: "4" });
    await expect(eks().send(new TagResourceCommand({ resourceArn: arn.replace("/generic/", "/other/"), tags: { x: "y" } }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("upgrades the control plane one minor version at a time and node groups up to it", async () => {
    await cluster("c1", "API", "1.30");
    await nodegroup();
    expect((await eks().send(new DescribeNodegroupCommand({ clusterName: "c1", nodegroupName: "generic" }))).nodegroup?.version).toBe("1.30");
    await expect(eks().send(new UpdateClusterVersionCommand({ name: "c1", version: "1.32" }))).rejects.toThrow("Unsupported Kubernetes minor version update from 1.30 to 1.32");
    await expect(eks().send(new UpdateNodegroupVersionCommand({ clusterName: "c1", nodegroupName: "generic", version: "1.31" }))).rejects.toMatchObject({ name: "InvalidParameterException" });
    const { update } = await eks().send(new UpdateClusterVersionCommand({ name: "c1", version: "1.31" }));
    await expect(eks().send(new UpdateClusterVersionCommand({ name: "c1", version: "1.31" }))).rejects.toMatchObject({ name: "ResourceInUseException" });
    expect((await eks().send(new DescribeClusterCommand({ name: "c1" }))).cluster).toMatchObject({ status: "UPDATING", version: "1.30" });
    expect((await eks().send(new DescribeUpdateCommand({ name: "c1", updateId: update!.id! }))).update?.status).toBe("Successful");
    expect((await eks().send(new DescribeClusterCommand({ name: "c1" }))).cluster).toMatchObject({ status: "ACTIVE", version: "1.31" });

    const group = await eks().send(new UpdateNodegroupVersionCommand({ clusterName: "c1", nodegroupName: "generic" }));
    expect(group.update?.params).toContainEqual({ type: "Version", value: "1.31" });
    expect((await eks().send(new DescribeNodegroupCommand({ clusterName: "c1", nodegroupName: "generic" }))).nodegroup?.status).toBe("UPDATING");
    expect((await eks().send(new DescribeNodegroupCommand({ clusterName: "c1", nodegroupName: "generic" }))).nodegroup).toMatchObject({ status: "ACTIVE", version: "1.31" });

    // moto's own updates (scaling, logging) are ones DescribeUpdate knows too.
    const scaling = await eks().send(new UpdateNodegroupConfigCommand({ clusterName: "c1", nodegroupName: "generic", scalingConfig: { minSize: 1, maxSize: 3, desiredSize: 2 } }));
    const logging = await eks().send(new UpdateClusterConfigCommand({ name: "c1", logging: { clusterLogging: [{ types: ["api"], enabled: true }] } }));
    for (const [update, nodegroupName] of [[scaling.update, "generic"], [logging.update, undefined]] as const) {
      const seen = [];
      for (let i = 0; i < 2; i += 1) seen.push((await eks().send(new DescribeUpdateCommand({ name: "c1", nodegroupName, updateId: update!.id! }))).update?.status);
      expect(seen).toEqual(["InProgress", "Successful"]);
    }
  });

  it("rolls a node group made from a launch template to another version of that template, as EC2 has it", async () => {
    const ec2 = new EC2Client({ region: "eu-west-1" });
    const data = { BlockDeviceMappings: [{ DeviceName: "/dev/xvda", Ebs: { VolumeSize: 80, VolumeType: "gp3" as const, Encrypted: true } }] };
    const { LaunchTemplate: template } = await ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: "c1-generic", LaunchTemplateData: data }));
    const { LaunchTemplate: other } = await ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: "c1-other", LaunchTemplateData: data }));
    await cluster();
    await nodegroup("c1", "plain");
    const fromTemplate = (version: string) =>
      eks().send(
        new CreateNodegroupCommand({
          clusterName: "c1",
          nodegroupName: "generic",
          nodeRole: `arn:aws:iam::${TEST_ACCOUNT}:role/okctl-eks-node`,
          subnets: ["subnet-1"],
          launchTemplate: { id: template!.LaunchTemplateId!, version },
        }),
      );
    await fromTemplate("1");
    const describe = async () => (await eks().send(new DescribeNodegroupCommand({ clusterName: "c1", nodegroupName: "generic" }))).nodegroup;
    expect((await describe())?.launchTemplate).toEqual({ id: template!.LaunchTemplateId, name: "c1-generic", version: "1" });

    const roll = (launchTemplate: { id?: string; name?: string; version?: string }, nodegroupName = "generic") =>
      eks().send(new UpdateNodegroupVersionCommand({ clusterName: "c1", nodegroupName, launchTemplate }));
    const refusal = (launchTemplate: { id?: string; name?: string; version?: string }, nodegroupName?: string) =>
      roll(launchTemplate, nodegroupName).then(
        () => "accepted",
        (error: Error) => `${error.name}: ${error.message}`,
      );
    expect(await refusal({ id: template!.LaunchTemplateId!, version: "2" })).toBe(`InvalidParameterException: Launch template ${template!.LaunchTemplateId} has no version 2`);
    expect(await refusal({ id: other!.LaunchTemplateId!, version: "1" })).toMatch(/^InvalidParameterException: The launch template of a node group cannot be changed/);
    expect(await refusal({ id: template!.LaunchTemplateId!, name: "c1-generic", version: "1" })).toMatch(/^InvalidParameterException: Either launch template ID or name/);
    expect(await refusal({ id: template!.LaunchTemplateId!, version: "1" }, "plain")).toMatch(/^InvalidParameterException: You cannot specify a launch template for a node group that was not created with one/);

    await ec2.send(new CreateLaunchTemplateVersionCommand({ LaunchTemplateId: template!.LaunchTemplateId!, SourceVersion: "1", LaunchTemplateData: { BlockDeviceMappings: [{ DeviceName: "/dev/xvda", Ebs: { VolumeSize: 120 } }] } }));
    const { update } = await roll({ id: template!.LaunchTemplateId!, version: "2" });
    expect(update?.params).toEqual([
      { type: "Version", value: "1.31" },
      { type: "ReleaseVersion", value: "1.31.0-20260101" },
      { type: "LaunchTemplateName", value: "c1-generic" },
      { type: "LaunchTemplateVersion", value: "2" },
    ]);
    expect(await refusal({ id: template!.LaunchTemplateId!, version: "2" })).toMatch(/^ResourceInUseException: Update already in progress/);
    expect(await describe()).toMatchObject({ status: "UPDATING", launchTemplate: { version: "1" } });
    expect(await describe()).toMatchObject({ status: "ACTIVE", launchTemplate: { id: template!.LaunchTemplateId, name: "c1-generic", version: "2" } });
    // By name too, and without a version: the template's default version (still 1 in EC2).
    const back = await roll({ name: "c1-generic" });
    expect((await eks().send(new DescribeUpdateCommand({ name: "c1", nodegroupName: "generic", updateId: back.update!.id! }))).update?.status).toBe("InProgress");
    expect((await eks().send(new DescribeUpdateCommand({ name: "c1", nodegroupName: "generic", updateId: back.update!.id! }))).update?.status).toBe("Successful");
    expect((await describe())?.launchTemplate?.version).toBe("1");
    // A new group of a deleted one's name starts from what it is created with.
    await eks().send(new DeleteNodegroupCommand({ clusterName: "c1", nodegroupName: "generic" }));
    await fromTemplate("2");
    expect((await describe())?.launchTemplate?.version).toBe("2");
  });

  it("gives a managed node group's role its EC2_LINUX entry, forgets a deleted cluster's state and resets with moto", async () => {
    await cluster();
    await nodegroup();
    const node = `arn:aws:iam::${TEST_ACCOUNT}:role/okctl-eks-node`;
    expect((await eks().send(new DescribeAccessEntryCommand({ clusterName: "c1", principalArn: node }))).accessEntry).toMatchObject({ type: "EC2_LINUX", kubernetesGroups: ["system:nodes"] });
    await expect(eks().send(new AssociateAccessPolicyCommand({ clusterName: "c1", principalArn: node, policyArn: VIEW, accessScope: { type: "cluster" } }))).rejects.toThrow(/STANDARD/);
    await eks().send(new CreateAddonCommand({ clusterName: "c1", addonName: "vpc-cni" }));
    await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
    await cluster();
    expect((await eks().send(new ListAddonsCommand({ clusterName: "c1" }))).addons).toEqual([]);
    await eks().send(new CreateAddonCommand({ clusterName: "c1", addonName: "vpc-cni" }));
    await eks().send(new DeleteClusterCommand({ name: "c1" }));
    await cluster();
    expect((await eks().send(new ListAddonsCommand({ clusterName: "c1" }))).addons).toEqual([]);
  });
});

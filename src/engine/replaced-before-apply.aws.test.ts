// Between the plan's read and an apply step, a resource okctl addresses by a name can be deleted and
// created again by someone else under that name (an apply runs for minutes). The apply looks again
// at the tags before each update or delete of such a resource, and refuses the step unless it is
// still this repository's: nothing is written to the newcomer.
import { describe, expect, it } from "vitest";
import {
  CreateAccessEntryCommand,
  CreateAddonCommand,
  CreateNodegroupCommand,
  DeleteAccessEntryCommand,
  DeleteAddonCommand,
  DeleteNodegroupCommand,
  DescribeAccessEntryCommand,
  DescribeAddonCommand,
  DescribeClusterCommand,
  DescribeNodegroupCommand,
  ListAssociatedAccessPoliciesCommand,
  TagResourceCommand,
} from "@aws-sdk/client-eks";
import { DeleteParameterCommand, GetParameterCommand, ListTagsForResourceCommand, PutParameterCommand } from "@aws-sdk/client-ssm";
import { useMoto } from "../../test/support/aws.js";
import { fullDeclaration } from "../../test/support/declarations.js";
import { applyExample, applyFor, pending, planFor, testClients } from "../../test/support/engine.js";
import type { AwsClients } from "../aws/clients.js";
import { TAG_REPOSITORY, TAG_REPOSITORY_ID } from "../declaration/tags.js";
import type { Declaration } from "../declaration/types.js";
import { describeAddon } from "../resources/eks-addon/read.js";
import { fromTagList, tagRecord, toTagList } from "../resources/shared/tags.js";
import type { ApplyResult } from "../apply/apply-plan.js";

useMoto();

const CLUSTER = "booking-dev";
const DEVELOPERS = "arn:aws:iam::123456789012:role/booking-developers";
const ENTRY_ID = "eks-access-entry/123456789012:role/booking-developers";
const LOG_LEVEL = "/okctl/booking-dev/app/log-level";
const OTHER = { name: "oslokommune/someone-else", id: "777" };
const OTHERS_OWNER = `owned by ${OTHER.name} (repository id ${OTHER.id})`;

/** The tags okctl put on a resource, as another repository's (same cluster and logical id tags). */
function asTheirs(tags: Record<string, string>): Record<string, string> {
  return { ...tags, [TAG_REPOSITORY]: OTHER.name, [TAG_REPOSITORY_ID]: OTHER.id };
}

/** A change to every kind the guard covers: node group sizes, a parameter's value, an access policy, an add-on version, the cluster's logging. */
function changed(base: Declaration, change: { nodes: number; logLevel: string; policy: "view" | "admin"; addon: { name: string; version: string }; logging: string[] }): Declaration {
  const [generic] = base.eks.nodeGroups;
  return {
    ...base,
    eks: {
      ...base.eks,
      logging: change.logging as Declaration["eks"]["logging"],
      nodeGroups: [{ ...generic!, desiredSize: change.nodes }],
      accessEntries: base.eks.accessEntries.map((entry) => (entry.principalArn === DEVELOPERS ? { ...entry, accessPolicy: change.policy } : entry)),
      addons: base.eks.addons.map((addon) => (addon.name === change.addon.name ? { ...addon, version: change.addon.version } : addon)),
    },
    parameters: base.parameters.map((parameter) => (parameter.name === "app/log-level" ? { ...parameter, value: change.logLevel } : parameter)),
  };
}

async function parameterTags(clients: AwsClients, name: string): Promise<Record<string, string>> {
  return fromTagList((await clients.ssm.send(new ListTagsForResourceCommand({ ResourceType: "Parameter", ResourceId: name }))).TagList);
}

/** Deleted and put again at the same path, with `tags`. */
async function replaceParameter(clients: AwsClients, tags: Record<string, string>, name = LOG_LEVEL): Promise<void> {
  await clients.ssm.send(new DeleteParameterCommand({ Name: name }));
  await clients.ssm.send(new PutParameterCommand({ Name: name, Type: "String", Value: "theirs", Tags: toTagList(tags) }));
}

/** Deleted and created again for the same principal, with `tags` and no access policy. */
async function replaceAccessEntry(clients: AwsClients, tags: Record<string, string>): Promise<void> {
  await clients.eks.send(new DeleteAccessEntryCommand({ clusterName: CLUSTER, principalArn: DEVELOPERS }));
  await clients.eks.send(new CreateAccessEntryCommand({ clusterName: CLUSTER, principalArn: DEVELOPERS, tags }));
}

/** Deleted (waited out) and created again at `version`, with `tags`. */
async function replaceAddon(clients: AwsClients, addonName: string, version: string, tags: Record<string, string>): Promise<void> {
  await clients.eks.send(new DeleteAddonCommand({ clusterName: CLUSTER, addonName }));
  for (let look = 0; (await describeAddon(clients.eks, CLUSTER, addonName)) !== undefined; look += 1) if (look > 5) throw new Error(`${addonName} is not deleted`);
  await clients.eks.send(new CreateAddonCommand({ clusterName: CLUSTER, addonName, addonVersion: version, tags }));
}

async function addonNow(clients: AwsClients, addonName: string) {
  return (await clients.eks.send(new DescribeAddonCommand({ clusterName: CLUSTER, addonName }))).addon!;
}

/** Deleted and created again under the same name (same subnets, role and launch template), with `tags`. */
async function replaceNodegroup(clients: AwsClients, tags: Record<string, string>): Promise<void> {
  const group = (await clients.eks.send(new DescribeNodegroupCommand({ clusterName: CLUSTER, nodegroupName: "generic" }))).nodegroup!;
  await clients.eks.send(new DeleteNodegroupCommand({ clusterName: CLUSTER, nodegroupName: "generic" }));
  await clients.eks.send(
    new CreateNodegroupCommand({
      clusterName: CLUSTER,
      nodegroupName: "generic",
      nodeRole: group.nodeRole,
      subnets: group.subnets,
      scalingConfig: { minSize: 1, desiredSize: 1, maxSize: 10 },
      ...(group.launchTemplate ? { launchTemplate: { id: group.launchTemplate.id, version: group.launchTemplate.version } } : { instanceTypes: group.instanceTypes }),
      tags,
    }),
  );
}

function failures(result: ApplyResult): [string, string, string][] {
  if (result.outcome !== "applied") throw new Error(`refused: ${result.message}`);
  return result.steps.filter((step) => step.status !== "done").map((step) => [step.operation, step.resourceId, step.error ?? step.status]);
}

describe("a resource replaced by someone else between the plan and the apply", () => {
  it("is refused on update, for every kind addressed by a name, with nothing written to it; what is still ours updates as before", async () => {
    const clients = testClients();
    const base = fullDeclaration();
    await applyExample(clients, base);

    // Nothing replaced: every update runs (the look at the tags passes what is ours).
    const first = changed(base, { nodes: 3, logLevel: "debug", policy: "view", addon: { name: "coredns", version: "v1.11.4-eksbuild.2" }, logging: ["api", "audit", "authenticator", "controllerManager"] });
    const firstPlan = await planFor(first, clients);
    const updated = ["eks-cluster", "eks-nodegroup/generic", ENTRY_ID, "eks-addon/coredns", "parameter/app/log-level"];
    expect(new Set(pending(firstPlan).map((change) => `${change.action} ${change.id}`))).toEqual(new Set(updated.map((id) => `update ${id}`)));
    expect(failures(await applyFor(firstPlan, clients))).toEqual([]);
    expect(pending(await planFor(first, clients))).toEqual([]);

    // The cluster's logging changed, planned; then the cluster is taken over before the apply. EKS
    // will not delete a cluster with node groups: its tags are changed as a replacement would have them.
    const refused = (id: string, physicalId: string, now: string) =>
      expect.stringContaining(`refused to update ${id}: the ${id.split("/")[0]} ${physicalId} is now ${now}, not this repository's; nothing was written to it`);
    const clusterPlan = await planFor({ ...first, eks: { ...first.eks, logging: ["api", "audit"] } }, clients);
    expect(pending(clusterPlan).map((change) => `${change.action} ${change.id}`)).toEqual(["update eks-cluster"]);
    const cluster = (await clients.eks.send(new DescribeClusterCommand({ name: CLUSTER }))).cluster!;
    const clusterTags = tagRecord(cluster.tags);
    await clients.eks.send(new TagResourceCommand({ resourceArn: cluster.arn, tags: asTheirs(clusterTags) }));
    expect(failures(await applyFor(clusterPlan, clients))).toEqual([["update", "eks-cluster", refused("eks-cluster", CLUSTER, OTHERS_OWNER)]]);
    const clusterNow = (await clients.eks.send(new DescribeClusterCommand({ name: CLUSTER }))).cluster!;
    expect([clusterNow.logging, tagRecord(clusterNow.tags)]).toEqual([cluster.logging, asTheirs(clusterTags)]);
    await clients.eks.send(new TagResourceCommand({ resourceArn: cluster.arn, tags: clusterTags })); // ours again

    // The same kinds of change again, planned; then every other resource is replaced by hand before the apply.
    const second = changed(first, { nodes: 4, logLevel: "warn", policy: "admin", addon: { name: "vpc-cni", version: "v1.19.5-eksbuild.3" }, logging: ["api", "audit"] });
    const plan = await planFor(second, clients);
    expect(new Set(pending(plan).map((change) => `${change.action} ${change.id}`))).toEqual(new Set(updated.map((id) => `update ${id.replace("coredns", "vpc-cni")}`)));
    const parameterWas = await parameterTags(clients, LOG_LEVEL);
    await replaceParameter(clients, asTheirs(parameterWas));
    const entryWas = tagRecord((await clients.eks.send(new DescribeAccessEntryCommand({ clusterName: CLUSTER, principalArn: DEVELOPERS }))).accessEntry?.tags);
    await replaceAccessEntry(clients, asTheirs(entryWas));
    const cni = await addonNow(clients, "vpc-cni");
    await replaceAddon(clients, "vpc-cni", cni.addonVersion!, {}); // made by hand: no okctl tags at all
    const groupWas = tagRecord((await clients.eks.send(new DescribeNodegroupCommand({ clusterName: CLUSTER, nodegroupName: "generic" }))).nodegroup?.tags);
    await replaceNodegroup(clients, asTheirs(groupWas));

    const result = await applyFor(plan, clients);
    // The cluster is ours: its update runs; each replaced resource's is refused.
    expect(new Set(failures(result))).toEqual(
      new Set([
        ["update", "eks-nodegroup/generic", refused("eks-nodegroup/generic", `${CLUSTER}/generic`, OTHERS_OWNER)],
        ["update", ENTRY_ID, refused(ENTRY_ID, `${CLUSTER}/${DEVELOPERS}`, OTHERS_OWNER)],
        ["update", "eks-addon/vpc-cni", refused("eks-addon/vpc-cni", `${CLUSTER}/vpc-cni`, "not tagged by okctl")],
        ["update", "parameter/app/log-level", refused("parameter/app/log-level", LOG_LEVEL, OTHERS_OWNER)],
      ]),
    );

    // Each newcomer is as it was made: no value, policy, version, size, logging or tag of okctl's.
    expect((await clients.ssm.send(new GetParameterCommand({ Name: LOG_LEVEL }))).Parameter?.Value).toBe("theirs");
    expect(await parameterTags(clients, LOG_LEVEL)).toEqual(asTheirs(parameterWas));
    expect((await clients.eks.send(new ListAssociatedAccessPoliciesCommand({ clusterName: CLUSTER, principalArn: DEVELOPERS }))).associatedAccessPolicies).toEqual([]);
    expect(tagRecord((await clients.eks.send(new DescribeAccessEntryCommand({ clusterName: CLUSTER, principalArn: DEVELOPERS }))).accessEntry?.tags)).toEqual(asTheirs(entryWas));
    const cniNow = await addonNow(clients, "vpc-cni");
    expect([cniNow.addonVersion, tagRecord(cniNow.tags)]).toEqual([cni.addonVersion, {}]);
    const groupNow = (await clients.eks.send(new DescribeNodegroupCommand({ clusterName: CLUSTER, nodegroupName: "generic" }))).nodegroup!;
    expect([groupNow.scalingConfig?.desiredSize, tagRecord(groupNow.tags)]).toEqual([1, asTheirs(groupWas)]);
    expect((await clients.eks.send(new DescribeClusterCommand({ name: CLUSTER }))).cluster?.logging?.clusterLogging?.find((setup) => setup.enabled)?.types?.sort()).toEqual(["api", "audit"]);
  });

  it("is refused on delete, with the newcomer left in place", async () => {
    const clients = testClients();
    const base = fullDeclaration();
    await applyExample(clients, base);
    const removed: Declaration = {
      ...base,
      eks: {
        ...base.eks,
        accessEntries: base.eks.accessEntries.filter((entry) => entry.principalArn !== DEVELOPERS),
        addons: base.eks.addons.filter((addon) => addon.name !== "aws-ebs-csi-driver"),
      },
      parameters: base.parameters.filter((parameter) => parameter.name !== "app/log-level"),
    };
    const plan = await planFor(removed, clients);
    const deleted = [ENTRY_ID, "eks-addon/aws-ebs-csi-driver", "parameter/app/log-level"];
    expect(pending(plan).map((change) => `${change.action} ${change.id}`).sort()).toEqual(deleted.map((id) => `delete ${id}`));

    await replaceParameter(clients, {}); // by hand, untagged
    const entryWas = tagRecord((await clients.eks.send(new DescribeAccessEntryCommand({ clusterName: CLUSTER, principalArn: DEVELOPERS }))).accessEntry?.tags);
    await replaceAccessEntry(clients, asTheirs(entryWas));
    const csi = await addonNow(clients, "aws-ebs-csi-driver");
    await replaceAddon(clients, "aws-ebs-csi-driver", csi.addonVersion!, asTheirs(tagRecord(csi.tags)));

    const result = await applyFor(plan, clients, { allowDestroy: true });
    expect(failures(result).map(([operation, id, error]) => [operation, id, error.startsWith(`refused to delete ${id}: `)]).sort()).toEqual(deleted.map((id) => ["delete", id, true]));
    expect(failures(result).map(([, , error]) => error).join("\n")).toContain(`the parameter ${LOG_LEVEL} is now not tagged by okctl`);
    expect((await clients.ssm.send(new GetParameterCommand({ Name: LOG_LEVEL }))).Parameter?.Value).toBe("theirs");
    expect((await clients.eks.send(new DescribeAccessEntryCommand({ clusterName: CLUSTER, principalArn: DEVELOPERS }))).accessEntry).toBeDefined();
    expect((await addonNow(clients, "aws-ebs-csi-driver")).status).not.toBe("DELETING");
  });

  it("is refused on adoption once another repository's okctl has tagged it; one nobody owns is adopted and then updates as ours", async () => {
    const clients = testClients();
    const base = fullDeclaration();
    await applyExample(clients, base);
    const REGION = "/okctl/booking-dev/app/region";
    const withRegion = (value: string): Declaration => ({
      ...base,
      parameters: [...base.parameters, { name: "app/region", type: "String", value }],
      adopt: [{ resource: "parameter/app/region", id: REGION }],
    });
    // Made by hand, untagged: adopted, then changed like any parameter of ours.
    await clients.ssm.send(new PutParameterCommand({ Name: REGION, Type: "String", Value: "by hand" }));
    const adoption = await planFor(withRegion("eu-west-1"), clients);
    expect(pending(adoption).map((change) => `${change.action} ${change.id}`)).toEqual(["adopt parameter/app/region"]);
    expect(failures(await applyFor(adoption, clients))).toEqual([]);
    const update = await planFor(withRegion("eu-north-1"), clients);
    expect(pending(update).map((change) => `${change.action} ${change.id}`)).toEqual(["update parameter/app/region"]);
    expect(failures(await applyFor(update, clients))).toEqual([]);
    expect((await clients.ssm.send(new GetParameterCommand({ Name: REGION }))).Parameter?.Value).toBe("eu-north-1");

    // Planned for adoption while nobody's; another repository's okctl tags it before the apply.
    await clients.ssm.send(new DeleteParameterCommand({ Name: REGION }));
    await clients.ssm.send(new PutParameterCommand({ Name: REGION, Type: "String", Value: "by hand" }));
    const again = await planFor(withRegion("eu-west-1"), clients);
    expect(pending(again).map((change) => `${change.action} ${change.id}`)).toEqual(["adopt parameter/app/region"]);
    const theirs = asTheirs({ "okctl.io/cluster": "booking-dev", "okctl.io/resource": "parameter/app/region" });
    await replaceParameter(clients, theirs, REGION);
    expect(failures(await applyFor(again, clients))).toEqual([
      ["update", "parameter/app/region", expect.stringContaining(`refused to adopt parameter/app/region: the parameter ${REGION} is now ${OTHERS_OWNER}, not this repository's; nothing was written to it`)],
    ]);
    expect((await clients.ssm.send(new GetParameterCommand({ Name: REGION }))).Parameter?.Value).toBe("theirs");
    expect(await parameterTags(clients, REGION)).toEqual(theirs);
  });
});

// Finds the cluster's managed node groups: ListNodegroups on our EKS cluster, DescribeNodegroup
// for each (tags come back in the describe), keeping those tagged okctl.io/cluster=<cluster>.
import { DescribeNodegroupCommand, ListNodegroupsCommand, type EKSClient, type Nodegroup } from "@aws-sdk/client-eks";
import { TAG_CLUSTER } from "../../declaration/tags.js";
import { describeOurCluster, ourClusterNames } from "../eks-cluster/read.js";
import { describeEks, listEks } from "../shared/eks-calls.js";
import { mapWithConcurrency, PER_ITEM_READ_CONCURRENCY } from "../shared/shared-reads.js";
import { sortedRecord } from "../shared/normalise.js";
import { ownerFields, ownership, tagRecord } from "../shared/tags.js";
import type { ActualResource, ApplyContext, Json, ReadContext } from "../types.js";
import { splitPhysicalId } from "../shared/physical-id.js";

/** "booking-dev/generic": the cluster and the node group name, which EKS needs together. */
export function nodegroupPhysicalId(clusterName: string, nodegroupName: string): string {
  return `${clusterName}/${nodegroupName}`;
}

export function parseNodegroupPhysicalId(physicalId: string): { clusterName: string; nodegroupName: string } {
  const [clusterName, nodegroupName] = splitPhysicalId(physicalId, "a node group id (<cluster>/<node group>)");
  return { clusterName, nodegroupName };
}

export function listNodegroupNames(eks: EKSClient, clusterName: string): Promise<string[]> {
  return listEks("EKS ListNodegroups", async (nextToken) => {
    const page = await eks.send(new ListNodegroupsCommand({ clusterName, maxResults: 100, nextToken }));
    return { items: page.nodegroups, nextToken: page.nextToken };
  });
}

export function describeNodegroup(eks: EKSClient, clusterName: string, nodegroupName: string): Promise<Nodegroup | undefined> {
  return describeEks(async () => (await eks.send(new DescribeNodegroupCommand({ clusterName, nodegroupName }))).nodegroup);
}

export function nodegroupOutputs(group: Nodegroup): Record<string, Json> {
  return { name: group.nodegroupName ?? null, clusterName: group.clusterName ?? null, arn: group.nodegroupArn ?? null };
}

export function nodegroupToActual(group: Nodegroup, id: string): ActualResource {
  const tags = tagRecord(group.tags);
  const clusterName = group.clusterName ?? "";
  return {
    id,
    kind: "eks-nodegroup",
    physicalId: nodegroupPhysicalId(clusterName, group.nodegroupName ?? ""),
    properties: {
      name: group.nodegroupName ?? null,
      clusterName,
      nodeRole: group.nodeRole ?? null,
      version: group.version ?? null,
      subnetIds: [...(group.subnets ?? [])],
      instanceTypes: [...(group.instanceTypes ?? [])],
      capacityType: group.capacityType ?? null,
      launchTemplateId: group.launchTemplate?.id ?? null,
      launchTemplateVersion: group.launchTemplate?.version ?? null,
      minSize: group.scalingConfig?.minSize ?? null,
      desiredSize: group.scalingConfig?.desiredSize ?? null,
      maxSize: group.scalingConfig?.maxSize ?? null,
      labels: sortedRecord(group.labels),
      taints: (group.taints ?? []).map((taint) => ({ key: taint.key ?? "", value: taint.value ?? "", effect: taint.effect ?? "" })),
    },
    outputs: nodegroupOutputs(group),
    tags,
    ...ownerFields(tags),
  };
}

/**
 * Our EKS clusters that exist (named after the okctl cluster; the DescribeCluster is shared with
 * the cluster read). Asking first also spares ListNodegroups on a missing cluster (moto answers
 * that with a 500).
 */
async function clusterNames(ctx: ReadContext): Promise<string[]> {
  const names = ourClusterNames(ctx);
  const clusters = await Promise.all(names.map((name) => describeOurCluster(ctx, name)));
  return names.filter((_, index) => clusters[index] !== undefined);
}

export async function readEksNodegroups(ctx: ReadContext): Promise<ActualResource[]> {
  const eks = ctx.clients.eks;
  const found = await Promise.all(
    (await clusterNames(ctx)).map(async (clusterName) => {
      const names = await listNodegroupNames(eks, clusterName);
      return mapWithConcurrency(names, PER_ITEM_READ_CONCURRENCY, (name) => describeNodegroup(eks, clusterName, name));
    }),
  );
  const actual: ActualResource[] = [];
  for (const group of found.flat()) {
    if (!group || group.status === "DELETING") continue;
    const tags = tagRecord(group.tags);
    const { id } = ownership(tags);
    if (id && tags[TAG_CLUSTER] === ctx.cluster) actual.push(nodegroupToActual(group, id));
  }
  return actual;
}

/** The tags of the node group of this name now, for the apply's ownership check; undefined when there is none. */
export async function nodegroupCurrentTags(ctx: ApplyContext, physicalId: string): Promise<Record<string, string> | undefined> {
  const { clusterName, nodegroupName } = parseNodegroupPhysicalId(physicalId);
  const group = await describeNodegroup(ctx.clients.eks, clusterName, nodegroupName);
  return group ? tagRecord(group.tags) : undefined;
}

// Adopting a managed node group (by <cluster>/<node group>), and node groups of the same name.
import { TagResourceCommand } from "@aws-sdk/client-eks";
import { describeOurCluster } from "../eks-cluster/read.js";
import type { AdoptionHandler, Collision, DesiredResource, ReadContext } from "../types.js";
import { describeNodegroup, listNodegroupNames, nodegroupPhysicalId, nodegroupToActual, parseNodegroupPhysicalId } from "./read.js";

export const eksNodegroupAdoption: AdoptionHandler = {
  async read(ctx, physicalId, id) {
    if (!physicalId.includes("/")) return undefined;
    const { clusterName, nodegroupName } = parseNodegroupPhysicalId(physicalId);
    if (!(await describeOurCluster(ctx, clusterName))) return undefined;
    const group = await describeNodegroup(ctx.clients.eks, clusterName, nodegroupName);
    return group && group.status !== "DELETING" ? nodegroupToActual(group, id) : undefined;
  },
  async tag(ctx, physicalId, tags) {
    const { clusterName, nodegroupName } = parseNodegroupPhysicalId(physicalId);
    const group = await describeNodegroup(ctx.clients.eks, clusterName, nodegroupName);
    if (!group?.nodegroupArn) throw new Error(`node group ${physicalId} does not exist (any more)`);
    await ctx.clients.eks.send(new TagResourceCommand({ resourceArn: group.nodegroupArn, tags }));
  },
};

/** EKS refuses a second node group of a name in a cluster: one ListNodegroups when the cluster exists. */
export async function eksNodegroupCollisions(ctx: ReadContext, creating: readonly DesiredResource[]): Promise<Collision[]> {
  if (!(await describeOurCluster(ctx, ctx.cluster))) return [];
  const existing = new Set(await listNodegroupNames(ctx.clients.eks, ctx.cluster));
  return creating
    .filter((resource) => existing.has(String(resource.properties.name)))
    .map((resource) => {
      const physicalId = nodegroupPhysicalId(ctx.cluster, String(resource.properties.name));
      return { id: resource.id, kind: "eks-nodegroup" as const, physicalId, description: `the node group ${physicalId}` };
    });
}

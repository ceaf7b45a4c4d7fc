// Adopting an EKS cluster (by its name), and a cluster of the same name a create would run into.
import { TagResourceCommand } from "@aws-sdk/client-eks";
import { originalOkctlNote } from "../shared/original-okctl.js";
import { tagRecord } from "../shared/tags.js";
import type { AdoptionHandler, Collision, DesiredResource, ReadContext } from "../types.js";
import { clusterToActual, describeCluster, describeOurCluster } from "./read.js";

export const eksClusterAdoption: AdoptionHandler = {
  async read(ctx, physicalId, id) {
    const cluster = await describeOurCluster(ctx, physicalId);
    return cluster && cluster.status !== "DELETING" ? clusterToActual(cluster, id) : undefined;
  },
  async tag(ctx, physicalId, tags) {
    const cluster = await describeCluster(ctx.clients.eks, physicalId);
    if (!cluster?.arn) throw new Error(`EKS cluster ${physicalId} does not exist (any more)`);
    await ctx.clients.eks.send(new TagResourceCommand({ resourceArn: cluster.arn, tags }));
  },
};

/** EKS refuses a second cluster of a name: the describe is the one the read already made (shared). */
export async function eksClusterCollisions(ctx: ReadContext, creating: readonly DesiredResource[]): Promise<Collision[]> {
  const found = await Promise.all(
    creating.map(async (resource) => {
      const name = String(resource.properties.name);
      const cluster = await describeOurCluster(ctx, name);
      if (!cluster || cluster.status === "DELETING") return [];
      const tags = tagRecord(cluster.tags);
      return [{ id: resource.id, kind: "eks-cluster" as const, physicalId: name, description: `the EKS cluster ${name} (Kubernetes ${cluster.version ?? "?"}, ${cluster.status ?? "?"}${originalOkctlNote(tags)})` }];
    }),
  );
  return found.flat();
}

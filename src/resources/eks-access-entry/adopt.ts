// Adopting an access entry (by its principal's ARN, or <cluster>/<principal ARN>), and the entries a
// create would run into: EKS keeps one access entry per principal and refuses a second
// (ResourceInUseException), whoever made the first (the console, eksctl, the cluster creator's
// bootstrap entry, the node role's entry EKS makes itself).
import { TagResourceCommand, type AccessEntry } from "@aws-sdk/client-eks";
import { describeOurCluster, existingClustersOf } from "../eks-cluster/read.js";
import { originalOkctlNote } from "../shared/original-okctl.js";
import { isReadAsOkctls, tagRecord } from "../shared/tags.js";
import type { AdoptionHandler, Collision, DesiredResource, ReadContext } from "../types.js";
import {
  accessEntryToActual,
  associatedPolicies,
  describeAccessEntry,
  describeAccessEntryOnce,
  listAccessEntryPrincipals,
  parseAccessEntryPhysicalId,
} from "./read.js";

/** An adopt entry's id: the principal's ARN (on this cluster), or <cluster>/<principal ARN>. */
export function accessEntryAdoptId(id: string, cluster: string): { clusterName: string; principalArn: string } | undefined {
  if (id.startsWith("arn:")) return { clusterName: cluster, principalArn: id };
  if (!/^[^/]+\/arn:/.test(id)) return undefined;
  return parseAccessEntryPhysicalId(id);
}

export const eksAccessEntryAdoption: AdoptionHandler = {
  async read(ctx, physicalId, id) {
    const named = accessEntryAdoptId(physicalId, ctx.cluster);
    if (!named) return undefined;
    const cluster = await describeOurCluster(ctx, named.clusterName);
    if (!cluster || cluster.status === "DELETING" || cluster.accessConfig?.authenticationMode === "CONFIG_MAP") return undefined;
    const entry = await describeAccessEntry(ctx.clients.eks, named.clusterName, named.principalArn);
    if (!entry) return undefined;
    return accessEntryToActual(entry, await associatedPolicies(ctx.clients.eks, named.clusterName, named.principalArn), id);
  },
  async tag(ctx, physicalId, tags) {
    const { clusterName, principalArn } = accessEntryAdoptId(physicalId, ctx.cluster) ?? parseAccessEntryPhysicalId(physicalId);
    const entry = await describeAccessEntry(ctx.clients.eks, clusterName, principalArn);
    if (!entry?.accessEntryArn) throw new Error(`the access entry for ${principalArn} on EKS cluster ${clusterName} does not exist (any more)`);
    await ctx.clients.eks.send(new TagResourceCommand({ resourceArn: entry.accessEntryArn, tags }));
  },
};

/** What the entry is, for people: its type, and who made it when the tags say. */
function describeEntry(entry: AccessEntry | undefined): string {
  const type = entry?.type ?? "?";
  const groups = entry?.kubernetesGroups?.length ? `, Kubernetes groups ${entry.kubernetesGroups.join(", ")}` : "";
  return `${type}${groups}${originalOkctlNote(tagRecord(entry?.tags))}`;
}

/** One ListAccessEntries per existing cluster (shared with the read), then the describe of each clash. */
export async function eksAccessEntryCollisions(ctx: ReadContext, creating: readonly DesiredResource[]): Promise<Collision[]> {
  const clusters = await existingClustersOf(ctx, creating);
  const found = await Promise.all(
    creating.map(async (resource): Promise<Collision[]> => {
      const clusterName = String(resource.properties.clusterName);
      const principalArn = String(resource.properties.principalArn);
      const cluster = clusters.get(clusterName);
      // A cluster that reads only the aws-auth ConfigMap has no access entries (the mode change comes first).
      if (!cluster || cluster.accessConfig?.authenticationMode === "CONFIG_MAP") return [];
      if (!(await listAccessEntryPrincipals(ctx, clusterName)).includes(principalArn)) return [];
      const entry = await describeAccessEntryOnce(ctx, clusterName, principalArn);
      if (entry && isReadAsOkctls(tagRecord(entry.tags), ctx.cluster)) return [];
      return [
        {
          id: resource.id,
          kind: "eks-access-entry",
          physicalId: principalArn,
          description: `the access entry for ${principalArn} on the EKS cluster ${clusterName} (${describeEntry(entry)})`,
          consequence: "fail (EKS keeps one access entry per principal: ResourceInUseException)",
          instead: `leave ${principalArn} out of eks.accessEntries (it keeps the access it has)`,
        },
      ];
    }),
  );
  return found.flat();
}

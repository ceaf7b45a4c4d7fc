// Adopting a Pod Identity association (by its association id, <cluster>/<association id>, or
// <namespace>/<service account>), and the associations a create would run into: EKS keeps one
// association per service account and refuses a second (ResourceInUseException).
import { TagResourceCommand } from "@aws-sdk/client-eks";
import { describeOurCluster, existingClustersOf } from "../eks-cluster/read.js";
import { originalOkctlNote } from "../shared/original-okctl.js";
import { isReadAsOkctls, tagRecord } from "../shared/tags.js";
import type { AdoptionHandler, Collision, DesiredResource, ReadContext } from "../types.js";
import { describeAssociation, describeAssociationOnce, listAssociations, listAssociationsOnce, parsePodIdentityPhysicalId, podIdentityToActual } from "./read.js";

import { ASSOCIATION_ID } from "./association-id.js";

export type PodIdentityAdoptId = { clusterName: string; associationId: string } | { clusterName: string; namespace: string; serviceAccount: string };

/** An adopt entry's id: an association id (on this cluster), <cluster>/<association id>, or <namespace>/<service account>. */
export function podIdentityAdoptId(id: string, cluster: string): PodIdentityAdoptId | undefined {
  if (ASSOCIATION_ID.test(id)) return { clusterName: cluster, associationId: id };
  const parts = id.split("/");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  if (ASSOCIATION_ID.test(parts[1]) && parts[0] === cluster) return parsePodIdentityPhysicalId(id);
  return { clusterName: cluster, namespace: parts[0], serviceAccount: parts[1] };
}

async function associationIdOf(ctx: ReadContext, named: PodIdentityAdoptId): Promise<string | undefined> {
  if ("associationId" in named) return named.associationId;
  const [summary] = await listAssociations(ctx.clients.eks, named.clusterName, { namespace: named.namespace, serviceAccount: named.serviceAccount });
  // Only the named one: a filter an API ignores must not adopt another service account's.
  return summary && summary.namespace === named.namespace && summary.serviceAccount === named.serviceAccount ? summary.associationId : undefined;
}

export const eksPodIdentityAdoption: AdoptionHandler = {
  async read(ctx, physicalId, id) {
    const named = podIdentityAdoptId(physicalId, ctx.cluster);
    if (!named) return undefined;
    const cluster = await describeOurCluster(ctx, named.clusterName);
    if (!cluster || cluster.status === "DELETING") return undefined;
    const associationId = await associationIdOf(ctx, named);
    const association = associationId ? await describeAssociation(ctx.clients.eks, named.clusterName, associationId) : undefined;
    return association ? podIdentityToActual(association, id) : undefined;
  },
  async tag(ctx, physicalId, tags) {
    const { clusterName, associationId } = parsePodIdentityPhysicalId(physicalId);
    const association = await describeAssociation(ctx.clients.eks, clusterName, associationId);
    if (!association?.associationArn) throw new Error(`pod identity association ${associationId} of EKS cluster ${clusterName} does not exist (any more)`);
    await ctx.clients.eks.send(new TagResourceCommand({ resourceArn: association.associationArn, tags }));
  },
};

/** One ListPodIdentityAssociations per existing cluster (shared with the read, which describes each too). */
export async function eksPodIdentityCollisions(ctx: ReadContext, creating: readonly DesiredResource[]): Promise<Collision[]> {
  const clusters = await existingClustersOf(ctx, creating);
  const found = await Promise.all(
    creating.map(async (resource): Promise<Collision[]> => {
      const clusterName = String(resource.properties.clusterName);
      const namespace = String(resource.properties.namespace);
      const serviceAccount = String(resource.properties.serviceAccount);
      if (!clusters.has(clusterName)) return [];
      const summaries = (await listAssociationsOnce(ctx, clusterName)).filter((summary) => summary.namespace === namespace && summary.serviceAccount === serviceAccount);
      const clashes = await Promise.all(
        summaries.map(async (summary): Promise<Collision[]> => {
          const associationId = summary.associationId ?? "";
          const association = await describeAssociationOnce(ctx, clusterName, associationId);
          const tags = tagRecord(association?.tags);
          if (isReadAsOkctls(tags, ctx.cluster)) return [];
          return [
            {
              id: resource.id,
              kind: "eks-pod-identity",
              physicalId: associationId,
              description:
                `the pod identity association ${associationId} for ${namespace}/${serviceAccount} on the EKS cluster ${clusterName} ` +
                `(role ${association?.roleArn ?? "?"}${originalOkctlNote(tags)})`,
              consequence: "fail (EKS keeps one association per service account: ResourceInUseException)",
              instead: `declare another service account in eks.podIdentities`,
            },
          ];
        }),
      );
      return clashes.flat();
    }),
  );
  return found.flat();
}

// Finds the cluster's Pod Identity associations: ListPodIdentityAssociations on our EKS cluster,
// DescribePodIdentityAssociation for each (its role and tags), keeping those tagged as ours.
import { DescribePodIdentityAssociationCommand, ListPodIdentityAssociationsCommand, type EKSClient, type PodIdentityAssociation, type PodIdentityAssociationSummary } from "@aws-sdk/client-eks";
import { TAG_CLUSTER } from "../../declaration/tags.js";
import { existingOurClusters } from "../eks-cluster/read.js";
import { describeEks, listEks } from "../shared/eks-calls.js";
import { mapWithConcurrency, PER_ITEM_READ_CONCURRENCY, sharedRead } from "../shared/shared-reads.js";
import { ownerFields, ownership, tagRecord } from "../shared/tags.js";
import type { ActualResource, Json, ReadContext } from "../types.js";
import { splitPhysicalId } from "../shared/physical-id.js";

/** "booking-dev/a-0123456789abcdefg": the cluster and the association id. */
export function podIdentityPhysicalId(clusterName: string, associationId: string): string {
  return `${clusterName}/${associationId}`;
}

export function parsePodIdentityPhysicalId(physicalId: string): { clusterName: string; associationId: string } {
  const [clusterName, associationId] = splitPhysicalId(physicalId, "a pod identity association id (<cluster>/<association id>)");
  return { clusterName, associationId };
}

export function listAssociations(eks: EKSClient, clusterName: string, filter: { namespace?: string; serviceAccount?: string } = {}): Promise<PodIdentityAssociationSummary[]> {
  return listEks("EKS ListPodIdentityAssociations", async (nextToken) => {
    const page = await eks.send(new ListPodIdentityAssociationsCommand({ clusterName, ...filter, maxResults: 100, nextToken }));
    return { items: page.associations, nextToken: page.nextToken };
  });
}

export function describeAssociation(eks: EKSClient, clusterName: string, associationId: string): Promise<PodIdentityAssociation | undefined> {
  return describeEks(async () => (await eks.send(new DescribePodIdentityAssociationCommand({ clusterName, associationId }))).association);
}

/** A cluster's associations, listed once per read (the read and the collision look-up share it). */
export function listAssociationsOnce(ctx: ReadContext, clusterName: string): Promise<PodIdentityAssociationSummary[]> {
  return sharedRead(ctx, `eks:pod-identities:${clusterName}`, () => listAssociations(ctx.clients.eks, clusterName));
}

/** DescribePodIdentityAssociation once per read and association. */
export function describeAssociationOnce(ctx: ReadContext, clusterName: string, associationId: string): Promise<PodIdentityAssociation | undefined> {
  return sharedRead(ctx, `eks:pod-identity:${clusterName}:${associationId}`, () => describeAssociation(ctx.clients.eks, clusterName, associationId));
}

export function podIdentityOutputs(association: PodIdentityAssociation): Record<string, Json> {
  return { arn: association.associationArn ?? null, associationId: association.associationId ?? null, roleArn: association.roleArn ?? null };
}

export function podIdentityToActual(association: PodIdentityAssociation, id: string): ActualResource {
  const tags = tagRecord(association.tags);
  const clusterName = association.clusterName ?? "";
  return {
    id,
    kind: "eks-pod-identity",
    physicalId: podIdentityPhysicalId(clusterName, association.associationId ?? ""),
    properties: {
      clusterName,
      namespace: association.namespace ?? null,
      serviceAccount: association.serviceAccount ?? null,
      roleArn: association.roleArn ?? null,
    },
    outputs: podIdentityOutputs(association),
    tags,
    ...ownerFields(tags),
  };
}

export async function readEksPodIdentities(ctx: ReadContext): Promise<ActualResource[]> {
  const found = await Promise.all(
    (await existingOurClusters(ctx)).map(async ({ name }) => {
      const clusterName = name ?? "";
      const summaries = await listAssociationsOnce(ctx, clusterName);
      return mapWithConcurrency(summaries, PER_ITEM_READ_CONCURRENCY, (summary) => describeAssociationOnce(ctx, clusterName, summary.associationId ?? ""));
    }),
  );
  const actual: ActualResource[] = [];
  for (const association of found.flat()) {
    if (!association) continue;
    const tags = tagRecord(association.tags);
    const { id } = ownership(tags);
    if (id && tags[TAG_CLUSTER] === ctx.cluster) actual.push(podIdentityToActual(association, id));
  }
  return actual;
}

// Creating, re-pointing and deleting Pod Identity associations.
import { CreatePodIdentityAssociationCommand, DeletePodIdentityAssociationCommand, TagResourceCommand, UpdatePodIdentityAssociationCommand, type PodIdentityAssociation } from "@aws-sdk/client-eks";
import { errorMessage, isAwsError } from "../shared/aws-errors.js";
import { stringProp } from "../shared/properties.js";
import { ownerOf, sameOwner, tagRecord } from "../shared/tags.js";
import { idempotencyToken, tokenOwner } from "../shared/tokens.js";
import type { ApplyContext, Json, ResourceKindHandler } from "../types.js";
import { describeAssociation, listAssociations, parsePodIdentityPhysicalId, podIdentityOutputs, podIdentityPhysicalId } from "./read.js";

type CreateInput = Parameters<ResourceKindHandler["create"]>[1];
type UpdateInput = Parameters<ResourceKindHandler["update"]>[1];

/** The association for this namespace and service account, checked on what EKS describes (never just the first one listed). */
async function existingAssociation(ctx: ApplyContext, clusterName: string, namespace: string, serviceAccount: string): Promise<PodIdentityAssociation | undefined> {
  const isIt = (a: { namespace?: string; serviceAccount?: string }) => a.namespace === namespace && a.serviceAccount === serviceAccount;
  for (const summary of (await listAssociations(ctx.clients.eks, clusterName, { namespace, serviceAccount })).filter(isIt)) {
    const association = summary.associationId ? await describeAssociation(ctx.clients.eks, clusterName, summary.associationId) : undefined;
    if (association && isIt(association)) return association;
  }
  return undefined;
}

export async function createEksPodIdentity(ctx: ApplyContext, resource: CreateInput) {
  const p = resource.properties;
  const clusterName = stringProp(p, "clusterName");
  const namespace = stringProp(p, "namespace");
  const serviceAccount = stringProp(p, "serviceAccount");
  const identity: Json = { clusterName, namespace, serviceAccount };
  let association: PodIdentityAssociation | undefined;
  try {
    association = (
      await ctx.clients.eks.send(
        new CreatePodIdentityAssociationCommand({
          clusterName,
          namespace,
          serviceAccount,
          roleArn: stringProp(p, "roleArn"),
          tags: resource.tags,
          clientRequestToken: idempotencyToken({ cluster: ctx.cluster, id: resource.id, repository: tokenOwner(resource.tags, ctx.repository), identity }),
        }),
      )
    ).association;
  } catch (error) {
    if (!isAwsError(error, "ResourceInUseException")) throw error;
    // It exists: ours from a crashed apply (carry on), or someone else's (refuse).
    association = await existingAssociation(ctx, clusterName, namespace, serviceAccount);
    if (!association) {
      throw new Error(
        `EKS refused a pod identity association for ${namespace}/${serviceAccount} on cluster ${clusterName} as one that exists, ` +
          `but lists none for that service account now (deleted meanwhile?): apply again. (${errorMessage(error)})`,
      );
    }
    const tags = tagRecord(association.tags);
    if (!sameOwner(tags, resource.tags)) {
      throw new Error(`EKS cluster ${clusterName} already has a pod identity association for ${namespace}/${serviceAccount} (${association.associationId}), which belongs to ${ownerOf(tags)}`);
    }
    if (association.roleArn !== p.roleArn) {
      association = (await ctx.clients.eks.send(new UpdatePodIdentityAssociationCommand({ clusterName, associationId: association.associationId!, roleArn: stringProp(p, "roleArn") }))).association;
    }
  }
  if (!association?.associationId) throw new Error(`EKS returned no association id for ${namespace}/${serviceAccount} on ${clusterName}`);
  return { physicalId: podIdentityPhysicalId(clusterName, association.associationId), outputs: podIdentityOutputs(association) };
}

export async function updateEksPodIdentity(ctx: ApplyContext, resource: UpdateInput) {
  const { clusterName, associationId } = parsePodIdentityPhysicalId(resource.physicalId);
  const eks = ctx.clients.eks;
  let association = await describeAssociation(eks, clusterName, associationId);
  if (!association) throw new Error(`pod identity association ${associationId} of EKS cluster ${clusterName} is gone`);
  if (resource.changed.includes("tags") && association.associationArn) {
    await eks.send(new TagResourceCommand({ resourceArn: association.associationArn, tags: resource.tags }));
  }
  if (resource.changed.includes("roleArn")) {
    association = (await eks.send(new UpdatePodIdentityAssociationCommand({ clusterName, associationId, roleArn: stringProp(resource.properties, "roleArn") }))).association ?? association;
  }
  return { outputs: podIdentityOutputs(association) };
}

export async function deleteEksPodIdentity(ctx: ApplyContext, resource: { physicalId: string }): Promise<void> {
  const { clusterName, associationId } = parsePodIdentityPhysicalId(resource.physicalId);
  try {
    await ctx.clients.eks.send(new DeletePodIdentityAssociationCommand({ clusterName, associationId }));
  } catch (error) {
    if (isAwsError(error, "ResourceNotFoundException")) return;
    throw error;
  }
}

// Creating, changing and deleting access entries: the entry (tagged, with a deterministic request
// token), then its one access policy; a changed policy is associated before the old one goes, so
// the principal never loses access in between.
import { AssociateAccessPolicyCommand, CreateAccessEntryCommand, DeleteAccessEntryCommand, DisassociateAccessPolicyCommand, TagResourceCommand } from "@aws-sdk/client-eks";
import { isAwsError } from "../shared/aws-errors.js";
import { stringListProp, stringProp } from "../shared/properties.js";
import { ownerOf, sameOwner, tagRecord } from "../shared/tags.js";
import { idempotencyToken, tokenOwner } from "../shared/tokens.js";
import type { ApplyContext, Json, ResourceKindHandler } from "../types.js";
import { accessEntryOutputs, accessEntryPhysicalId, associatedPolicies, describeAccessEntry, parseAccessEntryPhysicalId } from "./read.js";

type CreateInput = Parameters<ResourceKindHandler["create"]>[1];
type UpdateInput = Parameters<ResourceKindHandler["update"]>[1];

async function associate(ctx: ApplyContext, clusterName: string, principalArn: string, p: Record<string, Json>): Promise<void> {
  const namespaces = stringListProp(p, "namespaces");
  await ctx.clients.eks.send(
    new AssociateAccessPolicyCommand({
      clusterName,
      principalArn,
      policyArn: stringProp(p, "accessPolicy"),
      accessScope: namespaces.length > 0 ? { type: "namespace", namespaces } : { type: "cluster" },
    }),
  );
}

export async function createEksAccessEntry(ctx: ApplyContext, resource: CreateInput) {
  const p = resource.properties;
  const clusterName = stringProp(p, "clusterName");
  const principalArn = stringProp(p, "principalArn");
  const identity: Json = { clusterName, principalArn };
  let created;
  try {
    created = (
      await ctx.clients.eks.send(
        new CreateAccessEntryCommand({
          clusterName,
          principalArn,
          type: "STANDARD",
          tags: resource.tags,
          clientRequestToken: idempotencyToken({ cluster: ctx.cluster, id: resource.id, repository: tokenOwner(resource.tags, ctx.repository), identity }),
        }),
      )
    ).accessEntry;
  } catch (error) {
    if (!isAwsError(error, "ResourceInUseException")) throw error;
    // It exists: ours from a crashed apply (carry on), or someone else's (refuse).
    created = await describeAccessEntry(ctx.clients.eks, clusterName, principalArn);
    const tags = tagRecord(created?.tags);
    if (!created || !sameOwner(tags, resource.tags)) {
      throw new Error(`EKS cluster ${clusterName} already has an access entry for ${principalArn}, which belongs to ${ownerOf(tags)}`);
    }
  }
  await associate(ctx, clusterName, principalArn, p);
  return { physicalId: accessEntryPhysicalId(clusterName, principalArn), outputs: accessEntryOutputs(created ?? { clusterName, principalArn }) };
}

export async function updateEksAccessEntry(ctx: ApplyContext, resource: UpdateInput) {
  const { clusterName, principalArn } = parseAccessEntryPhysicalId(resource.physicalId);
  const p = resource.properties;
  const eks = ctx.clients.eks;
  const entry = await describeAccessEntry(eks, clusterName, principalArn);
  if (!entry) throw new Error(`the access entry for ${principalArn} on EKS cluster ${clusterName} is gone`);
  if (resource.changed.includes("tags") && entry.accessEntryArn) {
    await eks.send(new TagResourceCommand({ resourceArn: entry.accessEntryArn, tags: resource.tags }));
  }
  if (resource.changed.includes("accessPolicy") || resource.changed.includes("namespaces")) {
    const wanted = stringProp(p, "accessPolicy");
    await associate(ctx, clusterName, principalArn, p);
    for (const policy of await associatedPolicies(eks, clusterName, principalArn)) {
      if (policy.policyArn && policy.policyArn !== wanted) {
        await eks.send(new DisassociateAccessPolicyCommand({ clusterName, principalArn, policyArn: policy.policyArn }));
      }
    }
  }
  return { outputs: accessEntryOutputs(entry) };
}

export async function deleteEksAccessEntry(ctx: ApplyContext, resource: { physicalId: string }): Promise<void> {
  const { clusterName, principalArn } = parseAccessEntryPhysicalId(resource.physicalId);
  try {
    await ctx.clients.eks.send(new DeleteAccessEntryCommand({ clusterName, principalArn }));
  } catch (error) {
    if (isAwsError(error, "ResourceNotFoundException")) return; // gone already, or the cluster is
    throw error;
  }
}

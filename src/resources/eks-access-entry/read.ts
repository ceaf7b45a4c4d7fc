// Finds the cluster's access entries: ListAccessEntries on our EKS cluster (none while it only
// reads the aws-auth ConfigMap), then for each, DescribeAccessEntry (its tags) and, for ours,
// ListAssociatedAccessPolicies. Entries okctl did not tag (the creator's bootstrap entry, the node
// role's entry EKS makes, not even described) are left alone.
import { DescribeAccessEntryCommand, ListAccessEntriesCommand, ListAssociatedAccessPoliciesCommand, type AccessEntry, type AssociatedAccessPolicy, type EKSClient } from "@aws-sdk/client-eks";
import { TAG_CLUSTER } from "../../declaration/tags.js";
import { existingOurClusters } from "../eks-cluster/read.js";
import { collectPages } from "../ec2/paginate.js";
import { describeEks, listEks } from "../shared/eks-calls.js";
import { sortedSet } from "../shared/normalise.js";
import { mapWithConcurrency, PER_ITEM_READ_CONCURRENCY, sharedRead } from "../shared/shared-reads.js";
import { ownerFields, ownership, tagRecord } from "../shared/tags.js";
import type { ActualResource, ApplyContext, Json, ReadContext } from "../types.js";
import { splitPhysicalId } from "../shared/physical-id.js";

/** "booking-dev/arn:aws:iam::123456789012:role/x": the cluster, then the principal. */
export function accessEntryPhysicalId(clusterName: string, principalArn: string): string {
  return `${clusterName}/${principalArn}`;
}

export function parseAccessEntryPhysicalId(physicalId: string): { clusterName: string; principalArn: string } {
  const [clusterName, principalArn] = splitPhysicalId(physicalId, "an access entry id (<cluster>/<principal ARN>)");
  return { clusterName, principalArn };
}

function listPrincipals(eks: EKSClient, clusterName: string): Promise<string[]> {
  return listEks("EKS ListAccessEntries", async (nextToken) => {
    const page = await eks.send(new ListAccessEntriesCommand({ clusterName, maxResults: 100, nextToken }));
    return { items: page.accessEntries, nextToken: page.nextToken };
  });
}

export function describeAccessEntry(eks: EKSClient, clusterName: string, principalArn: string): Promise<AccessEntry | undefined> {
  return describeEks(async () => (await eks.send(new DescribeAccessEntryCommand({ clusterName, principalArn }))).accessEntry);
}

export function associatedPolicies(eks: EKSClient, clusterName: string, principalArn: string): Promise<AssociatedAccessPolicy[]> {
  return collectPages(async (nextToken) => {
    const page = await eks.send(new ListAssociatedAccessPoliciesCommand({ clusterName, principalArn, maxResults: 100, nextToken }));
    return { items: page.associatedAccessPolicies, nextToken: page.nextToken };
  }, 1000, "EKS ListAssociatedAccessPolicies");
}

/** One policy: its ARN; several (changed outside okctl): their ARNs, sorted; none: null. */
export function policyProperty(policies: readonly AssociatedAccessPolicy[]): Json {
  const arns = sortedSet(policies.map((policy) => policy.policyArn ?? ""));
  return arns.length === 0 ? null : arns.length === 1 ? arns[0]! : arns;
}

/** The principals of a cluster's access entries, listed once per read (the read and the collision look-up share it). */
export function listAccessEntryPrincipals(ctx: ReadContext, clusterName: string): Promise<string[]> {
  return sharedRead(ctx, `eks:access-entries:${clusterName}`, () => listPrincipals(ctx.clients.eks, clusterName));
}

/** DescribeAccessEntry once per read and principal. */
export function describeAccessEntryOnce(ctx: ReadContext, clusterName: string, principalArn: string): Promise<AccessEntry | undefined> {
  return sharedRead(ctx, `eks:access-entry:${clusterName}:${principalArn}`, () => describeAccessEntry(ctx.clients.eks, clusterName, principalArn));
}

export function accessEntryOutputs(entry: AccessEntry): Record<string, Json> {
  return { arn: entry.accessEntryArn ?? null, principalArn: entry.principalArn ?? null, clusterName: entry.clusterName ?? null };
}

export function accessEntryToActual(entry: AccessEntry, policies: readonly AssociatedAccessPolicy[], id: string): ActualResource {
  const tags = tagRecord(entry.tags);
  const clusterName = entry.clusterName ?? "";
  return {
    id,
    kind: "eks-access-entry",
    physicalId: accessEntryPhysicalId(clusterName, entry.principalArn ?? ""),
    properties: {
      clusterName,
      principalArn: entry.principalArn ?? null,
      accessPolicy: policyProperty(policies),
      namespaces: sortedSet(policies[0]?.accessScope?.type === "namespace" ? policies[0].accessScope.namespaces : []),
    },
    outputs: accessEntryOutputs(entry),
    tags,
    ...ownerFields(tags),
  };
}

/**
 * The node groups' role: EKS gives it an EC2_LINUX entry of its own, never okctl's unless declared,
 * so it need not be described (one call fewer per plan; EKS has no batch read of entries).
 */
function nodeRolesNotDeclared(desired: ReadContext["desired"]): Set<string> {
  const declared = new Set(desired.filter((resource) => resource.kind === "eks-access-entry").map((resource) => String(resource.properties.principalArn)));
  const roles = desired.filter((resource) => resource.kind === "eks-nodegroup").map((resource) => resource.properties.nodeRole);
  return new Set(roles.filter((role): role is string => typeof role === "string" && !declared.has(role)));
}

export async function readEksAccessEntries(ctx: ReadContext): Promise<ActualResource[]> {
  const eks = ctx.clients.eks;
  const clusters = (await existingOurClusters(ctx)).filter((cluster) => cluster.accessConfig?.authenticationMode !== "CONFIG_MAP");
  const skipped = nodeRolesNotDeclared(ctx.desired);
  const found = await Promise.all(
    clusters.map(async ({ name }) => {
      const clusterName = name ?? "";
      const principals = (await listAccessEntryPrincipals(ctx, clusterName)).filter((principalArn) => !skipped.has(principalArn));
      return mapWithConcurrency(principals, PER_ITEM_READ_CONCURRENCY, async (principalArn) => {
        const entry = await describeAccessEntryOnce(ctx, clusterName, principalArn);
        const tags = tagRecord(entry?.tags);
        const { id } = ownership(tags);
        if (!entry || !id || tags[TAG_CLUSTER] !== ctx.cluster) return undefined;
        return accessEntryToActual(entry, await associatedPolicies(eks, clusterName, principalArn), id);
      });
    }),
  );
  return found.flat().filter((resource): resource is ActualResource => resource !== undefined);
}

/** The tags of the access entry for this principal now, for the apply's ownership check; undefined when there is none. */
export async function accessEntryCurrentTags(ctx: ApplyContext, physicalId: string): Promise<Record<string, string> | undefined> {
  const { clusterName, principalArn } = parseAccessEntryPhysicalId(physicalId);
  const entry = await describeAccessEntry(ctx.clients.eks, clusterName, principalArn);
  return entry ? tagRecord(entry.tags) : undefined;
}

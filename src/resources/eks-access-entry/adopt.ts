// Adopting an access entry (by its principal's ARN, or <cluster>/<principal ARN>), and the entries a
// create would run into: EKS keeps one access entry per principal and refuses a second
// (ResourceInUseException), whoever made the first (the console, eksctl, the cluster creator's
// bootstrap entry, the node role's entry EKS makes itself).
import { TagResourceCommand, type AccessEntry } from "@aws-sdk/client-eks";
import { describeOurCluster, existingClustersOf } from "../eks-cluster/read.js";
import { sameIamPrincipal } from "../../declaration/iam-principal.js";
import { AdoptionRefused } from "../shared/adoption-refused.js";
import { originalOkctlNote } from "../shared/original-okctl.js";
import { isReadAsOkctls, tagRecord } from "../shared/tags.js";
import type { AdoptionHandler, Collision, DesiredResource, ReadContext } from "../types.js";
import { accessEntryId } from "./desired.js";
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
    if (!isStandard(entry)) throw new AdoptionRefused(`${notStandard(entry)} Remove this adopt entry, and leave ${named.principalArn} out of eks.accessEntries.`);
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

/**
 * The existing entry's principal for a declared one: the same ARN, or one that differs only in
 * letter case (IAM takes both as one principal, and EKS keeps one entry for it).
 */
function existingPrincipal(principals: readonly string[], principalArn: string): string | undefined {
  return principals.includes(principalArn) ? principalArn : principals.find((listed) => sameIamPrincipal(listed, principalArn));
}

function collision(resource: DesiredResource, clusterName: string, principalArn: string, existing: string, entry: AccessEntry | undefined, okctls: boolean): Collision {
  const what = `the access entry for ${existing} on the EKS cluster ${clusterName} (${describeEntry(entry)})`;
  const base = { id: resource.id, kind: "eks-access-entry" as const, physicalId: existing, description: what, consequence: "fail (EKS keeps one access entry per principal: ResourceInUseException)" };
  if (entry && !isStandard(entry)) return { ...base, advice: `Leave ${principalArn} out of eks.accessEntries: ${notStandard(entry)}` };
  if (existing === principalArn) return { ...base, instead: `leave ${principalArn} out of eks.accessEntries (it keeps the access it has)` };
  const adoptOrLeave = `either adopt it (add to okctl.yaml: adopt: [{ resource: ${accessEntryId(existing)}, id: ${existing} }]) or leave it out of eks.accessEntries (it keeps the access it has).`;
  return {
    ...base,
    description: `${what}, the same IAM principal as ${principalArn} (IAM role and user names ignore letter case)`,
    advice:
      `Write the principal in eks.accessEntries as the entry has it (${existing}), then ` +
      (okctls ? "okctl keeps managing it (as written now, the plan deletes that entry and creates one EKS refuses)." : adoptOrLeave),
  };
}

/** EKS associates access policies (what okctl manages) only with STANDARD entries. */
function isStandard(entry: AccessEntry | undefined): boolean {
  return entry?.type === undefined || entry.type === "STANDARD";
}

/** Why a non-STANDARD entry is not okctl's to manage. */
function notStandard(entry: AccessEntry): string {
  return (
    `it is an access entry of type ${describeEntry(entry)}, for the nodes or pods that run as ${entry.principalArn ?? "that principal"}. ` +
    "EKS associates access policies only with STANDARD entries, so okctl can't manage it, and it keeps the access it has."
  );
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
      const existing = existingPrincipal(await listAccessEntryPrincipals(ctx, clusterName), principalArn);
      if (existing === undefined) return [];
      const entry = await describeAccessEntryOnce(ctx, clusterName, existing);
      const okctls = entry !== undefined && isReadAsOkctls(tagRecord(entry.tags), ctx.cluster);
      if (existing === principalArn && okctls) return [];
      return [collision(resource, clusterName, principalArn, existing, entry, okctls)];
    }),
  );
  return found.flat();
}

// Finds the cluster's managed add-ons: ListAddons on our EKS cluster, DescribeAddon for each (its
// version and tags), keeping those tagged okctl.io/cluster=<cluster>.
import { DescribeAddonCommand, ListAddonsCommand, type Addon, type EKSClient } from "@aws-sdk/client-eks";
import { TAG_CLUSTER } from "../../declaration/tags.js";
import { existingOurClusters } from "../eks-cluster/read.js";
import { describeEks, listEks } from "../shared/eks-calls.js";
import { mapWithConcurrency, PER_ITEM_READ_CONCURRENCY, sharedRead } from "../shared/shared-reads.js";
import { ownerFields, ownership, tagRecord } from "../shared/tags.js";
import type { ActualResource, ApplyContext, Json, ReadContext } from "../types.js";
import { splitPhysicalId } from "../shared/physical-id.js";

/** "booking-dev/coredns". */
export function addonPhysicalId(clusterName: string, addonName: string): string {
  return `${clusterName}/${addonName}`;
}

export function parseAddonPhysicalId(physicalId: string): { clusterName: string; addonName: string } {
  const [clusterName, addonName] = splitPhysicalId(physicalId, "an add-on id (<cluster>/<add-on>)");
  return { clusterName, addonName };
}

function listAddonNames(eks: EKSClient, clusterName: string): Promise<string[]> {
  return listEks("EKS ListAddons", async (nextToken) => {
    const page = await eks.send(new ListAddonsCommand({ clusterName, maxResults: 100, nextToken }));
    return { items: page.addons, nextToken: page.nextToken };
  });
}

export function describeAddon(eks: EKSClient, clusterName: string, addonName: string): Promise<Addon | undefined> {
  return describeEks(async () => (await eks.send(new DescribeAddonCommand({ clusterName, addonName }))).addon);
}

/** The names of a cluster's add-ons, listed once per read (the read and the collision look-up share it). */
export function listAddonNamesOnce(ctx: ReadContext, clusterName: string): Promise<string[]> {
  return sharedRead(ctx, `eks:addons:${clusterName}`, () => listAddonNames(ctx.clients.eks, clusterName));
}

/** DescribeAddon once per read and add-on. */
export function describeAddonOnce(ctx: ReadContext, clusterName: string, addonName: string): Promise<Addon | undefined> {
  return sharedRead(ctx, `eks:addon:${clusterName}:${addonName}`, () => describeAddon(ctx.clients.eks, clusterName, addonName));
}

export function addonOutputs(addon: Addon): Record<string, Json> {
  return { arn: addon.addonArn ?? null, name: addon.addonName ?? null, version: addon.addonVersion ?? null, status: addon.status ?? null };
}

export function addonToActual(addon: Addon, id: string): ActualResource {
  const tags = tagRecord(addon.tags);
  const clusterName = addon.clusterName ?? "";
  return {
    id,
    kind: "eks-addon",
    physicalId: addonPhysicalId(clusterName, addon.addonName ?? ""),
    properties: { clusterName, name: addon.addonName ?? null, version: addon.addonVersion ?? null },
    outputs: addonOutputs(addon),
    tags,
    ...ownerFields(tags),
  };
}

export async function readEksAddons(ctx: ReadContext): Promise<ActualResource[]> {
  const found = await Promise.all(
    (await existingOurClusters(ctx)).map(async ({ name }) => {
      const clusterName = name ?? "";
      const names = await listAddonNamesOnce(ctx, clusterName);
      return mapWithConcurrency(names, PER_ITEM_READ_CONCURRENCY, (addonName) => describeAddonOnce(ctx, clusterName, addonName));
    }),
  );
  const actual: ActualResource[] = [];
  for (const addon of found.flat()) {
    if (!addon || addon.status === "DELETING") continue;
    const tags = tagRecord(addon.tags);
    const { id } = ownership(tags);
    if (id && tags[TAG_CLUSTER] === ctx.cluster) actual.push(addonToActual(addon, id));
  }
  return actual;
}

/** The tags of the add-on of this name now, for the apply's ownership check; undefined when there is none. */
export async function addonCurrentTags(ctx: ApplyContext, physicalId: string): Promise<Record<string, string> | undefined> {
  const { clusterName, addonName } = parseAddonPhysicalId(physicalId);
  const addon = await describeAddon(ctx.clients.eks, clusterName, addonName);
  return addon ? tagRecord(addon.tags) : undefined;
}

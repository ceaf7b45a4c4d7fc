// Looking up hosted zones and their okctl tags.
import {
  GetHostedZoneCommand,
  ListTagsForResourcesCommand,
  type Route53Client,
} from "@aws-sdk/client-route-53";
import { sortedSet } from "../shared/normalise.js";
import { dnsName, zoneId } from "../shared/route53.js";
import { mapWithConcurrency } from "../shared/shared-reads.js";
import { fromTagList } from "../shared/tags.js";
import type { Json } from "../types.js";

/** Batches of tag requests in flight at once. */
const ROUTE53_CONCURRENCY = 3;

/** Tags of the given zones, by zone id (ListTagsForResources takes at most 10 ids a call). */
export async function zoneTags(route53: Route53Client, ids: readonly string[]): Promise<Map<string, Record<string, string>>> {
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += 10) batches.push(ids.slice(i, i + 10).map(zoneId));
  // Route 53 allows five requests a second per account: a few batches at a time.
  const pages = await mapWithConcurrency(batches, ROUTE53_CONCURRENCY, (ResourceIds) =>
    route53.send(new ListTagsForResourcesCommand({ ResourceType: "hostedzone", ResourceIds })),
  );
  const tags = new Map<string, Record<string, string>>();
  for (const page of pages) {
    for (const set of page.ResourceTagSets ?? []) if (set.ResourceId) tags.set(zoneId(set.ResourceId), fromTagList(set.Tags));
  }
  return tags;
}

/** The outputs other resources reference: the zone id and its name servers (sorted, no trailing dot). */
export async function zoneOutputs(route53: Route53Client, id: string): Promise<Record<string, Json>> {
  const zone = await route53.send(new GetHostedZoneCommand({ Id: zoneId(id) }));
  return { id: zoneId(id), nameServers: sortedSet((zone.DelegationSet?.NameServers ?? []).map(dnsName)) };
}

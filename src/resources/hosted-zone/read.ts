// Finds the cluster's hosted zones: ListHostedZones (shared with the parent zone's look-up), their
// tags in batches of 10, and the name servers of ours.
import { TAG_CLUSTER } from "../../declaration/tags.js";
import { allPublicZones, dnsName, zoneId } from "../shared/route53.js";
import { mapWithConcurrency, PER_ITEM_READ_CONCURRENCY, sharedRead } from "../shared/shared-reads.js";
import { ownerFields, ownership } from "../shared/tags.js";
import type { ActualResource, ReadContext } from "../types.js";
import { zoneOutputs, zoneTags } from "./lookup.js";

/** Shared within a read: the zone-delegation read looks for the delegations of these zones. */
export function readHostedZones(ctx: ReadContext): Promise<ActualResource[]> {
  return sharedRead(ctx, "route53:hosted-zones", () => findHostedZones(ctx));
}

async function findHostedZones(ctx: ReadContext): Promise<ActualResource[]> {
  const route53 = ctx.clients.route53;
  const zones = (await allPublicZones(route53, ctx.shared)).filter((zone) => zone.Id && zone.Name);
  const tagsById = await zoneTags(route53, zones.map((zone) => zone.Id!));
  const ours = zones.flatMap((zone) => {
    const tags = tagsById.get(zoneId(zone.Id!)) ?? {};
    const { id } = ownership(tags);
    return id && tags[TAG_CLUSTER] === ctx.cluster ? [{ zone, tags, id }] : [];
  });
  return mapWithConcurrency(ours, PER_ITEM_READ_CONCURRENCY, async ({ zone, tags, id }) => ({
      id,
      kind: "hosted-zone" as const,
      physicalId: zoneId(zone.Id!),
      properties: { name: dnsName(zone.Name!) },
      outputs: await zoneOutputs(route53, zone.Id!),
      tags,
      ...ownerFields(tags),
    }));
}

// Adopting a hosted zone (by its id), and the public zones of the same name a new zone would duplicate.
import { GetHostedZoneCommand } from "@aws-sdk/client-route-53";
import { isAwsError } from "../shared/aws-errors.js";
import { originalOkctlNote } from "../shared/original-okctl.js";
import { dnsName, findPublicZonesByName, zoneId } from "../shared/route53.js";
import { TAG_REPOSITORY, TAG_REPOSITORY_ID } from "../../declaration/tags.js";
import { ownerFields, ownerOf } from "../shared/tags.js";
import type { AdoptionHandler, Collision, DesiredResource, ReadContext } from "../types.js";
import { zoneOutputs, zoneTags } from "./lookup.js";
import { tagZone, zoneReference } from "./write.js";

export const hostedZoneAdoption: AdoptionHandler = {
  async read(ctx, physicalId, id) {
    const route53 = ctx.clients.route53;
    let zone;
    try {
      zone = (await route53.send(new GetHostedZoneCommand({ Id: zoneId(physicalId) }))).HostedZone;
    } catch (error) {
      if (isAwsError(error, "NoSuchHostedZone", "InvalidInput")) return undefined;
      throw error;
    }
    if (!zone?.Id || !zone.Name || zone.Config?.PrivateZone) return undefined;
    const tags = (await zoneTags(route53, [zone.Id])).get(zoneId(zone.Id)) ?? {};
    return {
      id,
      kind: "hosted-zone",
      physicalId: zoneId(zone.Id),
      properties: { name: dnsName(zone.Name) },
      outputs: await zoneOutputs(route53, zone.Id),
      tags,
      ...ownerFields(tags),
    };
  },
  tag: (ctx, physicalId, tags) => tagZone(ctx, physicalId, tags),
};

/** Route 53 happily makes a second public zone of the same name: every existing one collides. */
export async function hostedZoneCollisions(ctx: ReadContext, creating: readonly DesiredResource[]): Promise<Collision[]> {
  const found = await Promise.all(
    creating.map(async (resource) => {
      const name = String(resource.properties.name);
      // A zone an interrupted create of ours made before tagging it carries our CallerReference: not a collision.
      const reference = zoneReference(ctx.cluster, resource, "", name);
      const zones = (await findPublicZonesByName(ctx.clients.route53, name)).filter((zone) => zone.Id && !zone.CallerReference?.startsWith(reference));
      if (zones.length === 0) return [];
      const tagsById = await zoneTags(ctx.clients.route53, zones.map((zone) => zone.Id!));
      return zones.map((zone): Collision => {
        const tags = tagsById.get(zoneId(zone.Id!)) ?? {};
        const okctls = tags[TAG_REPOSITORY] !== undefined || tags[TAG_REPOSITORY_ID] !== undefined;
        return {
          id: resource.id,
          kind: "hosted-zone",
          physicalId: zoneId(zone.Id!),
          description: `the public hosted zone ${name} (${zoneId(zone.Id!)}, ${zone.ResourceRecordSetCount ?? "?"} records${okctls ? `, okctl's for ${ownerOf(tags)}` : ""}${originalOkctlNote(tags)})`,
        };
      });
    }),
  );
  return found.flat();
}

// The zone-delegation kind: the NS record set for clusterRootDomain in the parent zone. Record sets
// can't be tagged, so it is found by identity, from the desired graph (ReadContext.desired).
import type { ResourceRecordSet } from "@aws-sdk/client-route-53";
import { ChangeResourceRecordSetsCommand } from "@aws-sdk/client-route-53";
import { isAwsError } from "../shared/aws-errors.js";
import { sortedSet } from "../shared/normalise.js";
import { numberProp, stringListProp, stringProp } from "../shared/properties.js";
import { dnsName, findPublicZonesByName, findRecordSet, waitForChange, zoneId } from "../shared/route53.js";
import type { ActualResource, ApplyContext, Json, ReadContext, ResourceKindHandler } from "../types.js";
import { ZONE_DELEGATION_ID } from "./desired.js";
import { manualDelegationNote } from "./manual.js";

/** "Z123/booking-dev.oslo.systems": the parent zone's id and the record name. */
function parsePhysicalId(physicalId: string): { parentZoneId: string; recordName: string } {
  const slash = physicalId.indexOf("/");
  if (slash < 1) throw new Error(`not a zone delegation id (<zone id>/<record name>): ${physicalId}`);
  return { parentZoneId: physicalId.slice(0, slash), recordName: physicalId.slice(slash + 1) };
}

/** The parent zone's id. With several public zones of that name, the first one (listing order). */
async function parentZoneId(route53: ReadContext["clients"]["route53"], parentZone: string): Promise<string | undefined> {
  const [zone] = await findPublicZonesByName(route53, parentZone);
  return zone?.Id ? zoneId(zone.Id) : undefined;
}

function nameServersOf(record: ResourceRecordSet): string[] {
  return sortedSet((record.ResourceRecords ?? []).map((value) => dnsName(value.Value ?? "")));
}

async function readZoneDelegation(ctx: ReadContext): Promise<ActualResource[]> {
  const desired = ctx.desired.find((resource) => resource.id === ZONE_DELEGATION_ID);
  if (!desired) return []; // untaggable: without the declaration there is no way to know it is ours
  const parentZone = desired.properties.parentZone;
  const recordName = desired.properties.recordName;
  if (typeof parentZone !== "string" || typeof recordName !== "string") return [];
  const parentId = await parentZoneId(ctx.clients.route53, parentZone);
  if (!parentId) return [];
  const record = await findRecordSet(ctx.clients.route53, parentId, recordName, "NS");
  if (!record) return [];
  return [
    {
      id: ZONE_DELEGATION_ID,
      kind: "zone-delegation",
      physicalId: `${parentId}/${recordName}`,
      properties: { parentZone, recordName, nameServers: nameServersOf(record), ttl: record.TTL ?? null },
      outputs: { parentZoneId: parentId, recordName },
      tags: {},
    },
  ];
}

async function upsert(ctx: ApplyContext, properties: Record<string, Json>): Promise<{ physicalId: string; outputs: Record<string, Json> }> {
  const parentZone = stringProp(properties, "parentZone");
  const recordName = stringProp(properties, "recordName");
  const nameServers = stringListProp(properties, "nameServers");
  const ttl = numberProp(properties, "ttl");
  const parentId = await parentZoneId(ctx.clients.route53, parentZone);
  if (!parentId) throw new Error(manualDelegationNote({ parentZone, recordName, nameServers, ttl }));
  const change = await ctx.clients.route53.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: parentId,
      ChangeBatch: {
        Comment: `okctl: delegate ${recordName} (cluster ${ctx.cluster})`,
        Changes: [
          {
            Action: "UPSERT",
            ResourceRecordSet: { Name: recordName, Type: "NS", TTL: ttl, ResourceRecords: nameServers.map((Value) => ({ Value })) },
          },
        ],
      },
    }),
  );
  await waitForChange(ctx, change.ChangeInfo?.Id, `the delegation of ${recordName} in ${parentZone} (Route 53 change INSYNC)`);
  return { physicalId: `${parentId}/${recordName}`, outputs: { parentZoneId: parentId, recordName } };
}

async function deleteZoneDelegation(ctx: ApplyContext, resource: { physicalId: string }): Promise<void> {
  const { parentZoneId: parentId, recordName } = parsePhysicalId(resource.physicalId);
  try {
    const record = await findRecordSet(ctx.clients.route53, parentId, recordName, "NS");
    if (!record) return;
    const change = await ctx.clients.route53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: parentId,
        ChangeBatch: { Changes: [{ Action: "DELETE", ResourceRecordSet: record }] },
      }),
    );
    await waitForChange(ctx, change.ChangeInfo?.Id, `the delegation of ${recordName} to be removed (Route 53 change INSYNC)`);
  } catch (error) {
    if (isAwsError(error, "NoSuchHostedZone")) return;
    throw error;
  }
}

export const zoneDelegationHandler: ResourceKindHandler = {
  kind: "zone-delegation",
  rules: { replaceOn: ["parentZone", "recordName"], unorderedLists: ["nameServers"] },
  read: readZoneDelegation,
  create: (ctx, resource) => upsert(ctx, resource.properties),
  update: async (ctx, resource) => ({ outputs: (await upsert(ctx, resource.properties)).outputs }),
  delete: deleteZoneDelegation,
};

// The zone-delegation kind: the NS record set for clusterRootDomain in the parent zone. Record sets
// can't be tagged, so it is found by identity (see read.ts).
import { ChangeResourceRecordSetsCommand } from "@aws-sdk/client-route-53";
import { isAwsError } from "../shared/aws-errors.js";
import { numberProp, stringListProp, stringProp } from "../shared/properties.js";
import { findRecordSet, waitForChange } from "../shared/route53.js";
import type { ApplyContext, Json, ResourceKindHandler } from "../types.js";
import { manualDelegationNote } from "./manual.js";
import { parentZoneId, readZoneDelegation } from "./read.js";

/** "Z123/booking-dev.oslo.systems": the parent zone's id and the record name. */
function parsePhysicalId(physicalId: string): { parentZoneId: string; recordName: string } {
  const slash = physicalId.indexOf("/");
  if (slash < 1) throw new Error(`not a zone delegation id (<zone id>/<record name>): ${physicalId}`);
  return { parentZoneId: physicalId.slice(0, slash), recordName: physicalId.slice(slash + 1) };
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

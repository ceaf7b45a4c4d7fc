// The zone-delegation kind: the NS record set for clusterRootDomain in the parent zone. Record sets
// can't be tagged, so it is found by identity (see read.ts).
import { ChangeResourceRecordSetsCommand, type ResourceRecordSet } from "@aws-sdk/client-route-53";
import { isAwsError } from "../shared/aws-errors.js";
import { numberProp, stringListProp, stringProp } from "../shared/properties.js";
import { sortedSet } from "../shared/normalise.js";
import { dnsName, findRecordSet, waitForChange } from "../shared/route53.js";
import type { ApplyContext, Json, ResourceKindHandler } from "../types.js";
import { KIND_RULES } from "../kind-rules.js";
import { manualDelegationNote } from "./manual.js";
import { nameServersOf, parentZoneId, readZoneDelegation } from "./read.js";
import { splitPhysicalId } from "../shared/physical-id.js";

/** "Z123/booking-dev.oslo.systems": the parent zone's id and the record name. */
function parsePhysicalId(physicalId: string): { parentZoneId: string; recordName: string } {
  const [parentZoneId, recordName] = splitPhysicalId(physicalId, "a zone delegation id (<zone id>/<record name>)");
  return { parentZoneId, recordName };
}

/**
 * The record can't be tagged: it was okctl's at plan time only by proof (it named exactly the name
 * servers of this repository's zone). An update or delete writes to it only while it still names the
 * name servers the plan saw; changed since (someone pointed the name elsewhere), it is not touched.
 */
async function stillAsPlanned(ctx: ApplyContext, physicalId: string, planned: Json | undefined, verb: "update" | "delete"): Promise<ResourceRecordSet | undefined> {
  const { parentZoneId: parentId, recordName } = parsePhysicalId(physicalId);
  const record = await findRecordSet(ctx.clients.route53, parentId, recordName, "NS");
  if (!record || !Array.isArray(planned)) return record;
  const expected = sortedSet(planned.map((value) => dnsName(String(value))));
  const now = nameServersOf(record);
  if (JSON.stringify(now) === JSON.stringify(expected)) return record;
  throw new Error(
    `refused to ${verb} zone-delegation: the NS record ${recordName} in the zone ${parentId} now names ${now.join(", ")}, not the name servers the plan ` +
      `proved this repository's (${expected.join(", ")}); nothing was written to it. It was changed after the plan was made: plan again.`,
  );
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

async function deleteZoneDelegation(ctx: ApplyContext, resource: { physicalId: string; before?: Record<string, Json> }): Promise<void> {
  const { parentZoneId: parentId, recordName } = parsePhysicalId(resource.physicalId);
  try {
    const record = await stillAsPlanned(ctx, resource.physicalId, resource.before?.nameServers, "delete");
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
  rules: KIND_RULES["zone-delegation"],
  read: readZoneDelegation,
  create: (ctx, resource) => upsert(ctx, resource.properties),
  update: async (ctx, resource) => {
    // The name servers it had at plan time: the old ones when they change, else the ones it keeps.
    await stillAsPlanned(ctx, resource.physicalId, resource.before.nameServers ?? resource.properties.nameServers, "update");
    return { outputs: (await upsert(ctx, resource.properties)).outputs };
  },
  delete: deleteZoneDelegation,
};

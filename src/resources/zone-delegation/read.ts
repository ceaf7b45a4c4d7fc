// Finding the delegation NS record set. Record sets can't be tagged, so it is found by identity:
// from the desired graph (parent zone + record name) while the cluster is declared; without the
// declaration (the cluster is being deleted), through the cluster's hosted zones — an NS record for
// the zone's name, in the nearest hosted parent zone, naming that zone's name servers — and then it
// belongs to whoever owns that zone.
import type { ResourceRecordSet, Route53Client } from "@aws-sdk/client-route-53";
import { readHostedZones } from "../hosted-zone/read.js";
import { sortedSet } from "../shared/normalise.js";
import { dnsName, findRecordSet, publicZonesNamed, zoneId } from "../shared/route53.js";
import { mapWithConcurrency, PER_ITEM_READ_CONCURRENCY, type SharedReads } from "../shared/shared-reads.js";
import type { ActualResource, ReadContext } from "../types.js";
import { ZONE_DELEGATION_ID } from "./desired.js";

/** The parent zone's id. With several public zones of that name, the first one (listing order). */
export async function parentZoneId(route53: Route53Client, parentZone: string, shared?: SharedReads): Promise<string | undefined> {
  const [zone] = await publicZonesNamed(route53, parentZone, shared);
  return zone?.Id ? zoneId(zone.Id) : undefined;
}

export function nameServersOf(record: ResourceRecordSet): string[] {
  return sortedSet((record.ResourceRecords ?? []).map((value) => dnsName(value.Value ?? "")));
}

/** "a.b.example.com" → ["b.example.com", "example.com"]: the zones that could delegate it, nearest first (no TLD). */
export function parentNames(name: string): string[] {
  const labels = dnsName(name).split(".");
  return labels.slice(1, -1).map((_, index) => labels.slice(index + 1).join("."));
}

function delegationActual(found: { parentZone: string; parentId: string; recordName: string; record: ResourceRecordSet; repository?: string; repositoryId?: string }): ActualResource {
  const { parentZone, parentId, recordName, record } = found;
  return {
    id: ZONE_DELEGATION_ID,
    kind: "zone-delegation",
    physicalId: `${parentId}/${recordName}`,
    properties: { parentZone, recordName, nameServers: nameServersOf(record), ttl: record.TTL ?? null },
    outputs: { parentZoneId: parentId, recordName },
    tags: {},
    ...(found.repository !== undefined ? { repository: found.repository } : {}),
    ...(found.repositoryId !== undefined ? { repositoryId: found.repositoryId } : {}),
  };
}

async function declaredDelegation(ctx: ReadContext, parentZone: string, recordName: string): Promise<ActualResource[]> {
  const parentId = await parentZoneId(ctx.clients.route53, parentZone, ctx.shared);
  if (!parentId) return [];
  const record = await findRecordSet(ctx.clients.route53, parentId, recordName, "NS");
  return record ? [delegationActual({ parentZone, parentId, recordName, record })] : [];
}

/** The delegation of one of our zones, in the nearest parent zone hosted in this account. */
async function delegationOfZone(ctx: ReadContext, zone: ActualResource): Promise<ActualResource | undefined> {
  const recordName = dnsName(String(zone.properties.name));
  for (const parentZone of parentNames(recordName)) {
    const parentId = await parentZoneId(ctx.clients.route53, parentZone, ctx.shared);
    if (!parentId) continue;
    const record = await findRecordSet(ctx.clients.route53, parentId, recordName, "NS");
    if (!record || JSON.stringify(nameServersOf(record)) !== JSON.stringify(zone.outputs.nameServers)) return undefined;
    return delegationActual({ parentZone, parentId, recordName, record, ...(zone.repository !== undefined ? { repository: zone.repository } : {}), ...(zone.repositoryId !== undefined ? { repositoryId: zone.repositoryId } : {}) });
  }
  return undefined;
}

async function undeclaredDelegations(ctx: ReadContext): Promise<ActualResource[]> {
  const zones = await readHostedZones(ctx);
  const found = await mapWithConcurrency(zones, PER_ITEM_READ_CONCURRENCY, (zone) => delegationOfZone(ctx, zone));
  // Two copies of our zone (debris) lead to the same record: keep it once.
  const byPhysicalId = new Map(found.flatMap((actual) => (actual ? [[actual.physicalId, actual] as const] : [])));
  return [...byPhysicalId.values()];
}

export async function readZoneDelegation(ctx: ReadContext): Promise<ActualResource[]> {
  // An empty desired graph: okctl.yaml was removed and the whole cluster is being deleted.
  if (ctx.desired.length === 0) return undeclaredDelegations(ctx);
  const desired = ctx.desired.find((resource) => resource.id === ZONE_DELEGATION_ID);
  if (!desired) return []; // declared without delegateFrom: no delegation of ours to find
  const { parentZone, recordName } = desired.properties;
  if (typeof parentZone !== "string" || typeof recordName !== "string") return [];
  return declaredDelegation(ctx, parentZone, recordName);
}

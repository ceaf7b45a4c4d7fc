// Route 53 helpers shared by the hosted-zone, zone-delegation and certificate kinds.
import {
  GetChangeCommand,
  type ListHostedZonesByNameCommandOutput,
  ListHostedZonesByNameCommand,
  ListHostedZonesCommand,
  ListResourceRecordSetsCommand,
  type HostedZone,
  type ResourceRecordSet,
  type Route53Client,
} from "@aws-sdk/client-route-53";
import type { ApplyContext } from "../types.js";
import { sharedRead, type SharedReads } from "./shared-reads.js";
import { pollUntil } from "./poll.js";

import { dnsName } from "./dns-name.js";

export { dnsName };

/** "/hostedzone/Z123" → "Z123". */
export function zoneId(id: string): string {
  return id.replace(/^\/hostedzone\//, "");
}

/**
 * The public hosted zones named exactly `name`. moto returns only the exact match for
 * ListHostedZonesByName; AWS returns zones in order starting at that name — so check names either way.
 */
export async function findPublicZonesByName(route53: Route53Client, name: string): Promise<HostedZone[]> {
  const wanted = dnsName(name);
  const found: HostedZone[] = [];
  let dnsNameMarker: string | undefined = wanted;
  let zoneMarker: string | undefined;
  for (;;) {
    const page: ListHostedZonesByNameCommandOutput = await route53.send(
      new ListHostedZonesByNameCommand({ DNSName: dnsNameMarker, HostedZoneId: zoneMarker, MaxItems: 100 }),
    );
    const zones = page.HostedZones ?? [];
    for (const zone of zones) {
      if (zone.Name && dnsName(zone.Name) === wanted && !zone.Config?.PrivateZone) found.push(zone);
    }
    // Zones are sorted by name: once a different name shows up, there are no more matches.
    const pastIt = zones.some((zone) => zone.Name && dnsName(zone.Name) !== wanted);
    if (pastIt || !page.IsTruncated || !page.NextDNSName) return found;
    dnsNameMarker = page.NextDNSName;
    zoneMarker = page.NextHostedZoneId;
  }
}

/** Every public hosted zone of the account. */
export async function listPublicZones(route53: Route53Client): Promise<HostedZone[]> {
  const zones: HostedZone[] = [];
  let Marker: string | undefined;
  do {
    const page = await route53.send(new ListHostedZonesCommand({ Marker, MaxItems: 100 }));
    zones.push(...(page.HostedZones ?? []).filter((zone) => !zone.Config?.PrivateZone));
    Marker = page.IsTruncated ? page.NextMarker : undefined;
  } while (Marker);
  return zones;
}

/** listPublicZones, once per read when the read shares lookups. */
export function allPublicZones(route53: Route53Client, shared?: SharedReads): Promise<HostedZone[]> {
  return sharedRead({ ...(shared ? { shared } : {}) }, "route53:public-zones", () => listPublicZones(route53));
}

/**
 * The public hosted zones named `name`. Within a read that shares lookups (a plan, outputs) the
 * hosted-zone read lists every public zone anyway, so the parent zone is found in that list at no
 * extra call; otherwise with ListHostedZonesByName.
 */
export async function publicZonesNamed(route53: Route53Client, name: string, shared?: SharedReads): Promise<HostedZone[]> {
  if (!shared) return findPublicZonesByName(route53, name);
  const wanted = dnsName(name);
  return (await allPublicZones(route53, shared)).filter((zone) => zone.Name && dnsName(zone.Name) === wanted);
}

/** Every record set of a zone. */
export async function listRecordSets(route53: Route53Client, hostedZoneId: string): Promise<ResourceRecordSet[]> {
  const records: ResourceRecordSet[] = [];
  let start: { StartRecordName?: string; StartRecordType?: ResourceRecordSet["Type"]; StartRecordIdentifier?: string } = {};
  for (;;) {
    const page = await route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: hostedZoneId, ...start }));
    records.push(...(page.ResourceRecordSets ?? []));
    if (!page.IsTruncated) return records;
    start = {
      StartRecordName: page.NextRecordName,
      StartRecordType: page.NextRecordType,
      StartRecordIdentifier: page.NextRecordIdentifier,
    };
  }
}

/** The record set with exactly this name and type, if any (one call, starting at it). */
export async function findRecordSet(
  route53: Route53Client,
  hostedZoneId: string,
  name: string,
  type: NonNullable<ResourceRecordSet["Type"]>,
): Promise<ResourceRecordSet | undefined> {
  const page = await route53.send(
    new ListResourceRecordSetsCommand({ HostedZoneId: hostedZoneId, StartRecordName: name, StartRecordType: type, MaxItems: 1 }),
  );
  return (page.ResourceRecordSets ?? []).find(
    (record) => record.Name !== undefined && dnsName(record.Name) === dnsName(name) && record.Type === type,
  );
}

/** Waits until a Route 53 change is INSYNC. */
export async function waitForChange(ctx: ApplyContext, changeId: string | undefined, what: string): Promise<void> {
  if (!changeId) return;
  await pollUntil({
    describe: () => ctx.clients.route53.send(new GetChangeCommand({ Id: changeId })),
    done: (response) => response.ChangeInfo?.Status === "INSYNC",
    state: (response) => response.ChangeInfo?.Status,
    timeoutMs: ctx.timeouts.route53Change,
    what,
    ctx,
    intervalMs: 5_000,
  });
}

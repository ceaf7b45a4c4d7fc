// When the parent zone is not hosted in this account, okctl can't delegate: the plan carries a note
// with the NS records to add by hand, and the zone-delegation resource leaves the desired graph.
import type { Route53Client } from "@aws-sdk/client-route-53";
import { publicZonesNamed } from "../shared/route53.js";
import type { SharedReads } from "../shared/shared-reads.js";
import type { DesiredResource } from "../types.js";
import { ZONE_DELEGATION_ID } from "./desired.js";

export const KNOWN_AFTER_APPLY = "(known after apply)";

export interface ManualDelegation {
  parentZone: string;
  recordName: string;
  /** The hosted zone's name servers, or KNOWN_AFTER_APPLY when the zone doesn't exist yet. */
  nameServers: readonly string[] | typeof KNOWN_AFTER_APPLY;
  ttl: number;
}

/** The plan note's text: which NS records to add to the parent zone by hand. */
export function manualDelegationNote(input: ManualDelegation): string {
  const servers =
    input.nameServers === KNOWN_AFTER_APPLY
      ? [`  ${KNOWN_AFTER_APPLY}: the name servers of the new hosted zone ${input.recordName}`]
      : input.nameServers.map((server) => `  ${server.replace(/\.?$/, ".")}`);
  return [
    `The parent zone ${input.parentZone} is not hosted in this AWS account, so okctl can't delegate ${input.recordName} to its hosted zone.`,
    `Add this NS record set to ${input.parentZone} where it is hosted:`,
    `  name: ${input.recordName}.  type: NS  TTL: ${input.ttl}`,
    ...servers,
  ].join("\n");
}

/** True when the account has a public hosted zone named `parentZone`. */
export async function parentZoneHosted(route53: Route53Client, parentZone: string, shared?: SharedReads): Promise<boolean> {
  return (await publicZonesNamed(route53, parentZone, shared)).length > 0;
}

/** The desired graph without the zone-delegation resource, and without any dependency on it. */
export function withoutZoneDelegation(desired: readonly DesiredResource[]): DesiredResource[] {
  return desired
    .filter((resource) => resource.id !== ZONE_DELEGATION_ID)
    .map((resource) =>
      resource.dependsOn.includes(ZONE_DELEGATION_ID)
        ? { ...resource, dependsOn: resource.dependsOn.filter((id) => id !== ZONE_DELEGATION_ID) }
        : resource,
    );
}

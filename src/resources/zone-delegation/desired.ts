// The desired NS record set in the parent zone that delegates clusterRootDomain to our zone.
// Record sets can't be tagged: the resource is found by identity (parent zone + record name).
import { HOSTED_ZONE_ID } from "../hosted-zone/desired.js";
import { dnsName } from "../shared/dns-name.js";
import type { DesiredInput, DesiredResource } from "../types.js";

export const ZONE_DELEGATION_ID = "zone-delegation";

/**
 * TTL of the delegation. Short on purpose: the original okctl used 900 s, and re-creating a
 * cluster on the same domain failed until resolvers forgot the old name servers.
 */
export const DELEGATION_TTL = 300;

export function desiredZoneDelegation(input: DesiredInput): DesiredResource[] {
  const parent = input.declaration.dns.delegateFrom;
  if (!parent) return [];
  const recordName = dnsName(input.declaration.clusterRootDomain);
  return [
    {
      id: ZONE_DELEGATION_ID,
      kind: "zone-delegation",
      name: `${recordName} NS in ${dnsName(parent)}`,
      properties: {
        parentZone: dnsName(parent),
        recordName,
        nameServers: { $ref: HOSTED_ZONE_ID, output: "nameServers" },
        ttl: DELEGATION_TTL,
      },
      dependsOn: [HOSTED_ZONE_ID],
      tags: {},
    },
  ];
}

// The desired public hosted zone for clusterRootDomain.
import { tagsFor } from "../shared/desired-tags.js";
import { dnsName } from "../shared/dns-name.js";
import type { DesiredInput, DesiredResource } from "../types.js";

export const HOSTED_ZONE_ID = "hosted-zone";

export function desiredHostedZone(input: DesiredInput): DesiredResource[] {
  const name = dnsName(input.declaration.clusterRootDomain);
  return [
    {
      id: HOSTED_ZONE_ID,
      kind: "hosted-zone",
      name,
      properties: { name },
      dependsOn: [],
      tags: tagsFor(input, HOSTED_ZONE_ID, name),
    },
  ];
}

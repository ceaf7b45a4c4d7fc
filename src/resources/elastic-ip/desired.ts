// One Elastic IP per NAT gateway. It depends on the internet gateway so that it is released
// before the gateway is detached (AWS refuses to detach while public addresses are mapped).
import type { DesiredInput, DesiredResource } from "../types.js";
import { clusterName, natZoneLetters, networkTags } from "../ec2/desired-common.js";
import { INTERNET_GATEWAY_ID } from "../internet-gateway/desired.js";

export function elasticIpId(zoneLetter: string): string {
  return `elastic-ip/${zoneLetter}`;
}

export function desiredElasticIps(input: DesiredInput): DesiredResource[] {
  return natZoneLetters(input).map((letter) => {
    const id = elasticIpId(letter);
    const name = `${clusterName(input)}-eip-${letter}`;
    return {
      id,
      kind: "elastic-ip",
      name,
      properties: { domain: "vpc" },
      dependsOn: [INTERNET_GATEWAY_ID],
      tags: networkTags(input, id, name),
    };
  });
}

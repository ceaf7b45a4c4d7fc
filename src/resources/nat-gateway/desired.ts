// NAT gateways in the public subnets: one per zone with high availability, else one in zone a.
// A NAT gateway only works once its VPC has an attached internet gateway.
import type { DesiredInput, DesiredResource } from "../types.js";
import { clusterName, natZoneLetters, networkTags, ref } from "../ec2/desired-common.js";
import { elasticIpId } from "../elastic-ip/desired.js";
import { INTERNET_GATEWAY_ID } from "../internet-gateway/desired.js";

export function natGatewayId(zoneLetter: string): string {
  return `nat-gateway/${zoneLetter}`;
}

export function desiredNatGateways(input: DesiredInput): DesiredResource[] {
  return natZoneLetters(input).map((letter) => {
    const id = natGatewayId(letter);
    const name = `${clusterName(input)}-nat-${letter}`;
    const subnet = `subnet/public-${letter}`;
    return {
      id,
      kind: "nat-gateway",
      name,
      properties: {
        subnetId: ref(subnet),
        allocationId: ref(elasticIpId(letter)),
        connectivityType: "public",
      },
      dependsOn: [subnet, elasticIpId(letter), INTERNET_GATEWAY_ID],
      tags: networkTags(input, id, name),
    };
  });
}

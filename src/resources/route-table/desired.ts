// Route tables: public (default route to the internet gateway), one private per zone (default
// route to that zone's NAT gateway, or the single one) and database (no internet route).
import type { Tier } from "../../declaration/types.js";
import type { DesiredInput, DesiredResource, DesiredValue } from "../types.js";
import { clusterName, natLetterFor, networkTags, ref } from "../ec2/desired-common.js";
import { INTERNET_GATEWAY_ID } from "../internet-gateway/desired.js";
import { natGatewayId } from "../nat-gateway/desired.js";
import { VPC_ID } from "../vpc/desired.js";

export const ANY_IPV4 = "0.0.0.0/0";

interface TableSpec {
  suffix: string;
  subnetIds: string[];
  /** Logical id and output key of the default route's target, if any. */
  defaultRoute?: { target: string; key: "gatewayId" | "natGatewayId" };
}

function subnetsOf(input: DesiredInput, tier: Tier, zoneLetter?: string): string[] {
  return input.layout.subnets
    .filter((subnet) => subnet.tier === tier && (zoneLetter === undefined || subnet.zoneLetter === zoneLetter))
    .map((subnet) => subnet.id);
}

function tableSpecs(input: DesiredInput): TableSpec[] {
  const letters = [...new Set(input.layout.subnets.map((subnet) => subnet.zoneLetter))];
  return [
    { suffix: "public", subnetIds: subnetsOf(input, "public"), defaultRoute: { target: INTERNET_GATEWAY_ID, key: "gatewayId" } },
    ...letters.map((letter): TableSpec => ({
      suffix: `private-${letter}`,
      subnetIds: subnetsOf(input, "private", letter),
      defaultRoute: { target: natGatewayId(natLetterFor(input, letter)), key: "natGatewayId" },
    })),
    { suffix: "database", subnetIds: subnetsOf(input, "database") },
  ];
}

export function desiredRouteTables(input: DesiredInput): DesiredResource[] {
  return tableSpecs(input).map((spec) => {
    const id = `route-table/${spec.suffix}`;
    const name = `${clusterName(input)}-rt-${spec.suffix}`;
    const routes: DesiredValue[] = spec.defaultRoute
      ? [{ destinationCidrBlock: ANY_IPV4, [spec.defaultRoute.key]: ref(spec.defaultRoute.target) }]
      : [];
    return {
      id,
      kind: "route-table",
      name,
      properties: { vpcId: ref(VPC_ID), routes, subnetIds: spec.subnetIds.map((subnet) => ref(subnet)) },
      dependsOn: [VPC_ID, ...(spec.defaultRoute ? [spec.defaultRoute.target] : []), ...spec.subnetIds],
      tags: networkTags(input, id, name),
    };
  });
}

// The internet gateway, attached to the cluster's VPC.
import type { DesiredInput, DesiredResource } from "../types.js";
import { clusterName, networkTags, ref } from "../ec2/desired-common.js";
import { VPC_ID } from "../vpc/desired.js";

export const INTERNET_GATEWAY_ID = "internet-gateway";

export function desiredInternetGateways(input: DesiredInput): DesiredResource[] {
  const name = `${clusterName(input)}-igw`;
  return [
    {
      id: INTERNET_GATEWAY_ID,
      kind: "internet-gateway",
      name,
      properties: { vpcId: ref(VPC_ID) },
      dependsOn: [VPC_ID],
      tags: networkTags(input, INTERNET_GATEWAY_ID, name),
    },
  ];
}

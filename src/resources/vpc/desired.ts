// The cluster's VPC: DNS support and hostnames on, tagged for Kubernetes.
import type { DesiredInput, DesiredResource } from "../types.js";
import { clusterName, kubernetesClusterTag, networkTags } from "../ec2/desired-common.js";

export const VPC_ID = "vpc";

export function desiredVpcs(input: DesiredInput): DesiredResource[] {
  const name = `${clusterName(input)}-vpc`;
  return [
    {
      id: VPC_ID,
      kind: "vpc",
      name,
      properties: {
        cidrBlock: input.declaration.vpc.cidr,
        enableDnsSupport: true,
        enableDnsHostnames: true,
      },
      dependsOn: [],
      tags: networkTags(input, VPC_ID, name, kubernetesClusterTag(input)),
    },
  ];
}

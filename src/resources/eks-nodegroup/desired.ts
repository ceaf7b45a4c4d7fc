// The desired managed node groups, in the private subnets of the layout.
import { EKS_CLUSTER_ID, privateSubnetRefs } from "../eks-cluster/desired.js";
import { tagsFor } from "../shared/desired-tags.js";
import { sortedRecord } from "../shared/normalise.js";
import type { DesiredInput, DesiredResource } from "../types.js";

export function nodegroupId(name: string): string {
  return `eks-nodegroup/${name}`;
}

export function desiredEksNodegroups(input: DesiredInput): DesiredResource[] {
  const cluster = input.declaration.metadata.name;
  const subnetIds = privateSubnetRefs(input);
  return input.declaration.eks.nodeGroups.map((group) => {
    const id = nodegroupId(group.name);
    return {
      id,
      kind: "eks-nodegroup",
      name: group.name,
      properties: {
        name: group.name,
        clusterName: { $ref: EKS_CLUSTER_ID, output: "name" },
        nodeRole: input.eksNodeRoleArn,
        // The cluster's Kubernetes version: upgraded in place after the control plane (it depends on it).
        version: input.declaration.eks.version,
        subnetIds,
        instanceTypes: [...group.instanceTypes],
        capacityType: group.capacityType,
        diskSize: group.diskSize,
        minSize: group.minSize,
        desiredSize: group.desiredSize,
        maxSize: group.maxSize,
        labels: sortedRecord(group.labels),
      },
      dependsOn: [EKS_CLUSTER_ID, ...subnetIds.map((ref) => ref.$ref)],
      tags: tagsFor(input, id, `${cluster}-${group.name}`),
    };
  });
}

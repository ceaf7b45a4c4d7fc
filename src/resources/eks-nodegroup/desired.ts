// The desired managed node groups, in the private subnets of the layout: one per declared group,
// or one per availability zone (<name>-<zone letter>) when the group asks for it. Each starts its
// nodes from its declared group's launch template, at the template's latest version.
import type { NodeGroup, SubnetLayout, TaintEffect } from "../../declaration/types.js";
import { EKS_CLUSTER_ID } from "../eks-cluster/desired.js";
import { launchTemplateId } from "../launch-template/desired.js";
import { tagsFor } from "../shared/desired-tags.js";
import { sortedRecord } from "../shared/normalise.js";
import type { DesiredInput, DesiredResource, DesiredValue, Ref } from "../types.js";

export function nodegroupId(name: string): string {
  return `eks-nodegroup/${name}`;
}

/** Kubernetes' spelling of a taint effect → EKS's. */
export const EKS_TAINT_EFFECT: Readonly<Record<TaintEffect, string>> = {
  NoSchedule: "NO_SCHEDULE",
  PreferNoSchedule: "PREFER_NO_SCHEDULE",
  NoExecute: "NO_EXECUTE",
};

function taints(group: NodeGroup): DesiredValue[] {
  return group.taints.map((taint) => ({ key: taint.key, value: taint.value, effect: EKS_TAINT_EFFECT[taint.effect] }));
}

/** The EKS node groups one declared group becomes: its name and its subnets. */
function placements(group: NodeGroup, privateSubnets: readonly SubnetLayout[]): { name: string; subnets: SubnetLayout[] }[] {
  if (!group.perAvailabilityZone) return [{ name: group.name, subnets: [...privateSubnets] }];
  return privateSubnets.map((subnet) => ({ name: `${group.name}-${subnet.zoneLetter}`, subnets: [subnet] }));
}

/** The ids of every EKS node group the declaration becomes (per-zone groups each have their own). */
export function desiredNodegroupIds(input: Pick<DesiredInput, "declaration" | "layout">): string[] {
  const privateSubnets = input.layout.subnets.filter((subnet) => subnet.tier === "private");
  return input.declaration.eks.nodeGroups.flatMap((group) => placements(group, privateSubnets).map(({ name }) => nodegroupId(name)));
}

export function desiredEksNodegroups(input: DesiredInput): DesiredResource[] {
  const cluster = input.declaration.metadata.name;
  const privateSubnets = input.layout.subnets.filter((subnet) => subnet.tier === "private");
  return input.declaration.eks.nodeGroups.flatMap((group) => {
    const template = launchTemplateId(group.name);
    return placements(group, privateSubnets).map(({ name, subnets }) => {
      const id = nodegroupId(name);
      const subnetIds: Ref[] = subnets.map((subnet) => ({ $ref: subnet.id, output: "id" }));
      return {
        id,
        kind: "eks-nodegroup",
        name,
        properties: {
          name,
          clusterName: { $ref: EKS_CLUSTER_ID, output: "name" },
          nodeRole: input.eksNodeRoleArn,
          // The cluster's Kubernetes version: upgraded in place after the control plane (it depends on it).
          version: input.declaration.eks.version,
          subnetIds,
          instanceTypes: [...group.instanceTypes],
          capacityType: group.capacityType,
          launchTemplateId: { $ref: template, output: "id" },
          launchTemplateVersion: { $ref: template, output: "version" },
          minSize: group.minSize,
          desiredSize: group.desiredSize,
          maxSize: group.maxSize,
          labels: sortedRecord(group.labels),
          taints: taints(group),
        },
        dependsOn: [EKS_CLUSTER_ID, template, ...subnetIds.map((ref) => ref.$ref)],
        tags: tagsFor(input, id, `${cluster}-${name}`),
      };
    });
  });
}

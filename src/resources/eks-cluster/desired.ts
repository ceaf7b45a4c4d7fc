// The desired EKS cluster: one per declaration, in the private subnets of the layout.
import type { ControlPlaneLogType } from "../../declaration/types.js";
import { tagsFor } from "../shared/desired-tags.js";
import { sortedSet } from "../shared/normalise.js";
import type { DesiredInput, DesiredResource, Ref } from "../types.js";

export const EKS_CLUSTER_ID = "eks-cluster";

/** Every control-plane log type, in the order AWS documents them. */
export const LOG_TYPES: readonly ControlPlaneLogType[] = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

/** Log types in the canonical order, so desired and actual compare equal. */
export function canonicalLogTypes(types: readonly string[]): string[] {
  return LOG_TYPES.filter((type) => types.includes(type));
}

/** Refs to the ids of the layout's private subnets, in zone order. */
export function privateSubnetRefs(input: DesiredInput): Ref[] {
  return input.layout.subnets
    .filter((subnet) => subnet.tier === "private")
    .map((subnet) => ({ $ref: subnet.id, output: "id" }));
}

export function desiredEksCluster(input: DesiredInput): DesiredResource[] {
  const { declaration } = input;
  const name = declaration.metadata.name;
  const subnetIds = privateSubnetRefs(input);
  return [
    {
      id: EKS_CLUSTER_ID,
      kind: "eks-cluster",
      name,
      properties: {
        name,
        version: declaration.eks.version,
        roleArn: input.eksClusterRoleArn,
        subnetIds,
        endpointPublicAccess: declaration.eks.endpointPublicAccess,
        endpointPrivateAccess: declaration.eks.endpointPrivateAccess,
        publicAccessCidrs: sortedSet(declaration.eks.publicAccessCidrs),
        logging: canonicalLogTypes(declaration.eks.logging),
        authenticationMode: declaration.eks.authenticationMode,
      },
      dependsOn: subnetIds.map((ref) => ref.$ref),
      tags: tagsFor(input, EKS_CLUSTER_ID, name),
    },
  ];
}

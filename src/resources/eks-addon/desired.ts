// The desired managed add-ons: each at its pinned version or EKS's default for the declared
// Kubernetes version. They follow the control plane (they depend on the cluster, so an upgrade
// reaches them after it), and add-ons that run as Deployments wait for the node groups.
import { EKS_CLUSTER_ID } from "../eks-cluster/desired.js";
import { desiredNodegroupIds } from "../eks-nodegroup/desired.js";
import { tagsFor } from "../shared/desired-tags.js";
import type { DesiredInput, DesiredResource } from "../types.js";

/** Add-ons that run on every node as DaemonSets (or none): they need no node to become ACTIVE. */
export const ADDONS_WITHOUT_NODES: readonly string[] = ["vpc-cni", "kube-proxy", "eks-pod-identity-agent"];

export function addonId(name: string): string {
  return `eks-addon/${name}`;
}

export function desiredEksAddons(input: DesiredInput): DesiredResource[] {
  const cluster = input.declaration.metadata.name;
  const nodegroups = desiredNodegroupIds(input);
  return input.declaration.eks.addons.map((addon) => {
    const id = addonId(addon.name);
    return {
      id,
      kind: "eks-addon",
      name: addon.name,
      properties: {
        clusterName: { $ref: EKS_CLUSTER_ID, output: "name" },
        name: addon.name,
        version: addon.version ?? input.addonVersions?.[addon.name]?.defaultVersion ?? null,
      },
      dependsOn: [EKS_CLUSTER_ID, ...(ADDONS_WITHOUT_NODES.includes(addon.name) ? [] : nodegroups)],
      tags: tagsFor(input, id, `${cluster}-${addon.name}`),
    };
  });
}

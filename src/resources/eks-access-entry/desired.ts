// The desired EKS access entries: one per declared principal, each with one access policy at
// cluster scope or limited to namespaces.
import type { AccessPolicyName } from "../../declaration/types.js";
import { EKS_CLUSTER_ID } from "../eks-cluster/desired.js";
import { tagsFor } from "../shared/desired-tags.js";
import { sortedSet } from "../shared/normalise.js";
import type { DesiredInput, DesiredResource } from "../types.js";

export const ACCESS_POLICY_ARNS: Readonly<Record<AccessPolicyName, string>> = {
  "cluster-admin": "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
  admin: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy",
  edit: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy",
  view: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy",
};

export const CLUSTER_ADMIN_POLICY_ARN = ACCESS_POLICY_ARNS["cluster-admin"];

/** "eks-access-entry/123456789012:role/booking-admins": the principal without its "arn:aws:iam::" prefix. */
export function accessEntryId(principalArn: string): string {
  return `eks-access-entry/${principalArn.replace(/^arn:aws[a-z-]*:iam::/, "")}`;
}

export function desiredEksAccessEntries(input: DesiredInput): DesiredResource[] {
  const cluster = input.declaration.metadata.name;
  return input.declaration.eks.accessEntries.map((entry) => {
    const id = accessEntryId(entry.principalArn);
    const name = entry.principalArn.split("/").pop() ?? entry.principalArn;
    return {
      id,
      kind: "eks-access-entry",
      name,
      properties: {
        clusterName: { $ref: EKS_CLUSTER_ID, output: "name" },
        principalArn: entry.principalArn,
        accessPolicy: ACCESS_POLICY_ARNS[entry.accessPolicy],
        namespaces: sortedSet(entry.namespaces),
      },
      dependsOn: [EKS_CLUSTER_ID],
      tags: tagsFor(input, id, `${cluster}-${name}`),
    };
  });
}

// The desired EKS Pod Identity associations: a namespace/service account bound to an IAM role that
// an administrator made (okctl creates no IAM; the role was checked against workloadRoles).
import { EKS_CLUSTER_ID } from "../eks-cluster/desired.js";
import { tagsFor } from "../shared/desired-tags.js";
import type { DesiredInput, DesiredResource } from "../types.js";

export function podIdentityId(namespace: string, serviceAccount: string): string {
  return `eks-pod-identity/${namespace}/${serviceAccount}`;
}

export function desiredEksPodIdentities(input: DesiredInput): DesiredResource[] {
  const cluster = input.declaration.metadata.name;
  return input.declaration.eks.podIdentities.map((pod) => {
    const id = podIdentityId(pod.namespace, pod.serviceAccount);
    return {
      id,
      kind: "eks-pod-identity",
      name: `${pod.namespace}/${pod.serviceAccount}`,
      properties: {
        clusterName: { $ref: EKS_CLUSTER_ID, output: "name" },
        namespace: pod.namespace,
        serviceAccount: pod.serviceAccount,
        roleArn: pod.roleArn,
      },
      dependsOn: [EKS_CLUSTER_ID],
      tags: tagsFor(input, id, `${cluster}-${pod.namespace}-${pod.serviceAccount}`),
    };
  });
}

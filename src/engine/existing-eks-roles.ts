// The two EKS roles for a plan made without the server's access configuration (a developer's
// local plan): the ones the existing cluster and node groups use, so that they plan no change; for
// what does not exist yet, a placeholder that says where the real value comes from.
import type { AwsClients } from "../aws/clients.js";
import { describeCluster } from "../resources/eks-cluster/read.js";
import { describeNodegroup, listNodegroupNames } from "../resources/eks-nodegroup/read.js";

export const CLUSTER_ROLE_PLACEHOLDER = "(eksClusterRoleArn of the repository's access entry)";
export const NODE_ROLE_PLACEHOLDER = "(eksNodeRoleArn of the repository's access entry)";

export async function existingEksRoles(clients: AwsClients, clusterName: string): Promise<{ eksClusterRoleArn: string; eksNodeRoleArn: string }> {
  const cluster = await describeCluster(clients.eks, clusterName);
  const [first] = cluster ? await listNodegroupNames(clients.eks, clusterName) : [];
  const group = first ? await describeNodegroup(clients.eks, clusterName, first) : undefined;
  return { eksClusterRoleArn: cluster?.roleArn ?? CLUSTER_ROLE_PLACEHOLDER, eksNodeRoleArn: group?.nodeRole ?? NODE_ROLE_PLACEHOLDER };
}

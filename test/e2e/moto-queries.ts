// What exists in moto for one cluster, read with the AWS SDK the way an operator would check.
import { DescribeLaunchTemplateVersionsCommand, DescribeNatGatewaysCommand, DescribeSubnetsCommand, DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { DescribeClusterCommand, DescribeNodegroupCommand, ListNodegroupsCommand } from "@aws-sdk/client-eks";
import { GetParametersByPathCommand } from "@aws-sdk/client-ssm";
import type { AwsClients } from "../../src/aws/clients.js";

export interface ClusterResources {
  vpcs: number;
  subnets: number;
  /** NAT gateways not deleted (pending or available). */
  natGateways: number;
  /** The EKS cluster's version, or null when it does not exist. */
  eksCluster: string | null;
  nodegroups: string[];
  parameters: string[];
}

const byCluster = (cluster: string) => [{ Name: "tag:okctl.io/cluster", Values: [cluster] }];

export async function clusterResources(clients: AwsClients, cluster: string): Promise<ClusterResources> {
  const vpcs = (await clients.ec2.send(new DescribeVpcsCommand({ Filters: byCluster(cluster) }))).Vpcs ?? [];
  const subnets = (await clients.ec2.send(new DescribeSubnetsCommand({ Filters: byCluster(cluster) }))).Subnets ?? [];
  const nats = (await clients.ec2.send(new DescribeNatGatewaysCommand({ Filter: byCluster(cluster) }))).NatGateways ?? [];
  let eksCluster: string | null = null;
  let nodegroups: string[] = [];
  try {
    eksCluster = (await clients.eks.send(new DescribeClusterCommand({ name: cluster }))).cluster?.version ?? null;
    nodegroups = (await clients.eks.send(new ListNodegroupsCommand({ clusterName: cluster }))).nodegroups ?? [];
  } catch (error) {
    if ((error as { name?: string }).name !== "ResourceNotFoundException") throw error;
  }
  const parameters = await clients.ssm.send(new GetParametersByPathCommand({ Path: `/okctl/${cluster}`, Recursive: true }));
  return {
    vpcs: vpcs.length,
    subnets: subnets.length,
    natGateways: nats.filter((nat) => nat.State !== "deleted" && nat.State !== "deleting").length,
    eksCluster,
    nodegroups,
    parameters: (parameters.Parameters ?? []).map((p) => p.Name ?? "").sort(),
  };
}

/** The launch template a node group runs from: its name, root volume and metadata options, from EKS and EC2. */
export async function nodegroupLaunchTemplate(clients: AwsClients, cluster: string, nodegroupName: string) {
  const group = (await clients.eks.send(new DescribeNodegroupCommand({ clusterName: cluster, nodegroupName }))).nodegroup;
  const spec = group?.launchTemplate;
  if (!spec?.id) return undefined;
  const [version] = (await clients.ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: spec.id, Versions: [spec.version ?? "$Latest"] }))).LaunchTemplateVersions ?? [];
  return {
    name: spec.name,
    rootVolume: version?.LaunchTemplateData?.BlockDeviceMappings?.[0]?.Ebs,
    metadata: version?.LaunchTemplateData?.MetadataOptions,
  };
}

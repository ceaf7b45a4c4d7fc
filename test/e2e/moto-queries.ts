// What exists in moto for one cluster, read with the AWS SDK the way an operator would check.
import { DescribeLaunchTemplateVersionsCommand, DescribeNatGatewaysCommand, DescribeSubnetsCommand, DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import {
  DescribeAddonCommand,
  DescribeClusterCommand,
  DescribeNodegroupCommand,
  DescribePodIdentityAssociationCommand,
  ListAccessEntriesCommand,
  ListAddonsCommand,
  ListAssociatedAccessPoliciesCommand,
  ListNodegroupsCommand,
  ListPodIdentityAssociationsCommand,
} from "@aws-sdk/client-eks";
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

/** Who may use the cluster, its add-ons and its pods' roles, as EKS (the stand-in) lists them. */
export async function clusterAccess(clients: AwsClients, cluster: string) {
  const principals = (await clients.eks.send(new ListAccessEntriesCommand({ clusterName: cluster }))).accessEntries ?? [];
  const accessEntries: Record<string, string[]> = {};
  for (const principalArn of principals) {
    const policies = await clients.eks.send(new ListAssociatedAccessPoliciesCommand({ clusterName: cluster, principalArn }));
    accessEntries[principalArn] = (policies.associatedAccessPolicies ?? []).map((policy) => policy.policyArn?.split("/").at(-1) ?? "");
  }
  const addons: Record<string, { version: string | undefined; status: string | undefined }> = {};
  for (const addonName of (await clients.eks.send(new ListAddonsCommand({ clusterName: cluster }))).addons ?? []) {
    const addon = (await clients.eks.send(new DescribeAddonCommand({ clusterName: cluster, addonName }))).addon;
    addons[addonName] = { version: addon?.addonVersion, status: addon?.status };
  }
  const podIdentities: Record<string, string | undefined> = {};
  for (const summary of (await clients.eks.send(new ListPodIdentityAssociationsCommand({ clusterName: cluster }))).associations ?? []) {
    const association = (await clients.eks.send(new DescribePodIdentityAssociationCommand({ clusterName: cluster, associationId: summary.associationId! }))).association;
    podIdentities[`${summary.namespace}/${summary.serviceAccount}`] = association?.roleArn;
  }
  return { accessEntries, addons, podIdentities };
}

// Counts what exists in (moto's) AWS for one cluster, independently of the engine's own reads:
// the engine tests use it to prove there are no duplicates and nothing left behind.
import { DescribeAddressesCommand, DescribeInternetGatewaysCommand, DescribeNatGatewaysCommand, DescribeRouteTablesCommand, DescribeSubnetsCommand, DescribeVpcsCommand, type Filter } from "@aws-sdk/client-ec2";
import { DescribeClusterCommand, ListClustersCommand, ListNodegroupsCommand } from "@aws-sdk/client-eks";
import { ListCertificatesCommand } from "@aws-sdk/client-acm";
import { ListHostedZonesCommand } from "@aws-sdk/client-route-53";
import { DescribeParametersCommand } from "@aws-sdk/client-ssm";
import type { AwsClients } from "../../src/aws/clients.js";

export interface Inventory {
  vpcs: number;
  internetGateways: number;
  subnets: number;
  elasticIps: number;
  natGateways: number;
  routeTables: number;
  hostedZones: number;
  certificates: number;
  parameters: number;
  eksClusters: number;
  nodegroups: number;
}

/** What the full example (3 AZs, highAvailability, 1 node group, 1 certificate, 2 parameters) creates. */
export const FULL_EXAMPLE_INVENTORY: Inventory = {
  vpcs: 1,
  internetGateways: 1,
  subnets: 9,
  elasticIps: 3,
  natGateways: 3,
  routeTables: 5,
  hostedZones: 1,
  certificates: 1,
  parameters: 2,
  eksClusters: 1,
  nodegroups: 1,
};

export const EMPTY_INVENTORY: Inventory = Object.fromEntries(Object.keys(FULL_EXAMPLE_INVENTORY).map((key) => [key, 0])) as unknown as Inventory;

const withDot = (name: string): string => (name.endsWith(".") ? name : `${name}.`);

async function eksCounts(clients: AwsClients, cluster: string): Promise<{ eksClusters: number; nodegroups: number }> {
  const names = (await clients.eks.send(new ListClustersCommand({}))).clusters ?? [];
  let eksClusters = 0;
  let nodegroups = 0;
  for (const name of names) {
    const described = (await clients.eks.send(new DescribeClusterCommand({ name }))).cluster;
    if (described?.tags?.["okctl.io/cluster"] !== cluster || described.status === "DELETING") continue;
    eksClusters += 1;
    nodegroups += ((await clients.eks.send(new ListNodegroupsCommand({ clusterName: name }))).nodegroups ?? []).length;
  }
  return { eksClusters, nodegroups };
}

/** Counts the cluster's resources of every kind, found by the okctl.io/cluster tag (zones and certificates by name). */
export async function inventory(clients: AwsClients, cluster: string, domain: string): Promise<Inventory> {
  const { ec2 } = clients;
  const Filters: Filter[] = [{ Name: "tag:okctl.io/cluster", Values: [cluster] }];
  const vpcs = (await ec2.send(new DescribeVpcsCommand({ Filters }))).Vpcs ?? [];
  const vpcIds = vpcs.map((vpc) => vpc.VpcId!);
  const nats = vpcIds.length === 0 ? [] : ((await ec2.send(new DescribeNatGatewaysCommand({ Filter: [{ Name: "vpc-id", Values: vpcIds }] }))).NatGateways ?? []);
  const zones = (await clients.route53.send(new ListHostedZonesCommand({}))).HostedZones ?? [];
  const certificates = (await clients.acm.send(new ListCertificatesCommand({}))).CertificateSummaryList ?? [];
  const parameters = (await clients.ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: "Path", Option: "Recursive", Values: [`/okctl/${cluster}`] }], MaxResults: 50 }))).Parameters ?? [];
  return {
    vpcs: vpcs.length,
    internetGateways: ((await ec2.send(new DescribeInternetGatewaysCommand({ Filters }))).InternetGateways ?? []).length,
    subnets: ((await ec2.send(new DescribeSubnetsCommand({ Filters }))).Subnets ?? []).length,
    elasticIps: ((await ec2.send(new DescribeAddressesCommand({ Filters }))).Addresses ?? []).length,
    natGateways: nats.filter((nat) => nat.State !== "deleted" && nat.State !== "deleting").length,
    routeTables: ((await ec2.send(new DescribeRouteTablesCommand({ Filters }))).RouteTables ?? []).length,
    hostedZones: zones.filter((zone) => zone.Name === withDot(domain)).length,
    certificates: certificates.filter((summary) => summary.DomainName?.endsWith(domain)).length,
    parameters: parameters.length,
    ...(await eksCounts(clients, cluster)),
  };
}

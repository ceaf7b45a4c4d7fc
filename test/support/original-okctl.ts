// What the original okctl (CloudFormation + eksctl, `alpha.okctl.io/*` tags) leaves in an account
// for the cluster booking-dev: a public zone with records and its NS delegation in the parent zone,
// a SecureString under /okctl/booking-dev/, the VPC with its nine subnets, internet gateway, three
// Elastic IPs and NAT gateways and its route tables (okctl-vpc-booking-dev), and the EKS cluster.
// Seeded straight through the AWS APIs, as the original's stacks would have made them.
import {
  AllocateAddressCommand,
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateNatGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  ModifySubnetAttributeCommand,
  ModifyVpcAttributeCommand,
} from "@aws-sdk/client-ec2";
import { CreateClusterCommand } from "@aws-sdk/client-eks";
import { ChangeResourceRecordSetsCommand, ChangeTagsForResourceCommand, CreateHostedZoneCommand, GetHostedZoneCommand } from "@aws-sdk/client-route-53";
import { PutParameterCommand } from "@aws-sdk/client-ssm";
import type { AwsClients } from "../../src/aws/clients.js";
import { deriveLayout } from "../../src/declaration/derive.js";
import type { Adoption } from "../../src/declaration/types.js";
import { fullDeclaration, TEST_EKS_CLUSTER_ROLE_ARN } from "./declarations.js";

export const ORIGINAL_TAGS = {
  "alpha.okctl.io/okctl-version": "0.0.107",
  "alpha.okctl.io/okctl-commit": "4c3b2a1",
  "alpha.okctl.io/managed": "true",
  "alpha.okctl.io/cluster-name": "booking-dev",
};

export const ORIGINAL_SECRET_NAME = "/okctl/booking-dev/argocd/client_secret";
export const ORIGINAL_SECRET_VALUE = "made-by-the-original-okctl-keep-me";

export interface OriginalOkctl {
  zoneId: string;
  parentZoneId: string;
  vpcId: string;
  /** Logical id (subnet/private-a …) → subnet id. */
  subnetIds: Record<string, string>;
  /** Logical id (internet-gateway, elastic-ip/a, nat-gateway/a, route-table/public …) → AWS id, for the rest of the network. */
  gatewayIds: Record<string, string>;
  /** The adopt entries that take all of it over. */
  adopt: Adoption[];
}

const tagList = (tags: Record<string, string>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

async function seedDns(clients: AwsClients): Promise<{ zoneId: string; parentZoneId: string }> {
  const { route53 } = clients;
  const parent = await route53.send(new CreateHostedZoneCommand({ Name: "oslo.systems", CallerReference: "terraform-oslo-systems" }));
  const zone = await route53.send(new CreateHostedZoneCommand({ Name: "booking-dev.oslo.systems", CallerReference: "okctl-domain-booking-dev" }));
  const zoneId = zone.HostedZone!.Id!.replace("/hostedzone/", "");
  const parentZoneId = parent.HostedZone!.Id!.replace("/hostedzone/", "");
  await route53.send(new ChangeTagsForResourceCommand({ ResourceType: "hostedzone", ResourceId: zoneId, AddTags: tagList(ORIGINAL_TAGS) }));
  const record = (Name: string, Type: "A" | "CNAME" | "TXT", Value: string) => ({ Action: "UPSERT" as const, ResourceRecordSet: { Name, Type, TTL: 300, ResourceRecords: [{ Value }] } });
  await route53.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: zoneId,
      ChangeBatch: {
        Changes: [
          record("argocd.booking-dev.oslo.systems", "CNAME", "k8s-argocd-1234.eu-west-1.elb.amazonaws.com"),
          record("app.booking-dev.oslo.systems", "A", "192.0.2.10"),
          record("booking-dev.oslo.systems", "TXT", '"google-site-verification=abc"'),
        ],
      },
    }),
  );
  const servers = (await route53.send(new GetHostedZoneCommand({ Id: zoneId }))).DelegationSet?.NameServers ?? [];
  await route53.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: parentZoneId,
      ChangeBatch: { Changes: [{ Action: "CREATE", ResourceRecordSet: { Name: "booking-dev.oslo.systems", Type: "NS", TTL: 300, ResourceRecords: servers.map((Value) => ({ Value })) } }] },
    }),
  );
  return { zoneId, parentZoneId };
}

/** What the VPC stack made around the subnets: the gateways, their addresses and the route tables. */
async function seedGateways(clients: AwsClients, vpcId: string, subnetIds: Record<string, string>): Promise<Record<string, string>> {
  const { ec2 } = clients;
  const tags = (ResourceType: "internet-gateway" | "elastic-ip" | "natgateway" | "route-table", name: string, logicalId: string) => [
    { ResourceType, Tags: tagList({ ...ORIGINAL_TAGS, Name: name, "aws:cloudformation:stack-name": "okctl-vpc-booking-dev", "aws:cloudformation:logical-id": logicalId }) },
  ];
  const ids: Record<string, string> = {};
  const igw = await ec2.send(new CreateInternetGatewayCommand({ TagSpecifications: tags("internet-gateway", "okctl-vpc-booking-dev-igw", "InternetGateway") }));
  ids["internet-gateway"] = igw.InternetGateway!.InternetGatewayId!;
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: ids["internet-gateway"], VpcId: vpcId }));
  const table = async (id: string, subnets: string[], route?: { GatewayId?: string; NatGatewayId?: string }) => {
    const suffix = id.replace("route-table/", "");
    const created = await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId, TagSpecifications: tags("route-table", `okctl-vpc-booking-dev-${suffix}`, `RouteTable${suffix}`) }));
    ids[id] = created.RouteTable!.RouteTableId!;
    if (route) await ec2.send(new CreateRouteCommand({ RouteTableId: ids[id], DestinationCidrBlock: "0.0.0.0/0", ...route }));
    for (const subnet of subnets) await ec2.send(new AssociateRouteTableCommand({ RouteTableId: ids[id], SubnetId: subnetIds[subnet] }));
  };
  await table("route-table/public", ["subnet/public-a", "subnet/public-b", "subnet/public-c"], { GatewayId: ids["internet-gateway"] });
  for (const letter of ["a", "b", "c"]) {
    const address = await ec2.send(new AllocateAddressCommand({ Domain: "vpc", TagSpecifications: tags("elastic-ip", `okctl-vpc-booking-dev-eip-${letter}`, `NatGatewayEIP${letter}`) }));
    ids[`elastic-ip/${letter}`] = address.AllocationId!;
    const nat = await ec2.send(
      new CreateNatGatewayCommand({ SubnetId: subnetIds[`subnet/public-${letter}`], AllocationId: address.AllocationId, TagSpecifications: tags("natgateway", `okctl-vpc-booking-dev-nat-${letter}`, `NatGateway${letter}`) }),
    );
    ids[`nat-gateway/${letter}`] = nat.NatGateway!.NatGatewayId!;
    await table(`route-table/private-${letter}`, [`subnet/private-${letter}`], { NatGatewayId: ids[`nat-gateway/${letter}`] });
  }
  await table("route-table/database", ["subnet/database-a", "subnet/database-b", "subnet/database-c"]);
  return ids;
}

async function seedNetwork(clients: AwsClients): Promise<{ vpcId: string; subnetIds: Record<string, string>; gatewayIds: Record<string, string> }> {
  const { ec2 } = clients;
  const vpc = await ec2.send(
    new CreateVpcCommand({
      CidrBlock: "192.168.0.0/20",
      TagSpecifications: [{ ResourceType: "vpc", Tags: tagList({ ...ORIGINAL_TAGS, Name: "okctl-vpc-booking-dev", "kubernetes.io/cluster/booking-dev": "shared" }) }],
    }),
  );
  const vpcId = vpc.Vpc!.VpcId!;
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsSupport: { Value: true } }));
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
  const subnetIds: Record<string, string> = {};
  // The original's layout is okctl's: /24s public → private → database over zones a, b, c.
  for (const subnet of deriveLayout(fullDeclaration()).subnets) {
    const role: Record<string, string> = subnet.tier === "public" ? { "kubernetes.io/role/elb": "1" } : subnet.tier === "private" ? { "kubernetes.io/role/internal-elb": "1" } : {};
    const created = await ec2.send(
      new CreateSubnetCommand({
        VpcId: vpcId,
        CidrBlock: subnet.cidr,
        AvailabilityZone: subnet.availabilityZone,
        TagSpecifications: [{ ResourceType: "subnet", Tags: tagList({ ...ORIGINAL_TAGS, ...role, Name: `okctl-vpc-booking-dev-${subnet.tier}-${subnet.zoneLetter}` }) }],
      }),
    );
    subnetIds[subnet.id] = created.Subnet!.SubnetId!;
    if (subnet.tier === "public") await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: subnetIds[subnet.id], MapPublicIpOnLaunch: { Value: true } }));
  }
  return { vpcId, subnetIds, gatewayIds: await seedGateways(clients, vpcId, subnetIds) };
}

/** Seeds the account as the original okctl left it; returns the identifiers and the adopt entries. */
export async function seedOriginalOkctl(clients: AwsClients): Promise<OriginalOkctl> {
  const dns = await seedDns(clients);
  const network = await seedNetwork(clients);
  await clients.ssm.send(
    new PutParameterCommand({ Name: ORIGINAL_SECRET_NAME, Type: "SecureString", Value: ORIGINAL_SECRET_VALUE, Tags: tagList(ORIGINAL_TAGS) }),
  );
  const privateSubnets = Object.entries(network.subnetIds).filter(([id]) => id.startsWith("subnet/private-")).map(([, subnetId]) => subnetId);
  await clients.eks.send(
    new CreateClusterCommand({
      name: "booking-dev",
      version: "1.31",
      roleArn: TEST_EKS_CLUSTER_ROLE_ARN,
      resourcesVpcConfig: { subnetIds: privateSubnets, endpointPublicAccess: true, endpointPrivateAccess: true, publicAccessCidrs: ["0.0.0.0/0"] },
      logging: { clusterLogging: [{ types: ["api", "audit", "authenticator", "controllerManager", "scheduler"], enabled: true }] },
      tags: { ...ORIGINAL_TAGS, "alpha.okctl.io/eksctl": "eksctl-booking-dev-cluster" },
    }),
  );
  const adopt: Adoption[] = [
    { resource: "hosted-zone", id: dns.zoneId },
    { resource: "vpc", id: network.vpcId },
    ...Object.entries({ ...network.subnetIds, ...network.gatewayIds }).map(([resource, id]) => ({ resource, id })),
    { resource: "eks-cluster", id: "booking-dev" },
    { resource: "parameter/argocd/client_secret", id: ORIGINAL_SECRET_NAME },
  ];
  return { ...dns, ...network, adopt };
}

// What a create inside an existing VPC would collide with (issue 8, point 3): EC2 refuses a second
// internet gateway on a VPC and a subnet overlapping another, silently makes a second NAT gateway
// (and its address) in a zone, and a new route table takes subnets away from the table they are
// associated with. Looked up only for resources the plan creates whose VPC or subnets exist
// already (an adopted or kept VPC): a new VPC is empty. What is tagged for this cluster is not a
// collision: the read found it (ours, or another repository's conflict).
import {
  DescribeAddressesCommand,
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  type NatGateway,
} from "@aws-sdk/client-ec2";
import { ipv4CidrsOverlap, parseIpv4Cidr } from "../../declaration/ipv4.js";
import { originalOkctlNote } from "../shared/original-okctl.js";
import type { Collision, DesiredResource, DesiredValue, ReadContext } from "../types.js";
import { leftBehindAddressCollisions, leftBehindRouteTableCollisions } from "./left-behind.js";
import { collectPages } from "./paginate.js";
import { fromEc2Tags, isTaggedForCluster } from "./tags.js";

/** A resolved property that is an AWS id (not a `{ unknown: true }` marker). */
function known(value: DesiredValue | undefined): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function knownList(value: DesiredValue | undefined): string[] {
  return Array.isArray(value) ? value.map((item) => known(item)).filter((item): item is string => item !== undefined) : [];
}

const distinct = (values: (string | undefined)[]): string[] => [...new Set(values.filter((value): value is string => value !== undefined))];

const notOurs = (ctx: ReadContext) => (item: { Tags?: { Key?: string; Value?: string }[] | undefined }) => !isTaggedForCluster(fromEc2Tags(item.Tags), ctx.cluster);

/** EC2 refuses a second internet gateway on a VPC. */
export async function internetGatewayCollisions(ctx: ReadContext, creating: readonly DesiredResource[]): Promise<Collision[]> {
  const vpcIds = distinct(creating.map((resource) => known(resource.properties.vpcId)));
  if (vpcIds.length === 0) return [];
  const gateways = await collectPages(async (NextToken) => {
    const page = await ctx.clients.ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: "attachment.vpc-id", Values: vpcIds }], NextToken }));
    return { items: page.InternetGateways, nextToken: page.NextToken };
  });
  return creating.flatMap((resource) => {
    const vpcId = known(resource.properties.vpcId);
    return gateways
      .filter(notOurs(ctx))
      .filter((gateway) => gateway.InternetGatewayId && (gateway.Attachments ?? []).some((attachment) => attachment.VpcId === vpcId))
      .map((gateway) => ({
        id: resource.id,
        kind: "internet-gateway" as const,
        physicalId: gateway.InternetGatewayId!,
        description: `the internet gateway ${gateway.InternetGatewayId} attached to ${vpcId}${originalOkctlNote(fromEc2Tags(gateway.Tags))}`,
        consequence: "fail (a VPC has at most one internet gateway)",
      }));
  });
}

/** Live NAT gateways, not tagged for this cluster, in these subnets (one call). */
async function foreignNatGateways(ctx: ReadContext, subnetIds: string[]): Promise<NatGateway[]> {
  if (subnetIds.length === 0) return [];
  const gateways = await collectPages(async (NextToken) => {
    const page = await ctx.clients.ec2.send(
      new DescribeNatGatewaysCommand({ Filter: [{ Name: "subnet-id", Values: subnetIds }, { Name: "state", Values: ["pending", "available"] }], NextToken }),
    );
    return { items: page.NatGateways, nextToken: page.NextToken };
  });
  // moto ignores some filters on this call: check them here too.
  return gateways.filter((gateway) => gateway.NatGatewayId && subnetIds.includes(gateway.SubnetId ?? "") && ["pending", "available"].includes(gateway.State ?? "")).filter(notOurs(ctx));
}

/** EC2 makes a second NAT gateway in a subnet without a word (and bills both). */
export async function natGatewayCollisions(ctx: ReadContext, creating: readonly DesiredResource[]): Promise<Collision[]> {
  const gateways = await foreignNatGateways(ctx, distinct(creating.map((resource) => known(resource.properties.subnetId))));
  return creating.flatMap((resource) =>
    gateways
      .filter((gateway) => gateway.SubnetId === known(resource.properties.subnetId))
      .map((gateway) => ({
        id: resource.id,
        kind: "nat-gateway" as const,
        physicalId: gateway.NatGatewayId!,
        description: `the NAT gateway ${gateway.NatGatewayId} in ${gateway.SubnetId}${originalOkctlNote(fromEc2Tags(gateway.Tags))}`,
      })),
  );
}

const primaryAllocation = (gateway: NatGateway): string | undefined =>
  gateway.NatGatewayAddresses?.find((address) => address.IsPrimary !== false)?.AllocationId;

/**
 * An Elastic IP has no natural identity: the one that collides is the address of the NAT gateway
 * already in the subnet where this address's NAT gateway would go (a second address, billed).
 */
async function natAddressCollisions(ctx: ReadContext, creating: readonly DesiredResource[]): Promise<Collision[]> {
  const subnetOf = (resource: DesiredResource) =>
    known(ctx.desired.find((other) => other.kind === "nat-gateway" && other.dependsOn.includes(resource.id))?.properties.subnetId);
  const gateways = await foreignNatGateways(ctx, distinct(creating.map(subnetOf)));
  const allocations = distinct(gateways.map(primaryAllocation));
  if (allocations.length === 0) return [];
  const addresses = (await ctx.clients.ec2.send(new DescribeAddressesCommand({ Filters: [{ Name: "allocation-id", Values: allocations }] }))).Addresses ?? [];
  return creating.flatMap((resource) =>
    gateways
      .filter((gateway) => gateway.SubnetId === subnetOf(resource) && primaryAllocation(gateway))
      .map((gateway) => {
        const allocationId = primaryAllocation(gateway)!;
        const address = addresses.find((candidate) => candidate.AllocationId === allocationId);
        return {
          id: resource.id,
          kind: "elastic-ip" as const,
          physicalId: allocationId,
          description:
            `the Elastic IP ${allocationId} (${address?.PublicIp ?? "?"}), the address of the NAT gateway ${gateway.NatGatewayId} in ${gateway.SubnetId}` +
            originalOkctlNote(fromEc2Tags(address?.Tags ?? gateway.Tags)),
        };
      }),
  );
}

/** Collisions of the first kind, then those `more` finds for the resources still without one. */
async function thenForTheRest(first: Collision[], creating: readonly DesiredResource[], more: (rest: DesiredResource[]) => Promise<Collision[]>): Promise<Collision[]> {
  const collided = new Set(first.map((collision) => collision.id));
  return [...first, ...(await more(creating.filter((resource) => !collided.has(resource.id))))];
}

/** The address of a NAT gateway already in the subnet; else one the original okctl left attached to nothing. */
export async function elasticIpCollisions(ctx: ReadContext, creating: readonly DesiredResource[]): Promise<Collision[]> {
  return thenForTheRest(await natAddressCollisions(ctx, creating), creating, (rest) => leftBehindAddressCollisions(ctx, rest));
}

/** A table already associated with the subnets; else one the original okctl left in the VPC with no subnet. */
export async function routeTableCollisions(ctx: ReadContext, creating: readonly DesiredResource[]): Promise<Collision[]> {
  const vpcIds = distinct(creating.map((resource) => known(resource.properties.vpcId)));
  return thenForTheRest(await associatedRouteTableCollisions(ctx, creating), creating, (rest) => leftBehindRouteTableCollisions(ctx, rest, vpcIds));
}

/** A subnet has one route table: a new table associated with it takes it away from the one it has. */
async function associatedRouteTableCollisions(ctx: ReadContext, creating: readonly DesiredResource[]): Promise<Collision[]> {
  const subnetIds = distinct(creating.flatMap((resource) => knownList(resource.properties.subnetIds)));
  if (subnetIds.length === 0) return [];
  const tables = await collectPages(async (NextToken) => {
    const page = await ctx.clients.ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: "association.subnet-id", Values: subnetIds }], NextToken }));
    return { items: page.RouteTables, nextToken: page.NextToken };
  });
  return creating.flatMap((resource) => {
    const wanted = new Set(knownList(resource.properties.subnetIds));
    return tables.filter(notOurs(ctx)).flatMap((table) => {
      const taken = (table.Associations ?? []).filter((association) => !association.Main && wanted.has(association.SubnetId ?? "")).map((association) => association.SubnetId!);
      if (taken.length === 0 || !table.RouteTableId) return [];
      return [
        {
          id: resource.id,
          kind: "route-table" as const,
          physicalId: table.RouteTableId,
          description: `the route table ${table.RouteTableId} (associated with ${taken.sort().join(", ")}${originalOkctlNote(fromEc2Tags(table.Tags))})`,
          consequence: "move its subnets away from it (their traffic would follow okctl's routes at once)",
        },
      ];
    });
  });
}

/** EC2 refuses a subnet whose CIDR overlaps another subnet's in the VPC. */
export async function subnetCollisions(ctx: ReadContext, creating: readonly DesiredResource[]): Promise<Collision[]> {
  const vpcIds = distinct(creating.map((resource) => known(resource.properties.vpcId)));
  if (vpcIds.length === 0) return [];
  const subnets = await collectPages(async (NextToken) => {
    const page = await ctx.clients.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: "vpc-id", Values: vpcIds }], NextToken }));
    return { items: page.Subnets, nextToken: page.NextToken };
  });
  return creating.flatMap((resource) => {
    const wanted = parseIpv4Cidr(known(resource.properties.cidrBlock) ?? "")?.cidr;
    const vpcId = known(resource.properties.vpcId);
    if (!wanted) return [];
    return subnets.filter(notOurs(ctx)).flatMap((subnet) => {
      const existing = parseIpv4Cidr(subnet.CidrBlock ?? "")?.cidr;
      if (subnet.VpcId !== vpcId || !subnet.SubnetId || !existing || !ipv4CidrsOverlap(wanted, existing)) return [];
      const same = subnet.CidrBlock === resource.properties.cidrBlock;
      return [
        {
          id: resource.id,
          kind: "subnet" as const,
          physicalId: subnet.SubnetId,
          description: `the subnet ${subnet.SubnetId} (${subnet.CidrBlock} in ${subnet.AvailabilityZone ?? "?"}) in ${vpcId}${originalOkctlNote(fromEc2Tags(subnet.Tags))}`,
          consequence: `fail: AWS refuses a subnet whose CIDR overlaps another in the VPC (${resource.id} is ${String(resource.properties.cidrBlock)})`,
          ...(same
            ? {}
            : {
                advice:
                  "It can't be adopted as this subnet (its CIDR differs). Delete or move that subnet, or adopt a VPC whose subnets follow okctl's layout (docs/declaration.md).",
              }),
        },
      ];
    });
  });
}

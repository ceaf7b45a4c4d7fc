// What the original okctl left behind standing alone: an Elastic IP whose NAT gateway is gone, a
// route table whose subnets were taken away. Nothing finds them through what they serve (the NAT
// gateway, the subnet associations), yet creating okctl's own makes a second one beside them (an
// unattached address is billed on). They are found by the original's cluster tag (never anything
// else unattached in the account: that is not the cluster's to claim), and paired with what the
// plan creates by the end of their Name (…-eip-a, …-private-a), the rest in order.
import { DescribeAddressesCommand, DescribeRouteTablesCommand, type Address, type RouteTable } from "@aws-sdk/client-ec2";
import { ORIGINAL_CLUSTER_TAG, originalOkctlNote } from "../shared/original-okctl.js";
import type { Collision, DesiredResource, ReadContext } from "../types.js";
import { collectPages } from "./paginate.js";
import { fromEc2Tags, isTaggedForCluster } from "./tags.js";

const originalFilter = (ctx: ReadContext) => ({ Name: `tag:${ORIGINAL_CLUSTER_TAG}`, Values: [ctx.cluster] });

/** Not okctl's (the read found those), not kept or adopted by this plan, and the original's (checked here too). */
function leftBehind(ctx: ReadContext, id: string | undefined, tags: Record<string, string>): boolean {
  return id !== undefined && !isTaggedForCluster(tags, ctx.cluster) && !ctx.claimed?.has(id) && tags[ORIGINAL_CLUSTER_TAG] === ctx.cluster;
}

/**
 * Pairs each resource to be created with at most one candidate: first the candidate whose Name
 * ends with the resource's suffix (`-a` for elastic-ip/a, `-private-a` for route-table/private-a),
 * then the rest in order of id and Name.
 */
export function pairLeftBehind<T>(
  creating: readonly DesiredResource[],
  candidates: readonly T[],
  nameOf: (candidate: T) => string,
  idOf: (candidate: T) => string,
): [DesiredResource, T][] {
  const resources = [...creating].sort((a, b) => a.id.localeCompare(b.id));
  const left = [...candidates].sort((a, b) => nameOf(a).localeCompare(nameOf(b)) || idOf(a).localeCompare(idOf(b)));
  const pairs = new Map<string, T>();
  for (const resource of resources) {
    const suffix = `-${resource.id.slice(resource.id.indexOf("/") + 1)}`;
    const index = left.findIndex((candidate) => nameOf(candidate).endsWith(suffix));
    if (index >= 0) pairs.set(resource.id, left.splice(index, 1)[0]!);
  }
  for (const resource of resources) {
    if (!pairs.has(resource.id) && left.length > 0) pairs.set(resource.id, left.shift()!);
  }
  return resources.flatMap((resource) => (pairs.has(resource.id) ? [[resource, pairs.get(resource.id)!] as [DesiredResource, T]] : []));
}

/** Elastic IPs the original okctl made for this cluster that nothing uses (one DescribeAddresses). */
export async function leftBehindAddressCollisions(ctx: ReadContext, creating: readonly DesiredResource[]): Promise<Collision[]> {
  if (creating.length === 0) return [];
  const addresses = (await ctx.clients.ec2.send(new DescribeAddressesCommand({ Filters: [originalFilter(ctx)] }))).Addresses ?? [];
  const unattached = addresses.filter((address) => !address.AssociationId && !address.NetworkInterfaceId && leftBehind(ctx, address.AllocationId, fromEc2Tags(address.Tags)));
  const name = (address: Address) => fromEc2Tags(address.Tags).Name ?? "";
  return pairLeftBehind(creating, unattached, name, (address) => address.AllocationId!).map(([resource, address]) => ({
    id: resource.id,
    kind: "elastic-ip",
    physicalId: address.AllocationId!,
    description: `the Elastic IP ${address.AllocationId} (${address.PublicIp ?? "?"}, attached to nothing${originalOkctlNote(fromEc2Tags(address.Tags))})`,
    instead: "release it (nothing uses it; an unattached address is billed)",
  }));
}

/** Route tables the original okctl made for this cluster in these VPCs that no subnet uses (one DescribeRouteTables). */
export async function leftBehindRouteTableCollisions(ctx: ReadContext, creating: readonly DesiredResource[], vpcIds: readonly string[]): Promise<Collision[]> {
  if (creating.length === 0 || vpcIds.length === 0) return [];
  const tables = await collectPages(async (NextToken) => {
    const page = await ctx.clients.ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: "vpc-id", Values: [...vpcIds] }, originalFilter(ctx)], NextToken }));
    return { items: page.RouteTables, nextToken: page.NextToken };
  });
  const unused = tables.filter((table) => (table.Associations ?? []).length === 0 && vpcIds.includes(table.VpcId ?? "") && leftBehind(ctx, table.RouteTableId, fromEc2Tags(table.Tags)));
  const name = (table: RouteTable) => fromEc2Tags(table.Tags).Name ?? "";
  return pairLeftBehind(creating, unused, name, (table) => table.RouteTableId!).map(([resource, table]) => ({
    id: resource.id,
    kind: "route-table",
    physicalId: table.RouteTableId!,
    description: `the route table ${table.RouteTableId} in ${table.VpcId} (no subnet associated${originalOkctlNote(fromEc2Tags(table.Tags))})`,
    instead: "delete it (no subnet uses it)",
  }));
}

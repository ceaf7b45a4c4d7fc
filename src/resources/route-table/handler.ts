// Route tables with their routes and subnet associations. Created with a client token (and, as
// moto ignores it, after looking for one left by a crashed apply); create and update both converge
// routes and associations from what the table has now, so every step is safe to repeat.
import {
  CreateRouteTableCommand,
  DeleteRouteTableCommand,
  DescribeRouteTablesCommand,
  type Filter,
  type RouteTable,
} from "@aws-sdk/client-ec2";
import type { AwsClients } from "../../aws/clients.js";
import type { ActualResource, ApplyContext, ReadContext, ResolvedProperties, ResourceKindHandler } from "../types.js";
import { KIND_RULES } from "../kind-rules.js";
import { ec2Adoption } from "../ec2/adopt.js";
import { routeTableCollisions } from "../ec2/collisions.js";
import { defined, toActualResource } from "../ec2/actual.js";
import { deleteIdempotently } from "../ec2/delete.js";
import { idempotencyToken } from "../shared/tokens.js";
import { NOT_FOUND } from "../ec2/errors.js";
import { undefinedIfNotFound } from "../ec2/not-found.js";
import { collectPages } from "../ec2/paginate.js";
import { stringListProp, stringProp } from "../shared/properties.js";
import { adoptionFilters, clusterFilters, fromEc2Tags, tagSpecifications } from "../ec2/tags.js";
import { convergeAssociations, disassociate, subnetAssociations } from "./associations.js";
import { convergeRoutes, routesFromEc2, routesFromJson, routesToJson } from "./routes.js";

async function describeRouteTables(clients: AwsClients, input: { Filters?: Filter[]; RouteTableIds?: string[] }): Promise<RouteTable[]> {
  return collectPages(async (NextToken) => {
    const page = await clients.ec2.send(new DescribeRouteTablesCommand({ ...input, NextToken }));
    return { items: page.RouteTables, nextToken: page.NextToken };
  });
}

async function describeOne(ctx: ApplyContext, routeTableId: string): Promise<RouteTable | undefined> {
  return undefinedIfNotFound(NOT_FOUND.routeTable, async () => (await describeRouteTables(ctx.clients, { RouteTableIds: [routeTableId] }))[0]);
}

/** Converges routes and associations (or only the `only` ones) from what the table has now. */
async function converge(ctx: ApplyContext, table: RouteTable, properties: ResolvedProperties, only?: readonly string[]): Promise<void> {
  const id = table.RouteTableId!;
  if (!only || only.includes("routes")) await convergeRoutes(ctx, id, routesFromEc2(table.Routes), routesFromJson(properties["routes"]));
  if (!only || only.includes("subnetIds")) {
    await convergeAssociations(ctx, id, subnetAssociations(table), stringListProp(properties, "subnetIds"));
  }
}

async function readRouteTables(ctx: ReadContext, filters: Filter[], adoptAs?: string): Promise<ActualResource[]> {
  const tables = await describeRouteTables(ctx.clients, { Filters: filters });
  return tables
    .map((table) =>
      toActualResource("route-table", {
        physicalId: table.RouteTableId,
        tags: fromEc2Tags(table.Tags),
        properties: {
          vpcId: table.VpcId ?? null,
          routes: routesToJson(routesFromEc2(table.Routes)),
          subnetIds: subnetAssociations(table).map((association) => association.subnetId).sort(),
        },
      }, adoptAs),
    )
    .filter(defined);
}

export const routeTableHandler: ResourceKindHandler = {
  kind: "route-table",
  rules: KIND_RULES["route-table"],

  read: (ctx) => readRouteTables(ctx, clusterFilters(ctx.cluster)),

  adoption: ec2Adoption("route-table-id", readRouteTables, NOT_FOUND.routeTable),

  collisions: routeTableCollisions,

  async create(ctx, resource) {
    let [table] = await describeRouteTables(ctx.clients, { Filters: adoptionFilters(resource.tags) });
    if (!table) {
      const created = await ctx.clients.ec2.send(
        new CreateRouteTableCommand({
          VpcId: stringProp(resource.properties, "vpcId"),
          // Identity: the replace-forcing property, so a replacement in another VPC gets a new token.
          ClientToken: idempotencyToken({ cluster: ctx.cluster, id: resource.id, repository: ctx.repository, identity: resource.properties["vpcId"] ?? null }),
          TagSpecifications: tagSpecifications("route-table", resource.tags),
        }),
      );
      table = created.RouteTable;
      if (!table?.RouteTableId) throw new Error(`CreateRouteTable for ${resource.id} returned no id`);
    }
    await converge(ctx, table, resource.properties);
    return { physicalId: table.RouteTableId!, outputs: { id: table.RouteTableId! } };
  },

  async update(ctx, resource) {
    const table = await describeOne(ctx, resource.physicalId);
    if (!table) throw new Error(`route table ${resource.physicalId} (${resource.id}) no longer exists`);
    await converge(ctx, table, resource.properties, resource.changed);
    return { outputs: { id: resource.physicalId } };
  },

  async delete(ctx, resource) {
    const table = await describeOne(ctx, resource.physicalId);
    if (!table) return;
    for (const association of subnetAssociations(table)) await disassociate(ctx, resource.physicalId, association);
    await deleteIdempotently(ctx, { what: `deleting route table ${resource.physicalId}`, notFound: NOT_FOUND.routeTable }, () =>
      ctx.clients.ec2.send(new DeleteRouteTableCommand({ RouteTableId: resource.physicalId })),
    );
  },
};

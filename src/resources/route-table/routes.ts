// The routes of a route table: EC2's shape ↔ okctl's `{ destinationCidrBlock, <target>Id }`, and
// converging the actual routes to the desired ones (create, replace, delete — by destination).
import { CreateRouteCommand, DeleteRouteCommand, ReplaceRouteCommand, type Route } from "@aws-sdk/client-ec2";
import type { ApplyContext, Json } from "../types.js";
import { deleteIdempotently } from "../ec2/delete.js";
import { isAwsError } from "../shared/aws-errors.js";
import { NOT_FOUND } from "../ec2/errors.js";
import { retryOnCodes, visibilityBudget } from "../ec2/retry.js";

/** okctl's property name for each route target EC2 reports, and the request/response field. */
const TARGETS = {
  gatewayId: "GatewayId",
  natGatewayId: "NatGatewayId",
  transitGatewayId: "TransitGatewayId",
  vpcPeeringConnectionId: "VpcPeeringConnectionId",
  networkInterfaceId: "NetworkInterfaceId",
  instanceId: "InstanceId",
} as const;
type TargetKey = keyof typeof TARGETS;

export interface RouteSpec {
  destinationCidrBlock: string;
  target: TargetKey;
  targetId: string;
}

function byDestination(a: RouteSpec, b: RouteSpec): number {
  return a.destinationCidrBlock.localeCompare(b.destinationCidrBlock);
}

/** The routes okctl manages: every IPv4 route except the VPC's own local route. */
export function routesFromEc2(routes: readonly Route[] | undefined): RouteSpec[] {
  const specs: RouteSpec[] = [];
  for (const route of routes ?? []) {
    if (!route.DestinationCidrBlock || route.GatewayId === "local" || route.Origin === "CreateRouteTable") continue;
    const target = (Object.keys(TARGETS) as TargetKey[]).find((key) => route[TARGETS[key]]);
    if (target) specs.push({ destinationCidrBlock: route.DestinationCidrBlock, target, targetId: route[TARGETS[target]]! });
  }
  return specs.sort(byDestination);
}

export function routesToJson(routes: readonly RouteSpec[]): Json[] {
  return routes.map((route) => ({ destinationCidrBlock: route.destinationCidrBlock, [route.target]: route.targetId }));
}

/** Parses the resolved `routes` property. */
export function routesFromJson(value: Json | undefined): RouteSpec[] {
  if (!Array.isArray(value)) throw new Error(`property routes must be a list, got ${JSON.stringify(value)}`);
  return value
    .map((item): RouteSpec => {
      if (item === null || typeof item !== "object" || Array.isArray(item) || typeof item["destinationCidrBlock"] !== "string") {
        throw new Error(`a route needs a destinationCidrBlock, got ${JSON.stringify(item)}`);
      }
      const targets = (Object.keys(TARGETS) as TargetKey[]).filter((key) => typeof item[key] === "string");
      if (targets.length !== 1) throw new Error(`a route needs exactly one target (${Object.keys(TARGETS).join(", ")}), got ${JSON.stringify(item)}`);
      return { destinationCidrBlock: item["destinationCidrBlock"], target: targets[0]!, targetId: item[targets[0]!] as string };
    })
    .sort(byDestination);
}

/** Just-created tables and targets may not be visible yet. */
const EVENTUALLY_VISIBLE = [...NOT_FOUND.routeTable, "InvalidGatewayID.NotFound", ...NOT_FOUND.natGateway, ...NOT_FOUND.internetGateway];

function routeInput(routeTableId: string, route: RouteSpec) {
  return { RouteTableId: routeTableId, DestinationCidrBlock: route.destinationCidrBlock, [TARGETS[route.target]]: route.targetId };
}

async function putRoute(ctx: ApplyContext, routeTableId: string, route: RouteSpec, exists: boolean): Promise<void> {
  const what = `routing ${route.destinationCidrBlock} to ${route.targetId} in ${routeTableId}`;
  await retryOnCodes(ctx, { what, codes: EVENTUALLY_VISIBLE, budgetMs: visibilityBudget(ctx) }, async () => {
    if (exists) return ctx.clients.ec2.send(new ReplaceRouteCommand(routeInput(routeTableId, route)));
    try {
      return await ctx.clients.ec2.send(new CreateRouteCommand(routeInput(routeTableId, route)));
    } catch (error) {
      if (!isAwsError(error, "RouteAlreadyExists")) throw error;
      return ctx.clients.ec2.send(new ReplaceRouteCommand(routeInput(routeTableId, route)));
    }
  });
}

/** Makes the table's routes exactly `desired`. */
export async function convergeRoutes(ctx: ApplyContext, routeTableId: string, actual: readonly RouteSpec[], desired: readonly RouteSpec[]): Promise<void> {
  const actualByDestination = new Map(actual.map((route) => [route.destinationCidrBlock, route]));
  const wanted = new Set(desired.map((route) => route.destinationCidrBlock));
  for (const route of actual.filter((r) => !wanted.has(r.destinationCidrBlock))) {
    await deleteIdempotently(ctx, { what: `deleting route ${route.destinationCidrBlock} from ${routeTableId}`, notFound: NOT_FOUND.route }, () =>
      ctx.clients.ec2.send(new DeleteRouteCommand({ RouteTableId: routeTableId, DestinationCidrBlock: route.destinationCidrBlock })),
    );
  }
  for (const route of desired) {
    const current = actualByDestination.get(route.destinationCidrBlock);
    if (current?.target === route.target && current.targetId === route.targetId) continue;
    await putRoute(ctx, routeTableId, route, current !== undefined);
  }
}

// Subnet associations of a route table. A subnet has at most one explicit association: moving it
// here from another table is a ReplaceRouteTableAssociation, not a second association.
import {
  AssociateRouteTableCommand,
  DescribeRouteTablesCommand,
  DisassociateRouteTableCommand,
  ReplaceRouteTableAssociationCommand,
  type RouteTable,
} from "@aws-sdk/client-ec2";
import type { ApplyContext } from "../types.js";
import { deleteIdempotently } from "../ec2/delete.js";
import { isAwsError } from "../shared/aws-errors.js";
import { NOT_FOUND } from "../ec2/errors.js";
import { retryOnCodes, visibilityBudget } from "../ec2/retry.js";

export interface SubnetAssociation {
  subnetId: string;
  associationId: string;
}

/** The table's explicit subnet associations (not the main one, not ones being removed). */
export function subnetAssociations(table: RouteTable | undefined): SubnetAssociation[] {
  return (table?.Associations ?? [])
    .filter((association) => !association.Main && association.SubnetId && association.RouteTableAssociationId)
    .filter((association) => {
      const state = association.AssociationState?.State;
      return state !== "disassociating" && state !== "disassociated";
    })
    .map((association) => ({ subnetId: association.SubnetId!, associationId: association.RouteTableAssociationId! }));
}

/** The subnets' explicit associations with whichever tables have them, by subnet id (one call). */
async function currentAssociations(ctx: ApplyContext, subnetIds: readonly string[]): Promise<Map<string, SubnetAssociation>> {
  const result = await ctx.clients.ec2.send(
    new DescribeRouteTablesCommand({ Filters: [{ Name: "association.subnet-id", Values: [...subnetIds] }] }),
  );
  const wanted = new Set(subnetIds);
  const associations = (result.RouteTables ?? []).flatMap(subnetAssociations).filter((association) => wanted.has(association.subnetId));
  return new Map(associations.map((association) => [association.subnetId, association]));
}

async function moveHere(ctx: ApplyContext, routeTableId: string, existing: SubnetAssociation): Promise<void> {
  await ctx.clients.ec2.send(new ReplaceRouteTableAssociationCommand({ AssociationId: existing.associationId, RouteTableId: routeTableId }));
}

/**
 * Associates a subnet, moving it from the table that has it if there is one. AWS refuses a second
 * association (Resource.AlreadyAssociated); moto silently ignores it — checking first suits both.
 */
async function associate(ctx: ApplyContext, routeTableId: string, subnetId: string, existing: SubnetAssociation | undefined): Promise<void> {
  const codes = [...NOT_FOUND.routeTable, ...NOT_FOUND.subnet];
  await retryOnCodes(ctx, { what: `associating ${subnetId} with ${routeTableId}`, codes, budgetMs: visibilityBudget(ctx) }, async () => {
    if (existing) return moveHere(ctx, routeTableId, existing);
    try {
      await ctx.clients.ec2.send(new AssociateRouteTableCommand({ RouteTableId: routeTableId, SubnetId: subnetId }));
    } catch (error) {
      // Associated by someone else since we looked.
      const raced = isAwsError(error, "Resource.AlreadyAssociated") ? (await currentAssociations(ctx, [subnetId])).get(subnetId) : undefined;
      if (!raced) throw error;
      await moveHere(ctx, routeTableId, raced);
    }
  });
}

export async function disassociate(ctx: ApplyContext, routeTableId: string, association: SubnetAssociation): Promise<void> {
  await deleteIdempotently(
    ctx,
    { what: `disassociating ${association.subnetId} from ${routeTableId}`, notFound: NOT_FOUND.association },
    () => ctx.clients.ec2.send(new DisassociateRouteTableCommand({ AssociationId: association.associationId })),
  );
}

/** Makes the table's explicit associations exactly `subnetIds` (order does not matter). */
export async function convergeAssociations(
  ctx: ApplyContext,
  routeTableId: string,
  actual: readonly SubnetAssociation[],
  subnetIds: readonly string[],
): Promise<void> {
  const wanted = new Set(subnetIds);
  const present = new Set(actual.map((association) => association.subnetId));
  for (const association of actual.filter((a) => !wanted.has(a.subnetId))) await disassociate(ctx, routeTableId, association);
  const toAdd = [...wanted].filter((id) => !present.has(id));
  if (toAdd.length === 0) return;
  const elsewhere = await currentAssociations(ctx, toAdd);
  for (const subnetId of toAdd) await associate(ctx, routeTableId, subnetId, elsewhere.get(subnetId));
}


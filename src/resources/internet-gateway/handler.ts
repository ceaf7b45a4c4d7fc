// Internet gateway and its attachment to the VPC. Moving it (vpcId changes) is detach + attach;
// deleting detaches first, as AWS requires.
import {
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  DeleteInternetGatewayCommand,
  DescribeInternetGatewaysCommand,
  DetachInternetGatewayCommand,
  type Filter,
  type InternetGateway,
} from "@aws-sdk/client-ec2";
import type { AwsClients } from "../../aws/clients.js";
import type { ActualResource, ApplyContext, ReadContext, ResourceKindHandler } from "../types.js";
import { KIND_RULES } from "../kind-rules.js";
import { ec2Adoption } from "../ec2/adopt.js";
import { internetGatewayCollisions } from "../ec2/collisions.js";
import { defined, toActualResource } from "../ec2/actual.js";
import { deleteIdempotently } from "../ec2/delete.js";
import { NOT_FOUND } from "../ec2/errors.js";
import { undefinedIfNotFound } from "../ec2/not-found.js";
import { collectPages } from "../ec2/paginate.js";
import { retryOnCodes, visibilityBudget } from "../ec2/retry.js";
import { stringProp } from "../shared/properties.js";
import { adoptionFilters, clusterFilters, fromEc2Tags, tagSpecifications } from "../ec2/tags.js";

async function describeGateways(clients: AwsClients, input: { Filters?: Filter[]; InternetGatewayIds?: string[] }): Promise<InternetGateway[]> {
  return collectPages(async (NextToken) => {
    const page = await clients.ec2.send(new DescribeInternetGatewaysCommand({ ...input, NextToken }));
    return { items: page.InternetGateways, nextToken: page.NextToken };
  });
}

/** VPCs the gateway is attached (or attaching) to. */
function attachedVpcs(gateway: InternetGateway | undefined): string[] {
  return (gateway?.Attachments ?? [])
    .filter((attachment) => attachment.State !== "detached" && attachment.State !== "detaching")
    .map((attachment) => attachment.VpcId)
    .filter(defined);
}

async function attach(ctx: ApplyContext, gatewayId: string, vpcId: string): Promise<void> {
  await retryOnCodes(
    ctx,
    { what: `attaching ${gatewayId} to ${vpcId}`, codes: [...NOT_FOUND.internetGateway, ...NOT_FOUND.vpc], budgetMs: visibilityBudget(ctx) },
    () => ctx.clients.ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: gatewayId, VpcId: vpcId })),
  );
}

/** Detaches; not attached (any more) is fine. DependencyViolation (mapped public IPs) is retried. */
async function detach(ctx: ApplyContext, gatewayId: string, vpcId: string): Promise<void> {
  await deleteIdempotently(
    ctx,
    { what: `detaching ${gatewayId} from ${vpcId}`, notFound: ["Gateway.NotAttached", ...NOT_FOUND.internetGateway, ...NOT_FOUND.vpc] },
    () => ctx.clients.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: gatewayId, VpcId: vpcId })),
  );
}

/** Leaves the gateway attached to exactly `vpcId`. */
async function convergeAttachment(ctx: ApplyContext, gatewayId: string, attached: readonly string[], vpcId: string): Promise<void> {
  for (const other of attached.filter((vpc) => vpc !== vpcId)) await detach(ctx, gatewayId, other);
  if (!attached.includes(vpcId)) await attach(ctx, gatewayId, vpcId);
}

async function describeOne(ctx: ApplyContext, gatewayId: string): Promise<InternetGateway | undefined> {
  return undefinedIfNotFound(NOT_FOUND.internetGateway, async () => (await describeGateways(ctx.clients, { InternetGatewayIds: [gatewayId] }))[0]);
}

async function readGateways(ctx: ReadContext, filters: Filter[], adoptAs?: string): Promise<ActualResource[]> {
  const gateways = await describeGateways(ctx.clients, { Filters: filters });
  return gateways
    .map((gateway) =>
      toActualResource("internet-gateway", {
        physicalId: gateway.InternetGatewayId,
        tags: fromEc2Tags(gateway.Tags),
        properties: { vpcId: attachedVpcs(gateway)[0] ?? null },
      }, adoptAs),
    )
    .filter(defined);
}

export const internetGatewayHandler: ResourceKindHandler = {
  kind: "internet-gateway",
  // Replaced with its VPC: an update (detach + attach) would leave the old VPC's delete blocked by
  // the still-attached gateway, because the executor only orders destroys before destroys.
  rules: KIND_RULES["internet-gateway"],

  read: (ctx) => readGateways(ctx, clusterFilters(ctx.cluster)),

  adoption: ec2Adoption("internet-gateway-id", readGateways, NOT_FOUND.internetGateway),

  collisions: internetGatewayCollisions,

  async create(ctx, resource) {
    const vpcId = stringProp(resource.properties, "vpcId");
    const [existing] = await describeGateways(ctx.clients, { Filters: adoptionFilters(resource.tags) });
    let gatewayId = existing?.InternetGatewayId;
    if (!gatewayId) {
      const created = await ctx.clients.ec2.send(
        new CreateInternetGatewayCommand({ TagSpecifications: tagSpecifications("internet-gateway", resource.tags) }),
      );
      gatewayId = created.InternetGateway?.InternetGatewayId;
      if (!gatewayId) throw new Error(`CreateInternetGateway for ${resource.id} returned no id`);
    }
    await convergeAttachment(ctx, gatewayId, attachedVpcs(existing), vpcId);
    return { physicalId: gatewayId, outputs: { id: gatewayId } };
  },

  async update(ctx, resource) {
    if (resource.changed.includes("vpcId")) {
      const attached = attachedVpcs(await describeOne(ctx, resource.physicalId));
      await convergeAttachment(ctx, resource.physicalId, attached, stringProp(resource.properties, "vpcId"));
    }
    return { outputs: { id: resource.physicalId } };
  },

  async delete(ctx, resource) {
    const gateway = await describeOne(ctx, resource.physicalId);
    if (!gateway) return;
    for (const vpcId of attachedVpcs(gateway)) await detach(ctx, resource.physicalId, vpcId);
    await deleteIdempotently(ctx, { what: `deleting internet gateway ${resource.physicalId}`, notFound: NOT_FOUND.internetGateway }, () =>
      ctx.clients.ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: resource.physicalId })),
    );
  },
};

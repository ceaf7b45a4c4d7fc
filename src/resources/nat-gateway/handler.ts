// NAT gateways: created with a deterministic client token (a retry after a crash gets the same
// gateway back), awaited until available (minutes on AWS), and on delete awaited until deleted so
// that their Elastic IP can be released.
import {
  CreateNatGatewayCommand,
  DeleteNatGatewayCommand,
  DescribeNatGatewaysCommand,
  type ConnectivityType,
  type Filter,
  type NatGateway,
} from "@aws-sdk/client-ec2";
import type { AwsClients } from "../../aws/clients.js";
import type { ActualResource, ApplyContext, ReadContext, ResolvedProperties, ResourceKindHandler } from "../types.js";
import { KIND_RULES } from "../kind-rules.js";
import { ec2Adoption } from "../ec2/adopt.js";
import { natGatewayCollisions } from "../ec2/collisions.js";
import { defined, toActualResource } from "../ec2/actual.js";
import { deleteIdempotently } from "../ec2/delete.js";
import { pollUntil } from "../shared/poll.js";
import { idempotencyToken } from "../shared/tokens.js";
import { NOT_FOUND } from "../ec2/errors.js";
import { undefinedIfNotFound } from "../ec2/not-found.js";
import { collectPages } from "../ec2/paginate.js";
import { stringProp } from "../shared/properties.js";
import { sameOwner } from "../shared/tags.js";
import { adoptionFilters, clusterFilters, fromEc2Tags, isTaggedForCluster, tagSpecifications } from "../ec2/tags.js";

/** How often to poll a NAT gateway's state (creation takes minutes on AWS). */
export const NAT_POLL_INTERVAL_MS = 15_000;
/** A token whose gateway has since been deleted is burned; try this many fresh ones. */
const MAX_TOKEN_ATTEMPTS = 5;
/** States in which a NAT gateway is as good as absent (a failed one is removed by AWS within an hour). */
const GONE_STATES = new Set(["deleted", "deleting", "failed"]);

async function describeNatGateways(clients: AwsClients, input: { Filter?: Filter[]; NatGatewayIds?: string[] }): Promise<NatGateway[]> {
  return collectPages(async (NextToken) => {
    const page = await clients.ec2.send(new DescribeNatGatewaysCommand({ ...input, NextToken }));
    return { items: page.NatGateways, nextToken: page.NextToken };
  });
}

/**
 * The gateway a crashed create left, found by its tags in the desired subnet. The client token
 * covers a crash before the response on AWS, but moto ignores it, and a token can expire.
 */
async function findExisting(ctx: ApplyContext, resource: { properties: ResolvedProperties; tags: Record<string, string> }): Promise<NatGateway | undefined> {
  const candidates = await describeNatGateways(ctx.clients, {
    Filter: [...adoptionFilters(resource.tags), { Name: "subnet-id", Values: [stringProp(resource.properties, "subnetId")] }],
  });
  return candidates.find((gateway) => !GONE_STATES.has(gateway.State ?? "") && sameOwner(fromEc2Tags(gateway.Tags), resource.tags));
}

/** Undefined when EC2 no longer (or not yet) knows the gateway. */
async function describeOne(ctx: ApplyContext, natGatewayId: string): Promise<NatGateway | undefined> {
  return undefinedIfNotFound(NOT_FOUND.natGateway, async () => (await describeNatGateways(ctx.clients, { NatGatewayIds: [natGatewayId] }))[0]);
}

function describeFailure(gateway: NatGateway): string {
  return [gateway.FailureCode, gateway.FailureMessage].filter(defined).join(": ") || "no reason given";
}

async function waitUntilAvailable(ctx: ApplyContext, id: string, natGatewayId: string): Promise<void> {
  await pollUntil({
    ctx,
    what: `NAT gateway ${natGatewayId} (${id}) to become available`,
    timeoutMs: ctx.timeouts.natGateway,
    intervalMs: NAT_POLL_INTERVAL_MS,
    describe: () => describeOne(ctx, natGatewayId),
    state: (gateway) => gateway?.State ?? "not visible yet",
    done: (gateway) => {
      if (gateway && GONE_STATES.has(gateway.State ?? "")) {
        throw new Error(`NAT gateway ${natGatewayId} (${id}) is ${gateway.State}: ${describeFailure(gateway)}`);
      }
      return gateway?.State === "available";
    },
  });
}

async function waitUntilDeleted(ctx: ApplyContext, id: string, natGatewayId: string): Promise<void> {
  await pollUntil({
    ctx,
    what: `NAT gateway ${natGatewayId} (${id}) to be deleted`,
    timeoutMs: ctx.timeouts.natGateway,
    intervalMs: NAT_POLL_INTERVAL_MS,
    describe: () => describeOne(ctx, natGatewayId),
    state: (gateway) => gateway?.State,
    done: (gateway) => gateway === undefined || gateway.State === "deleted",
  });
}

/** Live gateways matching `filters`, ours by tag (or each under `adoptAs` when adopting). */
async function readNatGateways(ctx: ReadContext, filters: Filter[], adoptAs?: string): Promise<ActualResource[]> {
  // AWS filters by tag; moto ignores tag filters on this call, so the tags are checked here too.
  const gateways = await describeNatGateways(ctx.clients, { Filter: filters });
  return gateways
    .filter((gateway) => !GONE_STATES.has(gateway.State ?? ""))
    .filter((gateway) => adoptAs !== undefined || isTaggedForCluster(fromEc2Tags(gateway.Tags), ctx.cluster))
    .map((gateway) =>
      toActualResource("nat-gateway", {
        physicalId: gateway.NatGatewayId,
        tags: fromEc2Tags(gateway.Tags),
        properties: {
          subnetId: gateway.SubnetId ?? null,
          allocationId: gateway.NatGatewayAddresses?.find((address) => address.IsPrimary !== false)?.AllocationId ?? null,
          connectivityType: gateway.ConnectivityType ?? "public",
        },
      }, adoptAs),
    )
    .filter(defined);
}

export const natGatewayHandler: ResourceKindHandler = {
  kind: "nat-gateway",
  rules: KIND_RULES["nat-gateway"],

  read: (ctx) => readNatGateways(ctx, clusterFilters(ctx.cluster)),

  adoption: ec2Adoption("nat-gateway-id", readNatGateways, NOT_FOUND.natGateway),

  collisions: natGatewayCollisions,

  async create(ctx, resource) {
    let natGatewayId = (await findExisting(ctx, resource))?.NatGatewayId;
    for (let attempt = 0; attempt < MAX_TOKEN_ATTEMPTS && !natGatewayId; attempt++) {
      const created = await ctx.clients.ec2.send(
        new CreateNatGatewayCommand({
          ClientToken: idempotencyToken({
            cluster: ctx.cluster,
            id: resource.id,
            repository: ctx.repository,
            identity: attempt === 0 ? resource.properties : { properties: resource.properties, attempt },
          }),
          SubnetId: stringProp(resource.properties, "subnetId"),
          AllocationId: stringProp(resource.properties, "allocationId"),
          ConnectivityType: stringProp(resource.properties, "connectivityType") as ConnectivityType,
          TagSpecifications: tagSpecifications("natgateway", resource.tags),
        }),
      );
      const gateway = created.NatGateway;
      if (!gateway?.NatGatewayId) throw new Error(`CreateNatGateway for ${resource.id} returned no id`);
      // The same token returns the gateway it made before; if that one is gone, the token is spent.
      if (!GONE_STATES.has(gateway.State ?? "")) natGatewayId = gateway.NatGatewayId;
    }
    if (!natGatewayId) throw new Error(`CreateNatGateway for ${resource.id} kept returning deleted gateways for its client tokens`);
    await waitUntilAvailable(ctx, resource.id, natGatewayId);
    return { physicalId: natGatewayId, outputs: { id: natGatewayId } };
  },

  async update(_ctx, resource) {
    // Every managed property forces a replacement; there is nothing to change in place.
    if (resource.changed.length > 0) {
      throw new Error(`NAT gateway ${resource.physicalId} cannot change ${resource.changed.join(", ")} in place; it must be replaced`);
    }
    return { outputs: { id: resource.physicalId } };
  },

  async delete(ctx, resource) {
    const existed = await deleteIdempotently(ctx, { what: `deleting NAT gateway ${resource.physicalId}`, notFound: NOT_FOUND.natGateway }, () =>
      ctx.clients.ec2.send(new DeleteNatGatewayCommand({ NatGatewayId: resource.physicalId })),
    );
    if (existed) await waitUntilDeleted(ctx, resource.id, resource.physicalId);
  },
};

// Elastic IPs for the NAT gateways. AllocateAddress has no client token, so a create first adopts
// an address left by a crashed apply. Release disassociates first; an address a NAT gateway has
// only just let go of may still be "in use" for a while, which is retried.
import {
  AllocateAddressCommand,
  DescribeAddressesCommand,
  DisassociateAddressCommand,
  ReleaseAddressCommand,
  type Address,
  type DomainType,
  type Filter,
} from "@aws-sdk/client-ec2";
import type { AwsClients } from "../../aws/clients.js";
import type { ActualResource, ApplyContext, ReadContext, ResourceKindHandler } from "../types.js";
import { KIND_RULES } from "../kind-rules.js";
import { ec2Adoption } from "../ec2/adopt.js";
import { elasticIpCollisions } from "../ec2/collisions.js";
import { defined, toActualResource } from "../ec2/actual.js";
import { deleteIdempotently } from "../ec2/delete.js";
import { NOT_FOUND } from "../ec2/errors.js";
import { undefinedIfNotFound } from "../ec2/not-found.js";
import { stringProp } from "../shared/properties.js";
import { adoptionFilters, clusterFilters, fromEc2Tags, tagSpecifications } from "../ec2/tags.js";

/** DescribeAddresses is not paginated: one call returns every match. */
async function describeAddresses(clients: AwsClients, input: { Filters?: Filter[]; AllocationIds?: string[] }): Promise<Address[]> {
  return (await clients.ec2.send(new DescribeAddressesCommand(input))).Addresses ?? [];
}

async function describeOne(ctx: ApplyContext, allocationId: string): Promise<Address | undefined> {
  return undefinedIfNotFound(NOT_FOUND.address, async () => (await describeAddresses(ctx.clients, { AllocationIds: [allocationId] }))[0]);
}

function outputsOf(address: { AllocationId?: string | undefined; PublicIp?: string | undefined }): { id: string; publicIp: string | null } {
  return { id: address.AllocationId!, publicIp: address.PublicIp ?? null };
}

async function readAddresses(ctx: ReadContext, filters: Filter[], adoptAs?: string): Promise<ActualResource[]> {
  const addresses = await describeAddresses(ctx.clients, { Filters: filters });
  return addresses
    .filter((address) => address.AllocationId !== undefined)
    .map((address) =>
      toActualResource("elastic-ip", {
        physicalId: address.AllocationId,
        tags: fromEc2Tags(address.Tags),
        properties: { domain: address.Domain ?? null },
        outputs: outputsOf(address),
      }, adoptAs),
    )
    .filter(defined);
}

export const elasticIpHandler: ResourceKindHandler = {
  kind: "elastic-ip",
  rules: KIND_RULES["elastic-ip"],

  read: (ctx) => readAddresses(ctx, clusterFilters(ctx.cluster)),

  adoption: ec2Adoption("allocation-id", readAddresses, NOT_FOUND.address),

  collisions: elasticIpCollisions,

  async create(ctx, resource) {
    const [existing] = await describeAddresses(ctx.clients, { Filters: adoptionFilters(resource.tags) });
    const address =
      existing ??
      (await ctx.clients.ec2.send(
        new AllocateAddressCommand({
          Domain: stringProp(resource.properties, "domain") as DomainType,
          TagSpecifications: tagSpecifications("elastic-ip", resource.tags),
        }),
      ));
    if (!address.AllocationId) throw new Error(`AllocateAddress for ${resource.id} returned no allocation id`);
    return { physicalId: address.AllocationId, outputs: outputsOf(address) };
  },

  async update(ctx, resource) {
    const address = await describeOne(ctx, resource.physicalId);
    if (!address) throw new Error(`Elastic IP ${resource.physicalId} (${resource.id}) no longer exists`);
    return { outputs: outputsOf(address) };
  },

  async delete(ctx, resource) {
    const address = await describeOne(ctx, resource.physicalId);
    if (!address) return;
    if (address.AssociationId) {
      await deleteIdempotently(
        ctx,
        { what: `disassociating Elastic IP ${resource.physicalId}`, notFound: [...NOT_FOUND.association, ...NOT_FOUND.address] },
        () => ctx.clients.ec2.send(new DisassociateAddressCommand({ AssociationId: address.AssociationId })),
      );
    }
    await deleteIdempotently(
      ctx,
      { what: `releasing Elastic IP ${resource.physicalId}`, notFound: NOT_FOUND.address, retryCodes: ["InvalidIPAddress.InUse", "AuthFailure"] },
      () => ctx.clients.ec2.send(new ReleaseAddressCommand({ AllocationId: resource.physicalId })),
    );
  },
};

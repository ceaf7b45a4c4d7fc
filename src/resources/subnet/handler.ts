// Subnet: created tagged (no client token for subnets: a create first adopts one left by a crashed
// apply), then mapPublicIpOnLaunch is set. Placement (VPC, CIDR, zone) can only change by replacing.
import {
  CreateSubnetCommand,
  DeleteSubnetCommand,
  DescribeSubnetsCommand,
  ModifySubnetAttributeCommand,
  type Filter,
  type Subnet,
} from "@aws-sdk/client-ec2";
import type { AwsClients } from "../../aws/clients.js";
import type { ActualResource, ApplyContext, ReadContext, ResourceKindHandler } from "../types.js";
import { KIND_RULES } from "../kind-rules.js";
import { ec2Adoption } from "../ec2/adopt.js";
import { subnetCollisions } from "../ec2/collisions.js";
import { defined, toActualResource } from "../ec2/actual.js";
import { deleteIdempotently } from "../ec2/delete.js";
import { NOT_FOUND } from "../ec2/errors.js";
import { collectPages } from "../ec2/paginate.js";
import { retryOnCodes, visibilityBudget } from "../ec2/retry.js";
import { booleanProp, stringProp } from "../shared/properties.js";
import { adoptionFilters, clusterFilters, fromEc2Tags, tagSpecifications } from "../ec2/tags.js";

async function describeSubnets(clients: AwsClients, filters: Filter[]): Promise<Subnet[]> {
  return collectPages(async (NextToken) => {
    const page = await clients.ec2.send(new DescribeSubnetsCommand({ Filters: filters, NextToken }));
    return { items: page.Subnets, nextToken: page.NextToken };
  });
}

async function setMapPublicIp(ctx: ApplyContext, subnetId: string, value: boolean): Promise<void> {
  await retryOnCodes(ctx, { what: `setting mapPublicIpOnLaunch on ${subnetId}`, codes: NOT_FOUND.subnet, budgetMs: visibilityBudget(ctx) }, () =>
    ctx.clients.ec2.send(new ModifySubnetAttributeCommand({ SubnetId: subnetId, MapPublicIpOnLaunch: { Value: value } })),
  );
}

async function readSubnets(ctx: ReadContext, filters: Filter[], adoptAs?: string): Promise<ActualResource[]> {
  const subnets = await describeSubnets(ctx.clients, filters);
  return subnets
      .map((subnet) =>
        toActualResource("subnet", {
          physicalId: subnet.SubnetId,
          tags: fromEc2Tags(subnet.Tags),
          properties: {
            vpcId: subnet.VpcId ?? null,
            cidrBlock: subnet.CidrBlock ?? null,
            availabilityZone: subnet.AvailabilityZone ?? null,
            mapPublicIpOnLaunch: subnet.MapPublicIpOnLaunch ?? false,
          },
        }, adoptAs),
      )
      .filter(defined);
}


export const subnetHandler: ResourceKindHandler = {
  kind: "subnet",
  rules: KIND_RULES["subnet"],

  read: (ctx) => readSubnets(ctx, clusterFilters(ctx.cluster)),

  adoption: ec2Adoption("subnet-id", readSubnets, NOT_FOUND.subnet),

  collisions: subnetCollisions,

  async create(ctx, resource) {
    const desiredMapPublicIp = booleanProp(resource.properties, "mapPublicIpOnLaunch");
    const [existing] = await describeSubnets(ctx.clients, adoptionFilters(resource.tags));
    let subnetId = existing?.SubnetId;
    if (!subnetId) {
      const created = await ctx.clients.ec2.send(
        new CreateSubnetCommand({
          VpcId: stringProp(resource.properties, "vpcId"),
          CidrBlock: stringProp(resource.properties, "cidrBlock"),
          AvailabilityZone: stringProp(resource.properties, "availabilityZone"),
          TagSpecifications: tagSpecifications("subnet", resource.tags),
        }),
      );
      subnetId = created.Subnet?.SubnetId;
      if (!subnetId) throw new Error(`CreateSubnet for ${resource.id} returned no subnet id`);
    }
    // A new subnet does not map public IPs; only a change (or an adopted subnet that differs) needs a call.
    if (desiredMapPublicIp !== (existing?.MapPublicIpOnLaunch ?? false)) {
      await setMapPublicIp(ctx, subnetId, desiredMapPublicIp);
    }
    return { physicalId: subnetId, outputs: { id: subnetId } };
  },

  async update(ctx, resource) {
    if (resource.changed.includes("mapPublicIpOnLaunch")) {
      await setMapPublicIp(ctx, resource.physicalId, booleanProp(resource.properties, "mapPublicIpOnLaunch"));
    }
    return { outputs: { id: resource.physicalId } };
  },

  async delete(ctx, resource) {
    await deleteIdempotently(ctx, { what: `deleting subnet ${resource.physicalId}`, notFound: NOT_FOUND.subnet }, () =>
      ctx.clients.ec2.send(new DeleteSubnetCommand({ SubnetId: resource.physicalId })),
    );
  },
};

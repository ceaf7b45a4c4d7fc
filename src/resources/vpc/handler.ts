// VPC: created tagged (EC2 has no client token for VPCs, so a create first adopts one left by a
// crashed apply), then its DNS attributes are set. Deleted last, after everything in it.
import {
  CreateVpcCommand,
  DeleteVpcCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcsCommand,
  ModifyVpcAttributeCommand,
  type Filter,
  type Vpc,
} from "@aws-sdk/client-ec2";
import type { ActualResource, ApplyContext, Json, ReadContext, ResourceKindHandler } from "../types.js";
import { KIND_RULES } from "../kind-rules.js";
import { defined, toActualResource } from "../ec2/actual.js";
import { deleteIdempotently } from "../ec2/delete.js";
import { NOT_FOUND } from "../ec2/errors.js";
import { collectPages } from "../ec2/paginate.js";
import { retryOnCodes, visibilityBudget } from "../ec2/retry.js";
import { booleanProp, stringProp } from "../shared/properties.js";
import { adoptionFilters, clusterFilters, fromEc2Tags, tagSpecifications } from "../ec2/tags.js";
import { ec2Adoption } from "../ec2/adopt.js";
import { ORIGINAL_CLUSTER_TAG } from "../shared/original-okctl.js";

type DnsAttribute = "enableDnsSupport" | "enableDnsHostnames";
const DNS_ATTRIBUTES: readonly DnsAttribute[] = ["enableDnsSupport", "enableDnsHostnames"];

async function describeVpcs(ctx: { clients: ReadContext["clients"] }, filters: Filter[]): Promise<Vpc[]> {
  return collectPages(async (NextToken) => {
    const page = await ctx.clients.ec2.send(new DescribeVpcsCommand({ Filters: filters, NextToken }));
    return { items: page.Vpcs, nextToken: page.NextToken };
  });
}

async function dnsAttribute(ctx: { clients: ReadContext["clients"] }, vpcId: string, attribute: DnsAttribute): Promise<boolean> {
  const result = await ctx.clients.ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: attribute }));
  const value = attribute === "enableDnsSupport" ? result.EnableDnsSupport?.Value : result.EnableDnsHostnames?.Value;
  return value ?? false;
}

async function toActual(ctx: ReadContext, vpc: Vpc, adoptAs?: string): Promise<ActualResource | undefined> {
  const [enableDnsSupport, enableDnsHostnames] = await Promise.all(
    DNS_ATTRIBUTES.map((attribute) => dnsAttribute(ctx, vpc.VpcId!, attribute)),
  );
  return toActualResource("vpc", {
    physicalId: vpc.VpcId,
    tags: fromEc2Tags(vpc.Tags),
    properties: { cidrBlock: vpc.CidrBlock ?? null, enableDnsSupport: enableDnsSupport!, enableDnsHostnames: enableDnsHostnames! },
  }, adoptAs);
}

async function readVpcs(ctx: ReadContext, filters: Filter[], adoptAs?: string): Promise<ActualResource[]> {
  const vpcs = await describeVpcs(ctx, filters);
  const actual = await Promise.all(vpcs.map((vpc) => toActual(ctx, vpc, adoptAs)));
  return actual.filter(defined);
}

/** Tags by which a VPC made for this cluster outside okctl is recognised (the original okctl's among them). */
function madeForCluster(tags: Record<string, string>, cluster: string, name: string): string | undefined {
  if (tags[ORIGINAL_CLUSTER_TAG] === cluster) return `${ORIGINAL_CLUSTER_TAG}=${cluster}`;
  if (tags[`kubernetes.io/cluster/${cluster}`] !== undefined) return `kubernetes.io/cluster/${cluster}`;
  if (tags.Name === name) return `Name=${name}`;
  return undefined;
}

/** Sets one DNS attribute; a VPC just created may not be visible yet, so NotFound is retried. */
async function setDnsAttribute(ctx: ApplyContext, vpcId: string, attribute: DnsAttribute, value: boolean): Promise<void> {
  const input = attribute === "enableDnsSupport" ? { EnableDnsSupport: { Value: value } } : { EnableDnsHostnames: { Value: value } };
  await retryOnCodes(ctx, { what: `setting ${attribute} on ${vpcId}`, codes: NOT_FOUND.vpc, budgetMs: visibilityBudget(ctx) }, () =>
    ctx.clients.ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, ...input })),
  );
}

/** AWS refuses DNS hostnames without DNS support: turn support on first, or hostnames off first. */
function dnsAttributeOrder(properties: Record<string, Json>): readonly DnsAttribute[] {
  return properties["enableDnsSupport"] === false ? ["enableDnsHostnames", "enableDnsSupport"] : DNS_ATTRIBUTES;
}

export const vpcHandler: ResourceKindHandler = {
  kind: "vpc",
  rules: KIND_RULES["vpc"],

  read: (ctx) => readVpcs(ctx, clusterFilters(ctx.cluster)),

  adoption: ec2Adoption("vpc-id", readVpcs, NOT_FOUND.vpc),

  // EC2 makes a second VPC without a word: one already made for this cluster (by tag) collides.
  async collisions(ctx, creating) {
    const vpcs = await describeVpcs(ctx, []);
    return creating.flatMap((resource) =>
      vpcs.flatMap((vpc) => {
        const tags = fromEc2Tags(vpc.Tags);
        const by = madeForCluster(tags, ctx.cluster, resource.name);
        return by && vpc.VpcId ? [{ id: resource.id, kind: "vpc" as const, physicalId: vpc.VpcId, description: `VPC ${vpc.VpcId} (${vpc.CidrBlock ?? "?"}, tagged ${by})` }] : [];
      }),
    );
  },

  async create(ctx, resource) {
    const existing = await describeVpcs(ctx, adoptionFilters(resource.tags));
    let vpcId = existing[0]?.VpcId;
    if (!vpcId) {
      const created = await ctx.clients.ec2.send(
        new CreateVpcCommand({ CidrBlock: stringProp(resource.properties, "cidrBlock"), TagSpecifications: tagSpecifications("vpc", resource.tags) }),
      );
      vpcId = created.Vpc?.VpcId;
      if (!vpcId) throw new Error(`CreateVpc for ${resource.id} returned no VPC id`);
    }
    for (const attribute of dnsAttributeOrder(resource.properties)) {
      await setDnsAttribute(ctx, vpcId, attribute, booleanProp(resource.properties, attribute));
    }
    return { physicalId: vpcId, outputs: { id: vpcId } };
  },

  async update(ctx, resource) {
    for (const attribute of dnsAttributeOrder(resource.properties)) {
      if (resource.changed.includes(attribute)) {
        await setDnsAttribute(ctx, resource.physicalId, attribute, booleanProp(resource.properties, attribute));
      }
    }
    return { outputs: { id: resource.physicalId } };
  },

  async delete(ctx, resource) {
    await deleteIdempotently(ctx, { what: `deleting VPC ${resource.physicalId}`, notFound: NOT_FOUND.vpc }, () =>
      ctx.clients.ec2.send(new DeleteVpcCommand({ VpcId: resource.physicalId })),
    );
  },
};

// Finds the cluster's EKS cluster: okctl names it after the okctl cluster, so one DescribeCluster
// (which carries the tags) by that name, not one per cluster in the region; kept when it is tagged
// okctl.io/cluster=<cluster>. The node group read shares the same DescribeCluster.
import { DescribeClusterCommand, type Cluster, type EKSClient } from "@aws-sdk/client-eks";
import { TAG_CLUSTER } from "../../declaration/tags.js";
import { isAwsError } from "../shared/aws-errors.js";
import { sortedSet } from "../shared/normalise.js";
import { sharedRead } from "../shared/shared-reads.js";
import { ownerFields, ownership, tagRecord } from "../shared/tags.js";
import type { ActualResource, ApplyContext, Json, ReadContext } from "../types.js";
import { canonicalLogTypes } from "./desired.js";

/** The cluster, or undefined when there is none by that name. */
export async function describeCluster(eks: EKSClient, name: string): Promise<Cluster | undefined> {
  try {
    return (await eks.send(new DescribeClusterCommand({ name }))).cluster;
  } catch (error) {
    if (isAwsError(error, "ResourceNotFoundException")) return undefined;
    throw error;
  }
}

export function enabledLogTypes(cluster: Cluster): string[] {
  const enabled = (cluster.logging?.clusterLogging ?? []).filter((setup) => setup.enabled).flatMap((setup) => setup.types ?? []);
  return canonicalLogTypes(enabled);
}

export function clusterOutputs(cluster: Cluster): Record<string, Json> {
  return {
    name: cluster.name ?? null,
    arn: cluster.arn ?? null,
    endpoint: cluster.endpoint ?? null,
    certificateAuthority: cluster.certificateAuthority?.data ?? null,
    oidcIssuer: cluster.identity?.oidc?.issuer ?? null,
    securityGroupId: cluster.resourcesVpcConfig?.clusterSecurityGroupId ?? null,
  };
}

export function clusterToActual(cluster: Cluster, id: string): ActualResource {
  const vpc = cluster.resourcesVpcConfig;
  const tags = tagRecord(cluster.tags);
  return {
    id,
    kind: "eks-cluster",
    physicalId: cluster.name ?? "",
    properties: {
      name: cluster.name ?? null,
      version: cluster.version ?? null,
      roleArn: cluster.roleArn ?? null,
      subnetIds: [...(vpc?.subnetIds ?? [])],
      endpointPublicAccess: vpc?.endpointPublicAccess ?? null,
      endpointPrivateAccess: vpc?.endpointPrivateAccess ?? null,
      publicAccessCidrs: sortedSet(vpc?.publicAccessCidrs),
      logging: enabledLogTypes(cluster),
      authenticationMode: cluster.accessConfig?.authenticationMode ?? "CONFIG_MAP",
    },
    outputs: clusterOutputs(cluster),
    tags,
    ...ownerFields(tags),
  };
}

/** A cluster being deleted is already gone as far as planning is concerned. */
function present(cluster: Cluster | undefined): cluster is Cluster {
  return cluster !== undefined && cluster.status !== "DELETING";
}

/** The EKS names our cluster can have: the okctl cluster's name, and the declared one (the same today). */
export function ourClusterNames(ctx: ReadContext): string[] {
  const declared = ctx.desired.filter((r) => r.kind === "eks-cluster").map((r) => r.properties.name);
  return [...new Set([ctx.cluster, ...declared.filter((name): name is string => typeof name === "string")])];
}

/** DescribeCluster once per read, shared by the cluster and node group reads. */
export function describeOurCluster(ctx: ReadContext, name: string): Promise<Cluster | undefined> {
  return sharedRead(ctx, `eks:cluster:${name}`, () => describeCluster(ctx.clients.eks, name));
}

export async function readEksClusters(ctx: ReadContext): Promise<ActualResource[]> {
  const clusters = await Promise.all(ourClusterNames(ctx).map((name) => describeOurCluster(ctx, name)));
  const actual: ActualResource[] = [];
  for (const cluster of clusters.filter(present)) {
    const tags = tagRecord(cluster.tags);
    const { id } = ownership(tags);
    if (id && tags[TAG_CLUSTER] === ctx.cluster) actual.push(clusterToActual(cluster, id));
  }
  return actual;
}

/** Our EKS clusters that exist (not being deleted), with the DescribeCluster shared by every EKS read. */
export async function existingOurClusters(ctx: ReadContext): Promise<Cluster[]> {
  const clusters = await Promise.all(ourClusterNames(ctx).map((name) => describeOurCluster(ctx, name)));
  return clusters.filter(present);
}

/**
 * The existing clusters that resources about to be created on a cluster (access entries, add-ons,
 * pod identities) name: their `clusterName` as the plan resolved it (a string only for a cluster
 * that exists and keeps its identity: ours or adopted), each described once (shared with the read).
 */
export async function existingClustersOf(ctx: ReadContext, resources: readonly { properties: Record<string, unknown> }[]): Promise<Map<string, Cluster>> {
  const names = [...new Set(resources.map((resource) => resource.properties.clusterName).filter((name): name is string => typeof name === "string" && name !== ""))];
  const clusters = await Promise.all(names.map((name) => describeOurCluster(ctx, name)));
  return new Map(clusters.filter(present).map((cluster) => [cluster.name ?? "", cluster]));
}

/** The tags of the cluster of this name now, for the apply's ownership check; undefined when there is none. */
export async function clusterCurrentTags(ctx: ApplyContext, name: string): Promise<Record<string, string> | undefined> {
  const cluster = await describeCluster(ctx.clients.eks, name);
  return cluster ? tagRecord(cluster.tags) : undefined;
}

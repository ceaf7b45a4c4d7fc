// Finds the cluster's EKS clusters: ListClusters, then DescribeCluster (which carries the tags),
// keeping those tagged okctl.io/cluster=<cluster>.
import { DescribeClusterCommand, ListClustersCommand, type Cluster, type EKSClient } from "@aws-sdk/client-eks";
import { TAG_CLUSTER } from "../../declaration/tags.js";
import { isAwsError } from "../shared/aws-errors.js";
import { sortedSet } from "../shared/normalise.js";
import { ownership, tagRecord } from "../shared/tags.js";
import type { ActualResource, Json, ReadContext } from "../types.js";
import { canonicalLogTypes } from "./desired.js";

export async function listClusterNames(eks: EKSClient): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await eks.send(new ListClustersCommand({ maxResults: 100, nextToken }));
    names.push(...(page.clusters ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return names;
}

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
    },
    outputs: clusterOutputs(cluster),
    tags,
    repository: ownership(tags).repository,
  };
}

/** A cluster being deleted is already gone as far as planning is concerned. */
function present(cluster: Cluster | undefined): cluster is Cluster {
  return cluster !== undefined && cluster.status !== "DELETING";
}

export async function readEksClusters(ctx: ReadContext): Promise<ActualResource[]> {
  const names = await listClusterNames(ctx.clients.eks);
  const clusters = await Promise.all(names.map((name) => describeCluster(ctx.clients.eks, name)));
  const actual: ActualResource[] = [];
  for (const cluster of clusters.filter(present)) {
    const tags = tagRecord(cluster.tags);
    const { id } = ownership(tags);
    if (id && tags[TAG_CLUSTER] === ctx.cluster) actual.push(clusterToActual(cluster, id));
  }
  return actual;
}

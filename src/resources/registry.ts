// Every resource kind okctl manages, listed by hand: its pure desired builder and its AWS handler.
// One test (registry.test.ts) walks this list and checks each kind honours the contract.
import { desiredCertificates } from "./certificate/desired.js";
import { certificateHandler } from "./certificate/handler.js";
import { desiredEksAccessEntries } from "./eks-access-entry/desired.js";
import { eksAccessEntryHandler } from "./eks-access-entry/handler.js";
import { desiredEksAddons } from "./eks-addon/desired.js";
import { eksAddonHandler } from "./eks-addon/handler.js";
import { desiredEksCluster } from "./eks-cluster/desired.js";
import { eksClusterHandler } from "./eks-cluster/handler.js";
import { desiredEksNodegroups } from "./eks-nodegroup/desired.js";
import { eksNodegroupHandler } from "./eks-nodegroup/handler.js";
import { desiredEksPodIdentities } from "./eks-pod-identity/desired.js";
import { eksPodIdentityHandler } from "./eks-pod-identity/handler.js";
import { desiredElasticIps } from "./elastic-ip/desired.js";
import { elasticIpHandler } from "./elastic-ip/handler.js";
import { desiredHostedZone } from "./hosted-zone/desired.js";
import { hostedZoneHandler } from "./hosted-zone/handler.js";
import { desiredInternetGateways } from "./internet-gateway/desired.js";
import { internetGatewayHandler } from "./internet-gateway/handler.js";
import { desiredLaunchTemplates } from "./launch-template/desired.js";
import { launchTemplateHandler } from "./launch-template/handler.js";
import { desiredNatGateways } from "./nat-gateway/desired.js";
import { natGatewayHandler } from "./nat-gateway/handler.js";
import { desiredParameters } from "./parameter/desired.js";
import { parameterHandler } from "./parameter/handler.js";
import { desiredRouteTables } from "./route-table/desired.js";
import { routeTableHandler } from "./route-table/handler.js";
import { desiredSubnets } from "./subnet/desired.js";
import { subnetHandler } from "./subnet/handler.js";
import type { DesiredInput, DesiredResource, KindRules, ResourceKind, ResourceKindHandler } from "./types.js";
import { desiredVpcs } from "./vpc/desired.js";
import { vpcHandler } from "./vpc/handler.js";
import { withTagUpdates } from "./ec2/tag-updates.js";
import { desiredZoneDelegation } from "./zone-delegation/desired.js";
import { zoneDelegationHandler } from "./zone-delegation/handler.js";

export interface RegisteredKind {
  kind: ResourceKind;
  desired(input: DesiredInput): DesiredResource[];
  handler: ResourceKindHandler;
}

/** In dependency order (see kinds.ts KIND_ORDER). */
export const REGISTRY: readonly RegisteredKind[] = [
  // EC2 kinds apply a tag change (a renamed repository, an id tag added) with CreateTags.
  { kind: "vpc", desired: desiredVpcs, handler: withTagUpdates(vpcHandler) },
  { kind: "internet-gateway", desired: desiredInternetGateways, handler: withTagUpdates(internetGatewayHandler) },
  { kind: "subnet", desired: desiredSubnets, handler: withTagUpdates(subnetHandler) },
  { kind: "elastic-ip", desired: desiredElasticIps, handler: withTagUpdates(elasticIpHandler) },
  { kind: "nat-gateway", desired: desiredNatGateways, handler: withTagUpdates(natGatewayHandler) },
  { kind: "route-table", desired: desiredRouteTables, handler: withTagUpdates(routeTableHandler) },
  { kind: "eks-cluster", desired: desiredEksCluster, handler: eksClusterHandler },
  { kind: "launch-template", desired: desiredLaunchTemplates, handler: withTagUpdates(launchTemplateHandler) },
  { kind: "eks-nodegroup", desired: desiredEksNodegroups, handler: eksNodegroupHandler },
  { kind: "eks-access-entry", desired: desiredEksAccessEntries, handler: eksAccessEntryHandler },
  { kind: "eks-addon", desired: desiredEksAddons, handler: eksAddonHandler },
  { kind: "eks-pod-identity", desired: desiredEksPodIdentities, handler: eksPodIdentityHandler },
  { kind: "hosted-zone", desired: desiredHostedZone, handler: hostedZoneHandler },
  { kind: "zone-delegation", desired: desiredZoneDelegation, handler: zoneDelegationHandler },
  { kind: "certificate", desired: desiredCertificates, handler: certificateHandler },
  { kind: "parameter", desired: desiredParameters, handler: parameterHandler },
];

export const HANDLERS: Readonly<Record<ResourceKind, ResourceKindHandler>> = Object.fromEntries(
  REGISTRY.map((entry) => [entry.kind, entry.handler]),
) as Record<ResourceKind, ResourceKindHandler>;

export const RULES: Readonly<Record<ResourceKind, KindRules>> = Object.fromEntries(
  REGISTRY.map((entry) => [entry.kind, entry.handler.rules]),
) as Record<ResourceKind, KindRules>;

/** The whole desired graph of a declaration. */
export function desiredGraph(input: DesiredInput): DesiredResource[] {
  return REGISTRY.flatMap((entry) => entry.desired(input));
}

// Every resource kind okctl manages, listed by hand: its pure desired builder (desired-graph.ts)
// and its AWS handler.
// One test (registry.test.ts) walks this list and checks each kind honours the contract.
import { certificateHandler } from "./certificate/handler.js";
import { eksAccessEntryHandler } from "./eks-access-entry/handler.js";
import { eksAddonHandler } from "./eks-addon/handler.js";
import { eksClusterHandler } from "./eks-cluster/handler.js";
import { eksNodegroupHandler } from "./eks-nodegroup/handler.js";
import { eksPodIdentityHandler } from "./eks-pod-identity/handler.js";
import { elasticIpHandler } from "./elastic-ip/handler.js";
import { hostedZoneHandler } from "./hosted-zone/handler.js";
import { internetGatewayHandler } from "./internet-gateway/handler.js";
import { launchTemplateHandler } from "./launch-template/handler.js";
import { natGatewayHandler } from "./nat-gateway/handler.js";
import { parameterHandler } from "./parameter/handler.js";
import { routeTableHandler } from "./route-table/handler.js";
import { subnetHandler } from "./subnet/handler.js";
import { vpcHandler } from "./vpc/handler.js";
import { withTagUpdates } from "./ec2/tag-updates.js";
import { zoneDelegationHandler } from "./zone-delegation/handler.js";
import { DESIRED_KINDS } from "./desired-graph.js";
import type { DesiredInput, DesiredResource, ResourceKind, ResourceKindHandler } from "./types.js";

export { desiredGraph } from "./desired-graph.js";

export interface RegisteredKind {
  kind: ResourceKind;
  desired(input: DesiredInput): DesiredResource[];
  handler: ResourceKindHandler;
}

// EC2 kinds apply a tag change (a renamed repository, an id tag added) with CreateTags.
const HANDLER_OF: Readonly<Record<ResourceKind, ResourceKindHandler>> = {
  vpc: withTagUpdates(vpcHandler),
  "internet-gateway": withTagUpdates(internetGatewayHandler),
  subnet: withTagUpdates(subnetHandler),
  "elastic-ip": withTagUpdates(elasticIpHandler),
  "nat-gateway": withTagUpdates(natGatewayHandler),
  "route-table": withTagUpdates(routeTableHandler),
  "eks-cluster": eksClusterHandler,
  "launch-template": withTagUpdates(launchTemplateHandler),
  "eks-nodegroup": eksNodegroupHandler,
  "eks-access-entry": eksAccessEntryHandler,
  "eks-addon": eksAddonHandler,
  "eks-pod-identity": eksPodIdentityHandler,
  "hosted-zone": hostedZoneHandler,
  "zone-delegation": zoneDelegationHandler,
  certificate: certificateHandler,
  parameter: parameterHandler,
};

/** In dependency order (see kinds.ts KIND_ORDER). */
export const REGISTRY: readonly RegisteredKind[] = DESIRED_KINDS.map((entry) => ({ ...entry, handler: HANDLER_OF[entry.kind] }));

export const HANDLERS: Readonly<Record<ResourceKind, ResourceKindHandler>> = Object.fromEntries(
  REGISTRY.map((entry) => [entry.kind, entry.handler]),
) as Record<ResourceKind, ResourceKindHandler>;

// The desired graph of a declaration: every kind's pure desired builder, in dependency order (see
// kinds.ts KIND_ORDER). Apart from the handlers (registry.ts), so that what only derives resources
// from a declaration (its adopt rules, `okctl show`) loads no AWS client.
import { desiredCertificates } from "./certificate/desired.js";
import { desiredEksAccessEntries } from "./eks-access-entry/desired.js";
import { desiredEksAddons } from "./eks-addon/desired.js";
import { desiredEksCluster } from "./eks-cluster/desired.js";
import { desiredEksNodegroups } from "./eks-nodegroup/desired.js";
import { desiredEksPodIdentities } from "./eks-pod-identity/desired.js";
import { desiredElasticIps } from "./elastic-ip/desired.js";
import { desiredHostedZone } from "./hosted-zone/desired.js";
import { desiredInternetGateways } from "./internet-gateway/desired.js";
import { desiredLaunchTemplates } from "./launch-template/desired.js";
import { desiredNatGateways } from "./nat-gateway/desired.js";
import { desiredParameters } from "./parameter/desired.js";
import { desiredRouteTables } from "./route-table/desired.js";
import { desiredSubnets } from "./subnet/desired.js";
import type { DesiredInput, DesiredResource, ResourceKind } from "./types.js";
import { desiredVpcs } from "./vpc/desired.js";
import { desiredZoneDelegation } from "./zone-delegation/desired.js";

export interface DesiredKind {
  kind: ResourceKind;
  desired(input: DesiredInput): DesiredResource[];
}

/** In dependency order (see kinds.ts KIND_ORDER). */
export const DESIRED_KINDS: readonly DesiredKind[] = [
  { kind: "vpc", desired: desiredVpcs },
  { kind: "internet-gateway", desired: desiredInternetGateways },
  { kind: "subnet", desired: desiredSubnets },
  { kind: "elastic-ip", desired: desiredElasticIps },
  { kind: "nat-gateway", desired: desiredNatGateways },
  { kind: "route-table", desired: desiredRouteTables },
  { kind: "eks-cluster", desired: desiredEksCluster },
  { kind: "launch-template", desired: desiredLaunchTemplates },
  { kind: "eks-nodegroup", desired: desiredEksNodegroups },
  { kind: "eks-access-entry", desired: desiredEksAccessEntries },
  { kind: "eks-addon", desired: desiredEksAddons },
  { kind: "eks-pod-identity", desired: desiredEksPodIdentities },
  { kind: "hosted-zone", desired: desiredHostedZone },
  { kind: "zone-delegation", desired: desiredZoneDelegation },
  { kind: "certificate", desired: desiredCertificates },
  { kind: "parameter", desired: desiredParameters },
];

/** The whole desired graph of a declaration. */
export function desiredGraph(input: DesiredInput): DesiredResource[] {
  return DESIRED_KINDS.flatMap((entry) => entry.desired(input));
}

// Which kinds can depend on which: used to order deletions of resources that are no longer in the
// declaration (their desired edges are gone, so the kind graph stands in for them).
import type { ResourceKind } from "./types.js";

/** kind → kinds it may depend on. */
export const KIND_DEPENDENCIES: Readonly<Record<ResourceKind, readonly ResourceKind[]>> = {
  vpc: [],
  subnet: ["vpc"],
  "internet-gateway": ["vpc"],
  "elastic-ip": ["internet-gateway"],
  "nat-gateway": ["subnet", "elastic-ip", "internet-gateway"],
  "route-table": ["vpc", "subnet", "internet-gateway", "nat-gateway"],
  "eks-cluster": ["subnet", "route-table"],
  "launch-template": [],
  "eks-nodegroup": ["eks-cluster", "subnet", "launch-template"],
  "eks-access-entry": ["eks-cluster"],
  "eks-addon": ["eks-cluster", "eks-nodegroup"],
  "eks-pod-identity": ["eks-cluster"],
  "hosted-zone": [],
  "zone-delegation": ["hosted-zone"],
  certificate: ["hosted-zone", "zone-delegation"],
  parameter: [],
};

/** Kinds in an order where every kind comes after the kinds it depends on. */
export const KIND_ORDER: readonly ResourceKind[] = [
  "vpc",
  "internet-gateway",
  "subnet",
  "elastic-ip",
  "nat-gateway",
  "route-table",
  "eks-cluster",
  "launch-template",
  "eks-nodegroup",
  "eks-access-entry",
  "eks-addon",
  "eks-pod-identity",
  "hosted-zone",
  "zone-delegation",
  "certificate",
  "parameter",
];

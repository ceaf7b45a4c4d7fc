// Outage-class changes: replacing the EKS cluster, every node group of the cluster at once, the
// VPC, or the hosted zone (new name servers) stops things that run, or cuts DNS over. Derived from
// the plan (pure); both renderers put these first, in their own alert, saying what stops and for
// how long.
import type { ResourceKind } from "../resources/types.js";
import type { Plan, ResourceChange } from "./types.js";

export interface Outage {
  /** The change that causes it (for node groups: the first of them). */
  id: string;
  kind: ResourceKind;
  /** What happens, in a few words: "the EKS cluster is replaced". */
  headline: string;
  /** What stops working, and for how long. */
  impact: string;
}

function replaced(plan: Plan, kind: ResourceKind): ResourceChange[] {
  return plan.changes.filter((change) => change.kind === kind && change.action === "replace");
}

/** Node groups that exist now (anything but a create), and whether every one of them goes away or is replaced. */
function allNodegroupsAtOnce(plan: Plan): ResourceChange[] {
  const existing = plan.changes.filter((change) => change.kind === "eks-nodegroup" && change.action !== "create");
  const going = existing.filter((change) => change.action === "replace" || change.action === "delete");
  return existing.length > 0 && going.length === existing.length ? going : [];
}

/** The outage-class changes of a plan, gravest first; empty when there are none. */
export function outageChanges(plan: Plan): Outage[] {
  const outages: Outage[] = [];
  for (const vpc of replaced(plan, "vpc")) {
    outages.push({
      id: vpc.id,
      kind: vpc.kind,
      headline: `the VPC ${vpc.physicalId ?? vpc.id} is replaced`,
      impact:
        "everything in it loses its network and is destroyed with it: subnets, NAT gateways, the EKS cluster and its nodes, load balancers, " +
        "and anything else placed in these subnets (databases too). Expect the whole platform to be down for 30–60 minutes; the new VPC starts empty.",
    });
  }
  const clusterReplaced = replaced(plan, "eks-cluster");
  for (const cluster of clusterReplaced) {
    outages.push({
      id: cluster.id,
      kind: cluster.kind,
      headline: `the EKS cluster ${cluster.physicalId ?? cluster.id} is replaced`,
      impact:
        "every workload on the cluster stops; the new cluster starts empty (no deployments, secrets, service accounts, Argo CD or ingress), " +
        "with a new API endpoint and OIDC issuer. Expect 20–40 minutes before the new cluster and its nodes are ready, then everything must be deployed again.",
    });
  }
  const nodegroups = allNodegroupsAtOnce(plan);
  if (nodegroups.length > 0 && clusterReplaced.length === 0) {
    outages.push({
      id: nodegroups[0]!.id,
      kind: "eks-nodegroup",
      headline: `every node group of the cluster is ${nodegroups.every((change) => change.action === "delete") ? "deleted" : "replaced or deleted"} at once (${nodegroups.map((change) => change.id).join(", ")})`,
      impact:
        "all nodes are drained together: every pod is evicted and nothing runs until new nodes join (about 5–15 minutes per node group), " +
        "or at all if no node group is left. Change node groups one at a time (add the new one, then remove the old one) to avoid it.",
    });
  }
  for (const zone of replaced(plan, "hosted-zone")) {
    outages.push({
      id: zone.id,
      kind: zone.kind,
      headline: `the hosted zone ${zone.name} is replaced (new name servers)`,
      impact:
        "every record in the old zone is deleted with it, and names under it stop resolving until the records are created again in the new zone " +
        "and resolvers pick up the new delegation: minutes with okctl's 300 s NS TTL, up to two days where the parent zone is managed elsewhere.",
    });
  }
  return outages;
}

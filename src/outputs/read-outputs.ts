// Reads a cluster's outputs from AWS, by tag, with the repository's (or the developer's) clients:
// the cluster, its hosted zone and delegation, certificates and parameters.
import type { AwsClients } from "../aws/clients.js";
import { readActual } from "../engine/read-actual.js";
import type { ClusterTarget } from "../engine/plan-cluster.js";
import { HANDLERS } from "../resources/registry.js";
import type { ResourceKind } from "../resources/types.js";
import { clusterOutputs, type AccessPrincipal, type ClusterOutputs } from "./cluster-outputs.js";

/** The kinds outputs come from: a handful of reads, whatever the cluster's size. */
export const OUTPUT_KINDS: readonly ResourceKind[] = ["eks-cluster", "hosted-zone", "zone-delegation", "certificate", "parameter"];

export interface ReadOutputsInput {
  clients: AwsClients;
  target: ClusterTarget;
  delegateFrom?: string;
  access?: readonly AccessPrincipal[];
  deployRoleArn?: string;
}

export async function readClusterOutputs(input: ReadOutputsInput): Promise<ClusterOutputs> {
  const { target } = input;
  // No desired graph: every kind finds the cluster's resources by tag (the delegation through the zone).
  const actual = await readActual(
    OUTPUT_KINDS.map((kind) => HANDLERS[kind]),
    { clients: input.clients, cluster: target.cluster, region: target.region, accountId: target.accountId, desired: [] },
  );
  return clusterOutputs({
    ...target,
    actual,
    ...(input.delegateFrom ? { delegateFrom: input.delegateFrom } : {}),
    ...(input.access ? { access: input.access } : {}),
    ...(input.deployRoleArn ? { deployRoleArn: input.deployRoleArn } : {}),
  });
}

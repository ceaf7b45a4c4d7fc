// Plans one cluster: the desired graph from the declaration, the actual resources from AWS (by
// tag), and the pure planner between them. A missing declaration plans the whole cluster's deletion.
import type { AwsClients } from "../aws/clients.js";
import { deriveLayout } from "../declaration/derive.js";
import type { Declaration } from "../declaration/types.js";
import { isOwnedBy, ownerOf } from "../plan/ownership.js";
import { computePlan } from "../plan/plan.js";
import type { Plan, PlanNote } from "../plan/types.js";
import { KIND_RULES } from "../resources/kind-rules.js";
import { desiredGraph, HANDLERS, REGISTRY } from "../resources/registry.js";
import type { DesiredResource } from "../resources/types.js";
import { HOSTED_ZONE_ID } from "../resources/hosted-zone/desired.js";
import { DELEGATION_TTL, ZONE_DELEGATION_ID } from "../resources/zone-delegation/desired.js";
import { createSharedReads } from "../resources/shared/shared-reads.js";
import { KNOWN_AFTER_APPLY, manualDelegationNote, parentZoneHosted, withoutZoneDelegation } from "../resources/zone-delegation/manual.js";
import { findCollisions, readAdoptions, resolvedDesired } from "./adoption.js";
import { validationRecordConflicts } from "../resources/certificate/record-conflicts.js";
import { readActual } from "./read-actual.js";
import { addonVersionProblems, addonVersionsFor, type AddonVersions } from "../resources/eks-addon/versions.js";

/** Which cluster, where, for whom. */
export interface ClusterTarget {
  cluster: string;
  accountId: string;
  region: string;
  repository: string;
  /** The repository's numeric GitHub id, as a string: ownership goes by it. */
  repositoryId: string;
}

export interface PlanClusterInput {
  target: ClusterTarget;
  /** The declaration; undefined when it was deleted from the repository (plan the cluster's deletion). */
  declaration: Declaration | undefined;
  clients: AwsClients;
  eksClusterRoleArn: string;
  eksNodeRoleArn: string;
}

export function targetOf(declaration: Declaration, repository: string, repositoryId: string): ClusterTarget {
  return {
    cluster: declaration.metadata.name,
    accountId: declaration.metadata.accountID,
    region: declaration.metadata.region,
    repository,
    repositoryId,
  };
}

function buildDesired(input: PlanClusterInput, addonVersions?: AddonVersions): DesiredResource[] {
  if (!input.declaration) return [];
  return desiredGraph({
    declaration: input.declaration,
    layout: deriveLayout(input.declaration),
    repository: input.target.repository,
    repositoryId: input.target.repositoryId,
    eksClusterRoleArn: input.eksClusterRoleArn,
    eksNodeRoleArn: input.eksNodeRoleArn,
    ...(addonVersions ? { addonVersions } : {}),
  });
}

/** The declared add-ons' versions for the declared Kubernetes version (one DescribeAddonVersions). */
function lookUpAddonVersions(input: PlanClusterInput): Promise<AddonVersions | undefined> {
  const eks = input.declaration?.eks;
  if (!eks || eks.addons.length === 0) return Promise.resolve(undefined);
  return addonVersionsFor(input.clients.eks, eks.version, eks.addons.map((addon) => addon.name));
}

export async function planCluster(input: PlanClusterInput): Promise<Plan> {
  // Reads find resources by tag and id, not by add-on version: they run beside the version lookup.
  const readable = buildDesired(input);
  const { target, clients } = input;
  const parentZone = input.declaration?.dns.delegateFrom;
  const shared = createSharedReads(); // the parent zone lookup is shared with the zone-delegation read
  const readContext = { clients, cluster: target.cluster, region: target.region, accountId: target.accountId, desired: readable, shared };
  const [actual, parentHosted, addonVersions] = await Promise.all([
    readActual(
      REGISTRY.map((entry) => HANDLERS[entry.kind]),
      readContext,
    ),
    parentZone ? parentZoneHosted(clients.route53, parentZone, shared) : Promise.resolve(true),
    lookUpAddonVersions(input),
  ]);
  let desired = addonVersions ? buildDesired(input, addonVersions) : readable;
  const addonErrors =
    addonVersions && input.declaration ? addonVersionProblems(input.declaration.eks.addons, addonVersions, input.declaration.eks.version) : [];
  const notes: PlanNote[] = [];
  if (parentZone && !parentHosted && input.declaration) {
    desired = withoutZoneDelegation(desired);
    const zone = actual.find((resource) => resource.id === HOSTED_ZONE_ID && isOwnedBy(ownerOf(resource), { id: target.repositoryId, name: target.repository }));
    const servers = zone?.outputs.nameServers;
    notes.push({
      id: ZONE_DELEGATION_ID,
      message: manualDelegationNote({
        parentZone,
        recordName: input.declaration.clusterRootDomain,
        nameServers: Array.isArray(servers) ? servers.map(String) : KNOWN_AFTER_APPLY,
        ttl: DELEGATION_TTL,
      }),
    });
  }
  const adoptions = await readAdoptions(input.declaration?.adopt ?? [], desired, actual, readContext, { id: target.repositoryId, name: target.repository });
  const planInput = {
    desired,
    actual,
    rules: KIND_RULES,
    ...target,
    notes,
    adoptions: adoptions.candidates,
    errors: [...addonErrors, ...adoptions.errors],
  };
  const first = computePlan(planInput);
  // Only what the plan creates is looked for elsewhere (and the zone only where a certificate is
  // validated): a no-change plan makes no such call.
  const [collisions, recordErrors] = await Promise.all([
    findCollisions(first, desired, { ...readContext, desired }),
    validationRecordConflicts(first, resolvedDesired(first, desired), readContext),
  ]);
  if (collisions.length === 0 && recordErrors.length === 0) return first;
  return computePlan({ ...planInput, collisions, errors: [...planInput.errors, ...recordErrors] });
}

/** Plans with an opened repository session: its clients and its access entry's EKS roles. */
export function planWithSession(
  session: { clients: AwsClients; entry: { eksClusterRoleArn: string; eksNodeRoleArn: string } },
  target: ClusterTarget,
  declaration: Declaration | undefined,
): Promise<Plan> {
  return planCluster({
    target,
    declaration,
    clients: session.clients,
    eksClusterRoleArn: session.entry.eksClusterRoleArn,
    eksNodeRoleArn: session.entry.eksNodeRoleArn,
  });
}

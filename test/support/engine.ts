// Helpers for engine tests against moto: plan and apply a declaration as a repository would.
import { CreateHostedZoneCommand } from "@aws-sdk/client-route-53";
import { createAwsClients, type AwsClients } from "../../src/aws/clients.js";
import type { Declaration } from "../../src/declaration/types.js";
import { applyCluster, type ApplyClusterOptions } from "../../src/engine/apply-cluster.js";
import { planCluster, targetOf } from "../../src/engine/plan-cluster.js";
import type { Plan } from "../../src/plan/types.js";
import { repositoryIdOf, TEST_EKS_CLUSTER_ROLE_ARN, TEST_EKS_NODE_ROLE_ARN, TEST_REPOSITORY } from "./declarations.js";

/** A repository by name (its id derived from the name), or by name and id (a renamed repository keeps its id). */
export type TestRepository = string | { name: string; id: string };

/** The id of a test repository: derived from its name, or the one given. */
export function testRepositoryIdOf(repository: TestRepository): string {
  return typeof repository === "string" ? repositoryIdOf(repository) : repository.id;
}

function targetFor(declaration: Declaration, repository: TestRepository) {
  return typeof repository === "string" ? targetOf(declaration, repository, repositoryIdOf(repository)) : targetOf(declaration, repository.name, repository.id);
}

export function testClients(region = "eu-west-1"): AwsClients {
  return createAwsClients({ region });
}

export function planFor(declaration: Declaration, clients: AwsClients, repository: TestRepository = TEST_REPOSITORY): Promise<Plan> {
  return planCluster({
    target: targetFor(declaration, repository),
    declaration,
    clients,
    eksClusterRoleArn: TEST_EKS_CLUSTER_ROLE_ARN,
    eksNodeRoleArn: TEST_EKS_NODE_ROLE_ARN,
  });
}

/** Plans the deletion of the declaration's whole cluster, as when its okctl.yaml is removed. */
export function planDeletionFor(declaration: Declaration, clients: AwsClients, repository: TestRepository = TEST_REPOSITORY): Promise<Plan> {
  return planCluster({
    target: targetFor(declaration, repository),
    declaration: undefined,
    clients,
    eksClusterRoleArn: TEST_EKS_CLUSTER_ROLE_ARN,
    eksNodeRoleArn: TEST_EKS_NODE_ROLE_ARN,
  });
}

/** Applies as the plan's repository; one whose id is not derived from its name (a renamed one) passes `repositoryId`. */
export function applyFor(plan: Plan, clients: AwsClients, options: Partial<ApplyClusterOptions> = {}) {
  return applyCluster(plan, {
    clients,
    repositoryId: repositoryIdOf(plan.repository),
    allowDestroy: false,
    sleep: async () => {},
    timeouts: { eksCluster: 2000, eksNodegroup: 2000, natGateway: 2000, certificate: 5000, route53Change: 2000, other: 2000 },
    ...options,
  });
}

/** The parent zone of the example's delegation, hosted in the same account. */
export async function hostParentZone(clients: AwsClients, name = "oslo.systems"): Promise<void> {
  await clients.route53.send(new CreateHostedZoneCommand({ Name: name, CallerReference: `parent-${name}-${Date.now()}` }));
}

/** The changes of a plan that do something (no-ops left out). */
export function pending(plan: Plan) {
  return plan.changes.filter((change) => change.action !== "no-op");
}

/** Logical id → physical id of every resource a plan found. */
export function physicalIds(plan: Plan): Record<string, string> {
  return Object.fromEntries(plan.changes.flatMap((change) => (change.physicalId ? [[change.id, change.physicalId]] : [])));
}

/** Hosts the parent zone, then plans and applies the declaration on an empty account; throws unless every step is done. */
export async function applyExample(clients: AwsClients, declaration: Declaration, repository: TestRepository = TEST_REPOSITORY): Promise<Plan> {
  await hostParentZone(clients);
  const result = await applyFor(await planFor(declaration, clients, repository), clients, { repositoryId: testRepositoryIdOf(repository) });
  if (result.outcome !== "applied" || !result.ok) throw new Error(`applying the example failed: ${JSON.stringify(result, null, 2).slice(0, 2000)}`);
  return planFor(declaration, clients, repository);
}

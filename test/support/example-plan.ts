// The full example's first plan (or against given actual resources), computed without AWS.
import { deriveLayout } from "../../src/declaration/derive.js";
import type { Declaration } from "../../src/declaration/types.js";
import { computePlan } from "../../src/plan/plan.js";
import type { ActualResource } from "../../src/resources/types.js";
import type { Plan } from "../../src/plan/types.js";
import { desiredGraph } from "../../src/resources/desired-graph.js";
import { KIND_RULES } from "../../src/resources/kind-rules.js";
import { fullDeclaration, TEST_EKS_CLUSTER_ROLE_ARN, TEST_EKS_NODE_ROLE_ARN, TEST_REPOSITORY, TEST_REPOSITORY_ID } from "./declarations.js";

export function examplePlan(declaration: Declaration = fullDeclaration(), actual: ActualResource[] = []): Plan {
  const desired = desiredGraph({
    declaration, layout: deriveLayout(declaration), repository: TEST_REPOSITORY, repositoryId: TEST_REPOSITORY_ID,
    eksClusterRoleArn: TEST_EKS_CLUSTER_ROLE_ARN, eksNodeRoleArn: TEST_EKS_NODE_ROLE_ARN,
  });
  return computePlan({ desired, actual, rules: KIND_RULES, cluster: declaration.metadata.name, accountId: declaration.metadata.accountID, region: declaration.metadata.region, repository: TEST_REPOSITORY, repositoryId: TEST_REPOSITORY_ID });
}

// The full example as builder input, for the kinds' tests.
import { deriveLayout } from "../../declaration/derive.js";
import type { Declaration } from "../../declaration/types.js";
import {
  fullDeclaration,
  TEST_EKS_CLUSTER_ROLE_ARN,
  TEST_EKS_NODE_ROLE_ARN,
  TEST_REPOSITORY,
  repositoryIdOf,
} from "../../../test/support/declarations.js";
import type { DesiredInput } from "../types.js";

export function fullInput(overrides: Partial<Declaration> = {}, repository = TEST_REPOSITORY): DesiredInput {
  const declaration = fullDeclaration(overrides);
  return {
    declaration,
    layout: deriveLayout(declaration),
    repository,
    repositoryId: repositoryIdOf(repository),
    eksClusterRoleArn: TEST_EKS_CLUSTER_ROLE_ARN,
    eksNodeRoleArn: TEST_EKS_NODE_ROLE_ARN,
  };
}

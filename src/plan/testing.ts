// Helpers for tests of the planner, the executor and the renderers: small resources, test rules.
import type { ActualResource, DesiredResource, DesiredValue, Json, KindRules, ResourceKind } from "../resources/types.js";
import { computePlan, type ComputePlanInput } from "./plan.js";
import type { Plan } from "./types.js";

export const TEST_REPOSITORY = "acme/shop";
export const TEST_REPOSITORY_ID = "4242";

/** Rules resembling the real kinds', small enough to reason about in tests. */
export const TEST_RULES: Readonly<Record<ResourceKind, KindRules>> = {
  vpc: { replaceOn: ["cidr"] },
  subnet: { replaceOn: ["cidr", "vpcId", "availabilityZone"] },
  "internet-gateway": { replaceOn: [] },
  "elastic-ip": { replaceOn: [] },
  "nat-gateway": { replaceOn: ["subnetId", "allocationId"] },
  "route-table": { replaceOn: ["vpcId"], unorderedLists: ["subnetIds"] },
  "eks-cluster": { replaceOn: ["subnetIds"], unorderedLists: ["subnetIds", "logging"] },
  "launch-template": { replaceOn: ["name"], outputsChangedByUpdate: ["version"] },
  "eks-nodegroup": { replaceOn: ["clusterName", "instanceTypes", "launchTemplateId"] },
  "eks-access-entry": { replaceOn: ["clusterName", "principalArn"], unorderedLists: ["namespaces"] },
  "eks-addon": { replaceOn: ["clusterName", "name"] },
  "eks-pod-identity": { replaceOn: ["clusterName", "namespace", "serviceAccount"] },
  "hosted-zone": { replaceOn: ["domain"] },
  "zone-delegation": { replaceOn: [], unorderedLists: ["nameServers"] },
  certificate: { replaceOn: ["domain"] },
  parameter: { replaceOn: ["type"], sensitive: ["value"], createOnly: ["value"] },
};

export function ref(id: string, output = "id"): { $ref: string; output: string } {
  return { $ref: id, output };
}

export function desired(
  id: string,
  kind: ResourceKind,
  properties: Record<string, DesiredValue> = {},
  extra: Partial<Pick<DesiredResource, "dependsOn" | "tags" | "name">> = {},
): DesiredResource {
  return { id, kind, name: extra.name ?? `shop-${id.replace(/\//g, "-")}`, properties, dependsOn: extra.dependsOn ?? [], tags: extra.tags ?? {} };
}

export function actual(
  id: string,
  kind: ResourceKind,
  properties: Record<string, Json> = {},
  extra: Partial<Pick<ActualResource, "physicalId" | "outputs" | "tags" | "repository" | "repositoryId">> = {},
): ActualResource {
  const physicalId = extra.physicalId ?? `${kind}-${id.replace(/\W/g, "")}`;
  const repository = "repository" in extra ? extra.repository : TEST_REPOSITORY;
  // The test repository's resources carry its id unless told otherwise; other names carry none (from before ids).
  const repositoryId = "repositoryId" in extra ? extra.repositoryId : repository === TEST_REPOSITORY ? TEST_REPOSITORY_ID : undefined;
  return {
    id,
    kind,
    physicalId,
    properties,
    outputs: extra.outputs ?? { id: physicalId },
    tags: extra.tags ?? {},
    ...(repository !== undefined ? { repository } : {}),
    ...(repositoryId !== undefined ? { repositoryId } : {}),
  };
}

/** computePlan with the test rules and identity. */
export function planOf(desiredResources: DesiredResource[], actualResources: ActualResource[] = [], overrides: Partial<ComputePlanInput> = {}): Plan {
  return computePlan({
    desired: desiredResources,
    actual: actualResources,
    rules: TEST_RULES,
    cluster: "shop-dev",
    accountId: "123456789012",
    region: "eu-west-1",
    repository: TEST_REPOSITORY,
    repositoryId: TEST_REPOSITORY_ID,
    ...overrides,
  });
}

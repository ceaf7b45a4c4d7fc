// For the drift tests: the full example's declaration, and the plan of it against an AWS that
// holds exactly what it declares, changed by hand where a test says so.
import { readFileSync } from "node:fs";
import { deriveLayout } from "../declaration/derive.js";
import { loadDeclaration } from "../declaration/load.js";
import type { Declaration } from "../declaration/types.js";
import { computePlan } from "../plan/plan.js";
import type { Plan } from "../plan/types.js";
import { desiredGraph } from "../resources/desired-graph.js";
import { KIND_RULES } from "../resources/kind-rules.js";
import type { ActualResource, DesiredResource, DesiredValue, Json } from "../resources/types.js";

export const EXAMPLE_REPOSITORY = "acme/booking";
export const EXAMPLE_REPOSITORY_ID = "4242";

export function exampleDeclaration(): Declaration {
  const loaded = loadDeclaration(readFileSync(new URL("../../examples/okctl.yaml", import.meta.url)), "okctl.yaml");
  if (!loaded.ok) throw new Error("examples/okctl.yaml is not valid");
  return loaded.declaration;
}

function exampleDesired(declaration: Declaration): DesiredResource[] {
  return desiredGraph({
    declaration,
    layout: deriveLayout(declaration),
    repository: EXAMPLE_REPOSITORY,
    repositoryId: EXAMPLE_REPOSITORY_ID,
    eksClusterRoleArn: "arn:aws:iam::123456789012:role/okctl-eks-cluster",
    eksNodeRoleArn: "arn:aws:iam::123456789012:role/okctl-eks-node",
  });
}

/** A reference's value in this made-up AWS: `<id>.<output>`. */
function resolve(value: DesiredValue): Json {
  if (Array.isArray(value)) return value.map(resolve);
  if (typeof value === "object" && value !== null) {
    if (typeof value.$ref === "string" && typeof value.output === "string" && Object.keys(value).length === 2) return `${value.$ref}.${value.output}`;
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, resolve(member)]));
  }
  return value;
}

/** What AWS would hold after applying `desired`: every property as declared, outputs as referenced. */
function actualOf(desired: readonly DesiredResource[]): ActualResource[] {
  const outputs = new Map<string, Record<string, Json>>();
  const collect = (value: DesiredValue): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (typeof value === "object" && value !== null) {
      if (typeof value.$ref === "string" && typeof value.output === "string") {
        const record = outputs.get(value.$ref) ?? {};
        record[value.output] = `${value.$ref}.${value.output}`;
        outputs.set(value.$ref, record);
      } else Object.values(value).forEach(collect);
    }
  };
  desired.forEach((resource) => Object.values(resource.properties).forEach(collect));
  return desired.map((resource) => {
    const properties = Object.fromEntries(Object.entries(resource.properties).filter(([name]) => name !== "generate").map(([name, value]) => [name, resolve(value)]));
    const physicalId = `${resource.id}.id`;
    return { id: resource.id, kind: resource.kind, physicalId, properties, outputs: { id: physicalId, ...outputs.get(resource.id) }, tags: { ...resource.tags }, repository: EXAMPLE_REPOSITORY, repositoryId: EXAMPLE_REPOSITORY_ID };
  });
}

/** The plan of the full example against AWS as applied, after `handChanges` edited what AWS holds. */
export function examplePlan(handChanges: (actual: ActualResource[]) => ActualResource[] = (actual) => actual, declaration = exampleDeclaration()): Plan {
  const desired = exampleDesired(declaration);
  const applied = actualOf(exampleDesired(exampleDeclaration()));
  return computePlan({
    desired,
    actual: handChanges(applied),
    rules: KIND_RULES,
    cluster: declaration.metadata.name,
    accountId: declaration.metadata.accountID,
    region: declaration.metadata.region,
    repository: EXAMPLE_REPOSITORY,
    repositoryId: EXAMPLE_REPOSITORY_ID,
  });
}

/** `actual` with the properties of resource `id` changed. */
export function withProperties(actual: ActualResource[], id: string, properties: Record<string, Json>): ActualResource[] {
  if (!actual.some((resource) => resource.id === id)) throw new Error(`no resource ${id}`);
  return actual.map((resource) => (resource.id === id ? { ...resource, properties: { ...resource.properties, ...properties } } : resource));
}

/** `actual` without resource `id`. */
export function without(actual: ActualResource[], id: string): ActualResource[] {
  if (!actual.some((resource) => resource.id === id)) throw new Error(`no resource ${id}`);
  return actual.filter((resource) => resource.id !== id);
}

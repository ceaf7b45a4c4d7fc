import { describe, expect, it } from "vitest";
import { deriveLayout } from "../declaration/derive.js";
import { fullDeclaration, TEST_EKS_CLUSTER_ROLE_ARN, TEST_EKS_NODE_ROLE_ARN, TEST_REPOSITORY } from "../../test/support/declarations.js";
import { KIND_RULES } from "./kind-rules.js";
import { KIND_DEPENDENCIES, KIND_ORDER } from "./kinds.js";
import { desiredGraph, REGISTRY } from "./registry.js";
import { TAG_CLUSTER, TAG_REPOSITORY, TAG_RESOURCE } from "../declaration/tags.js";
import type { DesiredValue, Ref } from "./types.js";

function refsOf(value: DesiredValue): Ref[] {
  if (value === null || typeof value !== "object") return [];
  if (!Array.isArray(value) && typeof (value as Ref).$ref === "string") return [value as Ref];
  return (Array.isArray(value) ? value : Object.values(value)).flatMap(refsOf);
}

const declaration = fullDeclaration();
const graph = desiredGraph({
  declaration,
  layout: deriveLayout(declaration),
  repository: TEST_REPOSITORY,
  repositoryId: "1001",
  eksClusterRoleArn: TEST_EKS_CLUSTER_ROLE_ARN,
  eksNodeRoleArn: TEST_EKS_NODE_ROLE_ARN,
});

describe("the resource registry", () => {
  it("registers every kind exactly once, in KIND_ORDER", () => {
    expect(REGISTRY.map((entry) => entry.kind)).toEqual(KIND_ORDER);
    for (const entry of REGISTRY) expect(entry.handler.kind).toBe(entry.kind);
  });

  it("gives each handler its kind's plan rules (the ones plans computed without handlers use)", () => {
    for (const entry of REGISTRY) expect(entry.handler.rules).toBe(KIND_RULES[entry.kind]);
  });

  it("re-checks the owner before an update or delete exactly of the kinds addressed by a name someone else can take", () => {
    // The others are addressed by an id AWS generated and never reuses (vpc-…, Z…, a certificate's
    // ARN, a pod identity association's a-…), or cannot be tagged (the delegation NS record).
    const guarded = REGISTRY.filter((entry) => entry.handler.currentTags !== undefined).map((entry) => entry.kind);
    expect(guarded).toEqual(["eks-cluster", "eks-nodegroup", "eks-access-entry", "eks-addon", "parameter"]);
  });

  it.each(REGISTRY.map((entry) => [entry.kind, entry] as const))("%s honours the handler contract", (_kind, entry) => {
    const { handler } = entry;
    for (const method of ["read", "create", "update", "delete"] as const) expect(typeof handler[method]).toBe("function");
    for (const attribute of handler.rules.replaceOn) expect(typeof attribute).toBe("string");
    const own = graph.filter((resource) => resource.kind === entry.kind);
    expect(own.length).toBeGreaterThan(0);
    for (const resource of own) {
      // Every property the rules name is a property the builder produces.
      for (const attribute of [...handler.rules.replaceOn, ...(handler.rules.unorderedLists ?? [])]) {
        expect(Object.keys(resource.properties)).toContain(attribute);
      }
    }
  });

  it("gives every resource a unique logical id and, where taggable, the okctl tags", () => {
    const ids = graph.map((resource) => resource.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const resource of graph) {
      if (resource.kind === "zone-delegation") continue; // record sets can't carry tags
      expect(resource.tags[TAG_CLUSTER]).toBe("booking-dev");
      expect(resource.tags[TAG_REPOSITORY]).toBe(TEST_REPOSITORY);
      expect(resource.tags[TAG_RESOURCE]).toBe(resource.id);
    }
  });

  it("only depends on resources in the graph, of kinds the kind graph allows", () => {
    const byId = new Map(graph.map((resource) => [resource.id, resource]));
    for (const resource of graph) {
      for (const ref of Object.values(resource.properties).flatMap(refsOf)) expect(resource.dependsOn).toContain(ref.$ref);
      for (const dependency of resource.dependsOn) {
        const target = byId.get(dependency);
        expect(target, `${resource.id} depends on missing ${dependency}`).toBeDefined();
        expect(KIND_DEPENDENCIES[resource.kind]).toContain(target!.kind);
      }
    }
  });

  it("builds the full example's 38 resources", () => {
    const count = (kind: string) => graph.filter((resource) => resource.kind === kind).length;
    expect(count("subnet")).toBe(9);
    expect(count("nat-gateway")).toBe(3);
    expect(count("elastic-ip")).toBe(3);
    expect(count("route-table")).toBe(5);
    expect(count("parameter")).toBe(2);
    expect(count("launch-template")).toBe(1);
    expect(count("eks-nodegroup")).toBe(1);
    expect(count("eks-access-entry")).toBe(2);
    expect(count("eks-addon")).toBe(5);
    expect(count("eks-pod-identity")).toBe(1);
    expect(graph).toHaveLength(38);
  });
});

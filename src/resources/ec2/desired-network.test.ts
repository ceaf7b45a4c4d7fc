import { describe, expect, it } from "vitest";
import { KIND_DEPENDENCIES } from "../kinds.js";
import { fullInput } from "../shared/test-input.js";
import type { DesiredValue, Ref } from "../types.js";
import { desiredNetwork } from "./desired-network.js";

function refsIn(value: DesiredValue): Ref[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value !== null && typeof value === "object") {
    if (typeof value["$ref"] === "string") return [value as unknown as Ref];
    return Object.values(value).flatMap(refsIn);
  }
  return [];
}

describe("the desired network graph", () => {
  const network = desiredNetwork(fullInput());
  const ids = new Map(network.map((resource) => [resource.id, resource]));

  it("has the full example's 27 resources with unique ids", () => {
    expect(ids.size).toBe(network.length);
    expect(network.length).toBe(1 + 1 + 9 + 3 + 3 + 5);
  });

  it("lists every referenced resource in dependsOn, and only existing ones", () => {
    for (const resource of network) {
      for (const reference of refsIn(resource.properties)) {
        expect(resource.dependsOn, `${resource.id} → ${reference.$ref}`).toContain(reference.$ref);
        expect(reference.output).toBe("id");
      }
      for (const dependency of resource.dependsOn) {
        expect(ids.has(dependency), `${resource.id} depends on missing ${dependency}`).toBe(true);
        expect(KIND_DEPENDENCIES[resource.kind]).toContain(ids.get(dependency)!.kind);
      }
    }
  });

  it("names every resource after the cluster and tags it with its logical id", () => {
    for (const resource of network) {
      expect(resource.name.startsWith("booking-dev-")).toBe(true);
      expect(resource.tags).toMatchObject({ Name: resource.name, "okctl.io/resource": resource.id, "okctl.io/cluster": "booking-dev" });
    }
  });
});

import { describe, expect, it } from "vitest";
import { useMoto } from "../../../test/support/aws.js";
import { KIND_ORDER } from "../kinds.js";
import { resolveRefs, testApplyContext, testReadContext } from "../shared/test-context.js";
import { fullInput } from "../shared/test-input.js";
import type { ActualResource } from "../types.js";
import { desiredNetwork } from "./desired-network.js";
import { createNetwork, NETWORK_HANDLERS } from "./test-network.js";

useMoto();

const handlers = KIND_ORDER.map((kind) => NETWORK_HANDLERS[kind]).filter((handler) => handler !== undefined);

async function readNetwork(ctx: ReturnType<typeof testApplyContext>): Promise<ActualResource[]> {
  const read = await Promise.all(handlers.map((handler) => handler.read(testReadContext({ clients: ctx.clients }))));
  return read.flat();
}

function sortLists(properties: Record<string, unknown>): Record<string, unknown> {
  const subnetIds = properties["subnetIds"];
  return Array.isArray(subnetIds) ? { ...properties, subnetIds: [...subnetIds].sort() } : properties;
}

describe("the whole network against moto", () => {
  it("is read back exactly as desired after creation, in one call per kind plus the VPC's attributes", async () => {
    const ctx = testApplyContext();
    const { outputs, physicalIds } = await createNetwork(ctx);
    const before = ctx.clients.calls.total;
    const actual = new Map((await readNetwork(ctx)).map((resource) => [resource.id, resource]));
    expect(ctx.clients.calls.total - before).toBe(handlers.length + 2);

    const desired = desiredNetwork(fullInput());
    expect([...actual.keys()].sort()).toEqual(desired.map((resource) => resource.id).sort());
    for (const resource of desired) {
      const found = actual.get(resource.id)!;
      expect(found.physicalId, resource.id).toBe(physicalIds[resource.id]);
      expect(sortLists(found.properties), resource.id).toEqual(sortLists(resolveRefs(resource.properties, outputs) as Record<string, unknown>));
      expect(found.tags, resource.id).toEqual(resource.tags);
    }
  });

  it("makes no duplicates when created again after a crash", async () => {
    const ctx = testApplyContext();
    const first = await createNetwork(ctx);
    const second = await createNetwork(ctx);
    expect(second.physicalIds).toEqual(first.physicalIds);
    expect(await readNetwork(ctx)).toHaveLength(desiredNetwork(fullInput()).length);
  });

  it("is deleted completely in reverse dependency order, and deleting again succeeds", async () => {
    const ctx = testApplyContext();
    const { outputs, physicalIds } = await createNetwork(ctx);
    const reverse = desiredNetwork(fullInput()).reverse();
    for (let round = 0; round < 2; round++) {
      for (const resource of reverse) {
        await NETWORK_HANDLERS[resource.kind]!.delete(ctx, { id: resource.id, physicalId: physicalIds[resource.id]!, outputs: outputs[resource.id]! });
      }
      expect(await readNetwork(ctx)).toEqual([]);
    }
  });
});

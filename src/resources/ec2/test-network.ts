// Test helper: creates the desired network (or a prefix of it) through the handlers, resolving
// references the way the executor does. Used by the network kinds' moto tests only.
import { elasticIpHandler } from "../elastic-ip/handler.js";
import { internetGatewayHandler } from "../internet-gateway/handler.js";
import { natGatewayHandler } from "../nat-gateway/handler.js";
import { routeTableHandler } from "../route-table/handler.js";
import { createInput } from "../shared/test-context.js";
import { fullInput } from "../shared/test-input.js";
import { subnetHandler } from "../subnet/handler.js";
import type { ApplyContext, DesiredInput, Json, ResourceKind, ResourceKindHandler } from "../types.js";
import { vpcHandler } from "../vpc/handler.js";
import { desiredNetwork } from "./desired-network.js";

export const NETWORK_HANDLERS: Partial<Record<ResourceKind, ResourceKindHandler>> = {
  vpc: vpcHandler,
  subnet: subnetHandler,
  "internet-gateway": internetGatewayHandler,
  "elastic-ip": elasticIpHandler,
  "nat-gateway": natGatewayHandler,
  "route-table": routeTableHandler,
};

export interface CreatedNetwork {
  outputs: Record<string, Record<string, Json>>;
  physicalIds: Record<string, string>;
}

/** Creates every desired network resource whose id passes `include` (default: all), in order. */
export async function createNetwork(
  ctx: ApplyContext,
  options: { input?: DesiredInput; include?: (id: string) => boolean } = {},
): Promise<CreatedNetwork> {
  const created: CreatedNetwork = { outputs: {}, physicalIds: {} };
  for (const resource of desiredNetwork(options.input ?? fullInput())) {
    if (options.include && !options.include(resource.id)) continue;
    const result = await NETWORK_HANDLERS[resource.kind]!.create(ctx, createInput(resource, created.outputs));
    created.outputs[resource.id] = result.outputs;
    created.physicalIds[resource.id] = result.physicalId;
  }
  return created;
}

/** A desired network resource of the full example, by logical id. */
export function desiredById(id: string, input: DesiredInput = fullInput()) {
  const resource = desiredNetwork(input).find((candidate) => candidate.id === id);
  if (!resource) throw new Error(`test: no desired network resource ${id}`);
  return resource;
}

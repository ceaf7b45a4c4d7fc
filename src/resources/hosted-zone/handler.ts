// The hosted-zone kind: the public Route 53 zone for clusterRootDomain.
import type { ResourceKindHandler } from "../types.js";
import { KIND_RULES } from "../kind-rules.js";
import { hostedZoneAdoption, hostedZoneCollisions } from "./adopt.js";
import { zoneOutputs } from "./lookup.js";
import { readHostedZones } from "./read.js";
import { createHostedZone, deleteHostedZone, tagZone } from "./write.js";

export const hostedZoneHandler: ResourceKindHandler = {
  kind: "hosted-zone",
  rules: KIND_RULES["hosted-zone"],
  read: readHostedZones,
  create: createHostedZone,
  // The only property, name, forces a replace: an update only re-applies the tags.
  update: async (ctx, resource) => {
    await tagZone(ctx, resource.physicalId, resource.tags);
    return { outputs: await zoneOutputs(ctx.clients.route53, resource.physicalId) };
  },
  delete: deleteHostedZone,
  adoption: hostedZoneAdoption,
  collisions: hostedZoneCollisions,
};

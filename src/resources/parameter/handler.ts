// The parameter kind: SSM parameters under /okctl/<cluster>/.
import type { ResourceKindHandler } from "../types.js";
import { parameterAdoption, parameterCollisions } from "./adopt.js";
import { parameterCurrentTags, readParameters } from "./read.js";
import { createParameter, deleteParameter, updateParameter } from "./write.js";

export const parameterHandler: ResourceKindHandler = {
  kind: "parameter",
  rules: {
    replaceOn: ["name", "type"],
    // A SecureString's `generate` stands for its value: used once at creation, never shown.
    createOnly: ["generate"],
    sensitive: ["generate"],
  },
  read: readParameters,
  create: createParameter,
  update: updateParameter,
  delete: deleteParameter,
  currentTags: parameterCurrentTags,
  adoption: parameterAdoption,
  collisions: parameterCollisions,
};

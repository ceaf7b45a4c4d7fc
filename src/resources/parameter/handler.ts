// The parameter kind: SSM parameters under /okctl/<cluster>/.
import type { ResourceKindHandler } from "../types.js";
import { KIND_RULES } from "../kind-rules.js";
import { parameterAdoption, parameterCollisions } from "./adopt.js";
import { parameterCurrentTags, readParameters } from "./read.js";
import { createParameter, deleteParameter, updateParameter } from "./write.js";

export const parameterHandler: ResourceKindHandler = {
  kind: "parameter",
  rules: KIND_RULES["parameter"],
  read: readParameters,
  create: createParameter,
  update: updateParameter,
  delete: deleteParameter,
  currentTags: parameterCurrentTags,
  adoption: parameterAdoption,
  collisions: parameterCollisions,
};

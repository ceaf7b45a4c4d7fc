// The launch-template kind: the EC2 launch template of a node group (root volume, IMDS settings).
import type { ResourceKindHandler } from "../types.js";
import { KIND_RULES } from "../kind-rules.js";
import { launchTemplateAdoption, launchTemplateCollisions } from "./adopt.js";
import { readLaunchTemplates } from "./read.js";
import { createLaunchTemplate, deleteLaunchTemplate, updateLaunchTemplate } from "./write.js";

export const launchTemplateHandler: ResourceKindHandler = {
  kind: "launch-template",
  rules: KIND_RULES["launch-template"],
  read: readLaunchTemplates,
  create: createLaunchTemplate,
  update: updateLaunchTemplate,
  delete: deleteLaunchTemplate,
  adoption: launchTemplateAdoption,
  collisions: launchTemplateCollisions,
};

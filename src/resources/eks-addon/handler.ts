// The eks-addon kind: EKS managed add-ons.
import type { ResourceKindHandler } from "../types.js";
import { KIND_RULES } from "../kind-rules.js";
import { eksAddonAdoption, eksAddonCollisions } from "./adopt.js";
import { addonCurrentTags, readEksAddons } from "./read.js";
import { createEksAddon, deleteEksAddon, updateEksAddon } from "./write.js";

export const eksAddonHandler: ResourceKindHandler = {
  kind: "eks-addon",
  rules: KIND_RULES["eks-addon"],
  read: readEksAddons,
  create: createEksAddon,
  update: updateEksAddon,
  delete: deleteEksAddon,
  currentTags: addonCurrentTags,
  adoption: eksAddonAdoption,
  collisions: eksAddonCollisions,
};

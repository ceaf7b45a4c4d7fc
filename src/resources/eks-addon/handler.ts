// The eks-addon kind: EKS managed add-ons.
import type { ResourceKindHandler } from "../types.js";
import { eksAddonAdoption, eksAddonCollisions } from "./adopt.js";
import { addonCurrentTags, readEksAddons } from "./read.js";
import { ADDON_REPLACE_ON, createEksAddon, deleteEksAddon, updateEksAddon } from "./write.js";

export const eksAddonHandler: ResourceKindHandler = {
  kind: "eks-addon",
  rules: { replaceOn: ADDON_REPLACE_ON },
  read: readEksAddons,
  create: createEksAddon,
  update: updateEksAddon,
  delete: deleteEksAddon,
  currentTags: addonCurrentTags,
  adoption: eksAddonAdoption,
  collisions: eksAddonCollisions,
};

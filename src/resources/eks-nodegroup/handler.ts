// The eks-nodegroup kind: EKS managed node groups.
import type { ResourceKindHandler } from "../types.js";
import { KIND_RULES } from "../kind-rules.js";
import { eksNodegroupAdoption, eksNodegroupCollisions } from "./adopt.js";
import { nodegroupCurrentTags, readEksNodegroups } from "./read.js";
import { createEksNodegroup, deleteEksNodegroup, updateEksNodegroup } from "./write.js";

export const eksNodegroupHandler: ResourceKindHandler = {
  kind: "eks-nodegroup",
  rules: KIND_RULES["eks-nodegroup"],
  read: readEksNodegroups,
  create: createEksNodegroup,
  update: updateEksNodegroup,
  delete: deleteEksNodegroup,
  currentTags: nodegroupCurrentTags,
  adoption: eksNodegroupAdoption,
  collisions: eksNodegroupCollisions,
};

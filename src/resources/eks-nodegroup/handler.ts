// The eks-nodegroup kind: EKS managed node groups.
import type { ResourceKindHandler } from "../types.js";
import { eksNodegroupAdoption, eksNodegroupCollisions } from "./adopt.js";
import { nodegroupCurrentTags, readEksNodegroups } from "./read.js";
import { createEksNodegroup, deleteEksNodegroup, NODEGROUP_REPLACE_ON, updateEksNodegroup } from "./write.js";

export const eksNodegroupHandler: ResourceKindHandler = {
  kind: "eks-nodegroup",
  rules: {
    replaceOn: NODEGROUP_REPLACE_ON,
    unorderedLists: ["subnetIds", "taints"],
  },
  read: readEksNodegroups,
  create: createEksNodegroup,
  update: updateEksNodegroup,
  delete: deleteEksNodegroup,
  currentTags: nodegroupCurrentTags,
  adoption: eksNodegroupAdoption,
  collisions: eksNodegroupCollisions,
};

// The eks-cluster kind: the EKS control plane.
import type { ResourceKindHandler } from "../types.js";
import { KIND_RULES } from "../kind-rules.js";
import { eksClusterAdoption, eksClusterCollisions } from "./adopt.js";
import { createEksCluster, deleteEksCluster } from "./create.js";
import { clusterCurrentTags, readEksClusters } from "./read.js";
import { updateEksCluster } from "./update.js";

export const eksClusterHandler: ResourceKindHandler = {
  kind: "eks-cluster",
  rules: KIND_RULES["eks-cluster"],
  read: readEksClusters,
  create: createEksCluster,
  update: updateEksCluster,
  delete: deleteEksCluster,
  currentTags: clusterCurrentTags,
  adoption: eksClusterAdoption,
  collisions: eksClusterCollisions,
};

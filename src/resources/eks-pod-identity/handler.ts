// The eks-pod-identity kind: EKS Pod Identity associations.
import type { ResourceKindHandler } from "../types.js";
import { KIND_RULES } from "../kind-rules.js";
import { eksPodIdentityAdoption, eksPodIdentityCollisions } from "./adopt.js";
import { readEksPodIdentities } from "./read.js";
import { createEksPodIdentity, deleteEksPodIdentity, updateEksPodIdentity } from "./write.js";

export const eksPodIdentityHandler: ResourceKindHandler = {
  kind: "eks-pod-identity",
  rules: KIND_RULES["eks-pod-identity"],
  read: readEksPodIdentities,
  create: createEksPodIdentity,
  update: updateEksPodIdentity,
  delete: deleteEksPodIdentity,
  adoption: eksPodIdentityAdoption,
  collisions: eksPodIdentityCollisions,
};

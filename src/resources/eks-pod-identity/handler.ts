// The eks-pod-identity kind: EKS Pod Identity associations.
import type { ResourceKindHandler } from "../types.js";
import { eksPodIdentityAdoption, eksPodIdentityCollisions } from "./adopt.js";
import { readEksPodIdentities } from "./read.js";
import { createEksPodIdentity, deleteEksPodIdentity, POD_IDENTITY_REPLACE_ON, updateEksPodIdentity } from "./write.js";

export const eksPodIdentityHandler: ResourceKindHandler = {
  kind: "eks-pod-identity",
  rules: { replaceOn: POD_IDENTITY_REPLACE_ON },
  read: readEksPodIdentities,
  create: createEksPodIdentity,
  update: updateEksPodIdentity,
  delete: deleteEksPodIdentity,
  adoption: eksPodIdentityAdoption,
  collisions: eksPodIdentityCollisions,
};

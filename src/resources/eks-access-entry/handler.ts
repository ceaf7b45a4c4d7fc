// The eks-access-entry kind: who may use the cluster's Kubernetes API (EKS access entries).
import type { ResourceKindHandler } from "../types.js";
import { KIND_RULES } from "../kind-rules.js";
import { eksAccessEntryAdoption, eksAccessEntryCollisions } from "./adopt.js";
import { accessEntryCurrentTags, readEksAccessEntries } from "./read.js";
import { createEksAccessEntry, deleteEksAccessEntry, updateEksAccessEntry } from "./write.js";

export const eksAccessEntryHandler: ResourceKindHandler = {
  kind: "eks-access-entry",
  rules: KIND_RULES["eks-access-entry"],
  read: readEksAccessEntries,
  create: createEksAccessEntry,
  update: updateEksAccessEntry,
  delete: deleteEksAccessEntry,
  currentTags: accessEntryCurrentTags,
  adoption: eksAccessEntryAdoption,
  collisions: eksAccessEntryCollisions,
};

// The eks-access-entry kind: who may use the cluster's Kubernetes API (EKS access entries).
import type { ResourceKindHandler } from "../types.js";
import { eksAccessEntryAdoption, eksAccessEntryCollisions } from "./adopt.js";
import { accessEntryCurrentTags, readEksAccessEntries } from "./read.js";
import { ACCESS_ENTRY_REPLACE_ON, createEksAccessEntry, deleteEksAccessEntry, updateEksAccessEntry } from "./write.js";

export const eksAccessEntryHandler: ResourceKindHandler = {
  kind: "eks-access-entry",
  rules: { replaceOn: ACCESS_ENTRY_REPLACE_ON, unorderedLists: ["namespaces"] },
  read: readEksAccessEntries,
  create: createEksAccessEntry,
  update: updateEksAccessEntry,
  delete: deleteEksAccessEntry,
  currentTags: accessEntryCurrentTags,
  adoption: eksAccessEntryAdoption,
  collisions: eksAccessEntryCollisions,
};

// A plan must not take away the cluster's last admin: when okctl's access entries include a
// cluster-admin, the plan must leave at least one (unless the cluster itself goes).
import { CLUSTER_ADMIN_POLICY_ARN } from "../../resources/eks-access-entry/desired.js";
import type { WholePlanCheck } from "./types.js";

function isAdminPolicy(value: unknown): boolean {
  return value === CLUSTER_ADMIN_POLICY_ARN || (Array.isArray(value) && value.includes(CLUSTER_ADMIN_POLICY_ARN));
}

export const lastAdminCheck: WholePlanCheck = {
  check({ changes, kept }) {
    const admins = [...kept.values()].filter((resource) => resource.kind === "eks-access-entry" && isAdminPolicy(resource.properties.accessPolicy));
    if (admins.length === 0) return [];
    if (changes.some((change) => change.kind === "eks-cluster" && (change.action === "delete" || change.action === "replace"))) return [];
    const remaining = changes.filter(
      (change) =>
        change.kind === "eks-access-entry" &&
        change.action !== "delete" &&
        change.desired !== undefined &&
        change.desired.properties.accessPolicy === CLUSTER_ADMIN_POLICY_ARN,
    );
    if (remaining.length > 0) return [];
    const removed = admins.map((admin) => admin.properties.principalArn).join(", ");
    return [
      `eks.accessEntries: this change takes cluster-admin away from ${removed}, the last cluster-admin okctl manages on the cluster. ` +
        `Keep at least one access entry with accessPolicy: cluster-admin (add the new admin first, apply, then remove the old one).`,
    ];
  },
};

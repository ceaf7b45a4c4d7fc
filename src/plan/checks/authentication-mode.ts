// EKS moves a cluster's authentication mode one way only: CONFIG_MAP → API_AND_CONFIG_MAP → API.
import type { PlanCheck } from "./types.js";

const ORDER = ["CONFIG_MAP", "API_AND_CONFIG_MAP", "API"];

export const authenticationModeCheck: PlanCheck = {
  kind: "eks-cluster",
  check({ desired, actual }) {
    const wanted = desired.properties.authenticationMode;
    const current = actual?.properties.authenticationMode;
    if (typeof wanted !== "string" || typeof current !== "string" || wanted === current) return [];
    if (current === "CONFIG_MAP" && wanted === "API") {
      // Straight to API, the aws-auth ConfigMap stops counting at once: whoever it lets in (the
      // original okctl's users, other tools' roles) is locked out before any access entry exists.
      return [
        `${desired.id}: the cluster authenticates with the aws-auth ConfigMap only (CONFIG_MAP) and okctl.yaml asks for API, ` +
          `which would lock out everyone the ConfigMap lets in. Set eks.authenticationMode to API_AND_CONFIG_MAP first, ` +
          `give them access entries, and then set API.`,
      ];
    }
    if (ORDER.indexOf(wanted) >= ORDER.indexOf(current)) return [];
    return [
      `${desired.id}: the cluster's authentication mode is ${current} and okctl.yaml asks for ${wanted}; EKS can't go back ` +
        `(it only moves CONFIG_MAP → API_AND_CONFIG_MAP → API). Set eks.authenticationMode to ${current}.`,
    ];
  },
};

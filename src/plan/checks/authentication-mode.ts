// EKS moves a cluster's authentication mode one way only: CONFIG_MAP → API_AND_CONFIG_MAP → API.
import type { PlanCheck } from "./types.js";

const ORDER = ["CONFIG_MAP", "API_AND_CONFIG_MAP", "API"];

export const authenticationModeCheck: PlanCheck = {
  kind: "eks-cluster",
  check({ desired, actual }) {
    const wanted = desired.properties.authenticationMode;
    const current = actual?.properties.authenticationMode;
    if (typeof wanted !== "string" || typeof current !== "string" || wanted === current) return [];
    if (ORDER.indexOf(wanted) >= ORDER.indexOf(current)) return [];
    return [
      `${desired.id}: the cluster's authentication mode is ${current} and okctl.yaml asks for ${wanted}; EKS can't go back ` +
        `(it only moves CONFIG_MAP → API_AND_CONFIG_MAP → API). Set eks.authenticationMode to ${current}.`,
    ];
  },
};

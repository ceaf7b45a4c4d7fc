// EKS upgrades the control plane one minor version at a time, and never downgrades.
import type { PlanCheck } from "./types.js";

function parseVersion(value: unknown): { major: number; minor: number } | undefined {
  const match = typeof value === "string" ? /^(\d+)\.(\d+)$/.exec(value) : null;
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : undefined;
}

export const eksVersionCheck: PlanCheck = {
  kind: "eks-cluster",
  check({ desired, actual }) {
    if (!actual) return [];
    const wantedText = desired.properties.version;
    const currentText = actual.properties.version;
    if (wantedText === undefined || currentText === undefined || wantedText === currentText) return [];
    const wanted = parseVersion(wantedText);
    const current = parseVersion(currentText);
    const shownWanted = JSON.stringify(wantedText);
    const shownCurrent = JSON.stringify(currentText);
    if (!wanted || !current || wanted.major !== current.major) {
      return [`${desired.id}: cannot change the Kubernetes version from ${shownCurrent} to ${shownWanted}; EKS upgrades go from 1.N to 1.(N+1).`];
    }
    if (wanted.minor < current.minor) {
      return [
        `${desired.id}: the cluster runs Kubernetes ${currentText} and okctl.yaml asks for ${wantedText}; EKS cannot downgrade. ` +
          `Set eks.version back to "${currentText}".`,
      ];
    }
    if (wanted.minor > current.minor + 1) {
      const next = `${current.major}.${current.minor + 1}`;
      return [
        `${desired.id}: the cluster runs Kubernetes ${currentText} and okctl.yaml asks for ${wantedText}; EKS upgrades one minor version at a time. ` +
          `Set eks.version to "${next}" and apply, then go on to the next version.`,
      ];
    }
    return [];
  },
};

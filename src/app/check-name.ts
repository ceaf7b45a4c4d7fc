// Check-run names: "okctl plan" for the root okctl.yaml, "okctl plan (infra/okctl.yaml)" otherwise;
// likewise "okctl apply" and "okctl drift".
import type { CheckRunName } from "../github/index.js";

export function checkName(kind: "plan" | "apply" | "drift", declarationPath: string): CheckRunName {
  return declarationPath === "okctl.yaml" ? `okctl ${kind}` : `okctl ${kind} (${declarationPath})`;
}

// eks.version must be one okctl supports; the API must be reachable through at least one endpoint.
import { isSupportedEksVersion, SUPPORTED_EKS_VERSIONS } from "../eks-versions.js";
import type { Problem } from "../problem.js";
import { field, problemAt, text, type Raw } from "./raw.js";

export function eksRules(data: Raw): Problem[] {
  const problems: Problem[] = [];
  const version = text(field(data, "eks", "version"));
  if (version !== undefined && /^1\.[0-9]{1,3}$/.test(version) && !isSupportedEksVersion(version)) {
    problems.push(
      problemAt("/eks/version", `eks.version "${version}" is not supported; okctl supports ${SUPPORTED_EKS_VERSIONS.join(", ")}`),
    );
  }
  if (field(data, "eks", "endpointPublicAccess") === false && field(data, "eks", "endpointPrivateAccess") === false) {
    problems.push(
      problemAt(
        "/eks/endpointPrivateAccess",
        "eks.endpointPublicAccess and eks.endpointPrivateAccess cannot both be false: nothing could reach the Kubernetes API",
      ),
    );
  }
  return problems;
}

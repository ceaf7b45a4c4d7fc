// The Kubernetes minor versions okctl can create and upgrade EKS clusters to, oldest first.
// Adding a version here (after testing it) is how okctl learns about a new EKS release.

export const SUPPORTED_EKS_VERSIONS = ["1.29", "1.30", "1.31", "1.32", "1.33"] as const;

export type EksVersion = (typeof SUPPORTED_EKS_VERSIONS)[number];

/** The default for eks.version: the newest supported version. */
export const DEFAULT_EKS_VERSION: EksVersion = SUPPORTED_EKS_VERSIONS[SUPPORTED_EKS_VERSIONS.length - 1]!;

export function isSupportedEksVersion(version: string): version is EksVersion {
  return (SUPPORTED_EKS_VERSIONS as readonly string[]).includes(version);
}

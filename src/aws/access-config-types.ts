// The validated access configuration: which role okctl assumes for a repository, and what that
// repository may do. The structure is defined by schemas/access-config.schema.json; these types
// are that structure with every default applied.

/**
 * What a merge needs before okctl applies it: "approved" (an approving review of the planned
 * commit by someone with write permission; see src/app/apply-requirement.ts) or "none".
 */
export type ApplyRequirement = "approved" | "none";

export interface AccessEntry {
  /** Exact "owner/name" or a glob ("owner/*", "owner/team-*"), matched case-insensitively. */
  repository: string;
  roleArn: string;
  externalId?: string;
  /** Allowed 12-digit account ids. */
  accounts: string[];
  /** Allowed regions. */
  regions: string[];
  /**
   * The DNS names the matching repositories may use: exact names and "*.<name>" (every name below
   * <name>). clusterRootDomain, dns.delegateFrom and every certificate name must be within them.
   */
  allowedDomains: string[];
  eksClusterRoleArn: string;
  eksNodeRoleArn: string;
  /** IAM ARN patterns (`*`, `?`, `{accountId}`) of access-entry principals allowed outside the declaration's account. */
  allowedPrincipals: string[];
  /** IAM role ARN patterns (`*`, `?`, `{accountId}`) that pod identity associations may use. */
  workloadRoles: string[];
  allowDestroy: boolean;
  allowForkPullRequests: boolean;
  /** Default "approved". */
  applyRequires: ApplyRequirement;
}

export interface AccessConfig {
  /** Where it was read from, for messages. */
  file: string;
  repositories: AccessEntry[];
}

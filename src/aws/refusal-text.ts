// What a refusal says where the team reads it (a pull request comment, a check run): what in the
// declaration or the pull request was refused, and "ask your platform team". Never the server's
// side: the access configuration's path, its entries' patterns, accounts, roles, domains or
// regions (a glob entry is shared with other repositories). The operator's full message (what to
// add to which entry) stays in the server's log and on the command line.
import type { AuthorizeRefusal } from "./authorize.js";

export type RefusalReason = AuthorizeRefusal | "account-mismatch" | "assume-role-failed";

export interface RefusalFacts {
  reason: RefusalReason;
  /** The declaration's own values that were refused, e.g. ["eu-north-1"] or ["x.example.org (clusterRootDomain)"]. */
  declared?: readonly string[];
  /** AssumeRole's error name (e.g. AccessDenied), without AWS's message (it names okctl's identity and role). */
  awsError?: string;
}

export const ASK_PLATFORM_TEAM = "ask your platform team";

export function publicRefusalMessage(facts: RefusalFacts, repository: string): string {
  const declared = (facts.declared ?? []).join(", ");
  const plural = (facts.declared?.length ?? 0) > 1 ? "s" : "";
  switch (facts.reason) {
    case "no-entry":
      return `okctl has no access entry for ${repository}, so it may not act for it. If it should, ${ASK_PLATFORM_TEAM} to give this repository access.`;
    case "fork-not-allowed":
      return `okctl does not plan pull requests from forks of ${repository}. Push the branch to ${repository} itself, or ${ASK_PLATFORM_TEAM} if forks should be planned.`;
    case "account-not-allowed":
      return `okctl.yaml declares account ${declared} (metadata.accountID), which ${repository} may not use. Use an account allowed for this repository, or ${ASK_PLATFORM_TEAM} to allow this one.`;
    case "region-not-allowed":
      return `okctl.yaml declares region ${declared} (metadata.region), which ${repository} may not use. Use a region allowed for this repository, or ${ASK_PLATFORM_TEAM} to allow this one.`;
    case "domain-not-allowed":
      return `okctl.yaml uses DNS name${plural} ${declared} that ${repository} may not use. Use names allowed for this repository, or ${ASK_PLATFORM_TEAM} to allow ${plural ? "these" : "this one"}.`;
    case "principal-not-allowed":
      return `okctl.yaml gives cluster access to ${plural ? "principals" : "a principal"} of another AWS account (${declared}), which ${repository} may not give access. Use principals of the declared account, or ${ASK_PLATFORM_TEAM} to allow ${plural ? "these" : "this one"}.`;
    case "workload-role-not-allowed":
      return `okctl.yaml gives pods ${plural ? "IAM roles" : "an IAM role"} (${declared}) that ${repository} may not hand to its pods. Use a role allowed for this repository's workloads, or ${ASK_PLATFORM_TEAM} to allow ${plural ? "these" : "this one"}.`;
    case "account-mismatch":
      return `The AWS role okctl assumes for ${repository} is not in account ${declared} that okctl.yaml declares (metadata.accountID). Check metadata.accountID, or ${ASK_PLATFORM_TEAM} to check this repository's access.`;
    case "assume-role-failed":
      return `okctl could not assume the AWS role of ${repository}${facts.awsError ? ` (${facts.awsError})` : ""}. Nothing in the repository can fix this: ${ASK_PLATFORM_TEAM} to check the role and its trust policy.`;
  }
}

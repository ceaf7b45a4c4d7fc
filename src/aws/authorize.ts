// May okctl act for this repository, in this account and region? Pure: decided from the access
// configuration alone, before any AWS call. A refusal is a result with a message a person can act on.
import { findAccessEntry } from "./access-match.js";
import type { AccessConfig, AccessEntry } from "./access-config-types.js";
import type { DeclaredDomain } from "../declaration/domains.js";
import { namesOutside } from "./allowed-domains.js";
import { arnAllowed } from "./arn-patterns.js";
import type { DeclaredArn, DeclaredIam } from "../declaration/principals.js";
import { entryForAccount } from "./entry-account.js";

export interface AuthorizeRequest {
  /** "owner/name" of the repository the declaration lives in. */
  repository: string;
  /** The declaration's metadata.accountID. */
  accountId: string;
  /** The declaration's metadata.region. */
  region: string;
  /** Every DNS name the declaration uses (declaredDomains()); each must be in the entry's allowedDomains. */
  domains: readonly DeclaredDomain[];
  /** The access entries' principals and pod identities' roles (declaredIam()); the entry must allow each. */
  iam: DeclaredIam;
  /** True when the work comes from a pull request whose head is in a fork. */
  fromFork?: boolean;
}

export type AuthorizeRefusal =
  | "no-entry"
  | "fork-not-allowed"
  | "account-not-allowed"
  | "region-not-allowed"
  | "domain-not-allowed"
  | "principal-not-allowed"
  | "workload-role-not-allowed";

export type AuthorizeResult =
  /** The matching entry, with `{accountId}` in its role ARNs replaced by the declared account. */
  | { ok: true; entry: AccessEntry }
  /** `message` is for the operator (names the entry and the file); `declared` the declaration's refused values, for publicRefusalMessage. */
  | { ok: false; reason: AuthorizeRefusal; message: string; declared?: readonly string[] };

interface Listed {
  what: "account" | "region";
  field: string;
  value: string;
  allowed: readonly string[];
}

function notAllowed(reason: AuthorizeRefusal, listed: Listed, matched: string, repository: string): AuthorizeResult {
  const { what, field, value, allowed } = listed;
  return {
    ok: false,
    reason,
    declared: [value],
    message:
      `okctl.yaml declares ${what} ${value} (${field}), but ${matched} allows ${repository} only ` +
      `${what}${allowed.length > 1 ? "s" : ""} ${allowed.join(", ")}. Use an allowed ${what}, or ask an okctl ` +
      `administrator to add ${value} to that entry's ${what}s${what === "account" ? " (with a roleArn in that account)" : ""}.`,
  };
}

function domainsNotAllowed(outside: readonly DeclaredDomain[], allowed: readonly string[], matched: string, repository: string): AuthorizeResult {
  const listed = outside.map(({ field, name }) => `${name} (${field})`).join(", ");
  const names = [...new Set(outside.map(({ name }) => name))].join(", ");
  return {
    ok: false,
    reason: "domain-not-allowed",
    declared: outside.map(({ field, name }) => `${name} (${field})`),
    message:
      `okctl.yaml uses DNS name${outside.length > 1 ? "s" : ""} ${listed} outside the names ${matched} allows ${repository}: ` +
      `${allowed.join(", ")}. Use names within those, or ask an okctl administrator to add ${names} to that entry's allowedDomains.`,
  };
}

function listArns(arns: readonly DeclaredArn[]): string {
  return arns.map(({ field, arn }) => `${arn} (${field})`).join(", ");
}

/** Principals outside the declared account must match allowedPrincipals; pods' roles must match workloadRoles. */
function iamNotAllowed(entry: AccessEntry, iam: DeclaredIam, accountId: string, matched: string, repository: string): AuthorizeResult | undefined {
  const foreign = iam.principals.filter(({ arn }) => arn.split(":")[4] !== accountId && !arnAllowed(arn, entry.allowedPrincipals, accountId));
  if (foreign.length > 0) {
    return {
      ok: false,
      reason: "principal-not-allowed",
      declared: foreign.map(({ field }) => field),
      message:
        `okctl.yaml gives cluster access to ${listArns(foreign)} outside account ${accountId}, which ${matched} does not allow ${repository}` +
        `${entry.allowedPrincipals.length > 0 ? ` (its allowedPrincipals: ${entry.allowedPrincipals.join(", ")})` : ""}. ` +
        `Use principals of account ${accountId}, or ask an okctl administrator to add them to that entry's allowedPrincipals.`,
    };
  }
  const roles = iam.workloadRoles.filter(({ arn }) => !arnAllowed(arn, entry.workloadRoles, accountId));
  if (roles.length > 0) {
    return {
      ok: false,
      reason: "workload-role-not-allowed",
      declared: roles.map(({ field }) => field),
      message:
        `okctl.yaml gives pods the IAM role${roles.length > 1 ? "s" : ""} ${listArns(roles)}, which ${matched} does not allow ${repository}: ` +
        `${entry.workloadRoles.length > 0 ? `its workloadRoles are ${entry.workloadRoles.join(", ")}` : "it lists no workloadRoles"}. ` +
        `Use a role that matches them, or ask an okctl administrator to add the role to that entry's workloadRoles.`,
    };
  }
  return undefined;
}

/**
 * The part of authorize() that needs no declaration: an entry for the repository, and a fork's
 * pull request only where the entry allows forks. Checked before any file is fetched.
 */
export function authorizeRepository(config: AccessConfig, request: Pick<AuthorizeRequest, "repository" | "fromFork">): AuthorizeResult {
  const { repository } = request;
  const entry = findAccessEntry(config, repository);
  if (!entry) {
    return {
      ok: false,
      reason: "no-entry",
      message:
        `okctl has no access entry for ${repository}. An okctl administrator must add one to the access configuration ` +
        `(${config.file}): an entry with repository: ${repository} (or a glob such as ${repository.split("/")[0]}/*), ` +
        `the roleArn okctl should assume, and the allowed accounts and regions. See docs/access.md.`,
    };
  }
  const matched = `the access entry "${entry.repository}" in ${config.file}`;
  if (request.fromFork && !entry.allowForkPullRequests) {
    return {
      ok: false,
      reason: "fork-not-allowed",
      message:
        `okctl does not plan pull requests from forks of ${repository}: ${matched} does not set allowForkPullRequests: true. ` +
        `Push the branch to ${repository} itself, or ask an okctl administrator to opt in.`,
    };
  }
  return { ok: true, entry };
}

export function authorize(config: AccessConfig, request: AuthorizeRequest): AuthorizeResult {
  const { repository, accountId, region } = request;
  const allowed = authorizeRepository(config, request);
  if (!allowed.ok) return allowed;
  const { entry } = allowed;
  const matched = `the access entry "${entry.repository}" in ${config.file}`;
  if (!entry.accounts.includes(accountId)) {
    return notAllowed("account-not-allowed", { what: "account", field: "metadata.accountID", value: accountId, allowed: entry.accounts }, matched, repository);
  }
  if (!entry.regions.includes(region)) {
    return notAllowed("region-not-allowed", { what: "region", field: "metadata.region", value: region, allowed: entry.regions }, matched, repository);
  }
  const outside = namesOutside(request.domains, entry.allowedDomains);
  if (outside.length > 0) return domainsNotAllowed(outside, entry.allowedDomains, matched, repository);
  const iamRefusal = iamNotAllowed(entry, request.iam ?? { principals: [], workloadRoles: [] }, accountId, matched, repository);
  if (iamRefusal) return iamRefusal;
  return { ok: true, entry: entryForAccount(entry, accountId) };
}

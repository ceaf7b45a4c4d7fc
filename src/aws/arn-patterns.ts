// IAM ARN patterns of an access entry (allowedPrincipals, workloadRoles): `*` matches any run of
// characters (also "/", as in IAM's ArnLike), `?` one character, `{accountId}` the declaration's
// account. Compared exactly otherwise (ARNs are case-sensitive).
import { ACCOUNT_PLACEHOLDER } from "./entry-account.js";

function patternRegExp(pattern: string, accountId: string): RegExp {
  const source = pattern
    .replaceAll(ACCOUNT_PLACEHOLDER, accountId)
    .split("")
    .map((char) => (char === "*" ? ".*" : char === "?" ? "." : char.replace(/[.+^$()|[\]\\{}]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`);
}

/** True when `arn` matches one of `patterns` for a declaration in `accountId`. */
export function arnAllowed(arn: string, patterns: readonly string[], accountId: string): boolean {
  return patterns.some((pattern) => patternRegExp(pattern, accountId).test(arn));
}

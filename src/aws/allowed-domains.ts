// The DNS names an access entry's repositories may use (its allowedDomains): exact names, and
// "*.<name>" for every name below <name> (at any depth, like IAM's StringLike, not <name> itself).
// DNS names are compared case-insensitively and without a trailing dot.

import type { DeclaredDomain } from "../declaration/domains.js";

export function normaliseDnsName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, "");
}

/**
 * True when `name` is within `pattern`. A name that is itself a wildcard ("*.api.example.com", a
 * certificate name) is within "*.example.com" and within "*.api.example.com", not within
 * "api.example.com".
 */
export function domainWithin(name: string, pattern: string): boolean {
  const wanted = normaliseDnsName(name);
  const allowed = normaliseDnsName(pattern);
  if (!allowed.startsWith("*.")) return wanted === allowed;
  const suffix = allowed.slice(1); // ".example.com"
  return wanted.length > suffix.length && wanted.endsWith(suffix);
}

/** The declared names that no pattern of `allowed` covers, in declaration order. */
export function namesOutside(names: readonly DeclaredDomain[], allowed: readonly string[]): DeclaredDomain[] {
  return names.filter(({ name }) => !allowed.some((pattern) => domainWithin(name, pattern)));
}

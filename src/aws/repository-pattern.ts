// Repository patterns of the access configuration: an exact "owner/name", or a glob in which `*`
// matches any characters within one segment (never "/"). GitHub names are case-insensitive, and so
// is matching.

export function isGlob(pattern: string): boolean {
  return pattern.includes("*");
}

/** The key two patterns are compared by to find duplicates. */
export function normalisePattern(pattern: string): string {
  return pattern.toLowerCase();
}

export function matchesRepository(pattern: string, repository: string): boolean {
  if (!isGlob(pattern)) return normalisePattern(pattern) === normalisePattern(repository);
  const source = pattern
    .split("*")
    .map((literal) => literal.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&"))
    .join("[^/]*");
  return new RegExp(`^${source}$`, "i").test(repository);
}

/**
 * How specific a pattern is; greater wins. An exact name beats every glob; among globs the longer
 * literal prefix (the text before the first `*`) wins, then the larger number of literal characters.
 */
export function specificity(pattern: string): [exact: number, prefix: number, literals: number] {
  const star = pattern.indexOf("*");
  if (star < 0) return [1, pattern.length, pattern.length];
  return [0, star, pattern.replaceAll("*", "").length];
}

/** Negative when `a` is more specific than `b` (sorts the winner first). */
export function compareSpecificity(a: string, b: string): number {
  const sa = specificity(a);
  const sb = specificity(b);
  for (let i = 0; i < sa.length; i++) {
    const diff = (sb[i] ?? 0) - (sa[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

// Which access entry applies to a repository: an exact "owner/name" wins over globs; among globs
// the most specific (longest literal prefix, then most literal characters) wins; then file order.
import type { AccessConfig, AccessEntry } from "./access-config-types.js";
import { compareSpecificity, matchesRepository } from "./repository-pattern.js";

export function findAccessEntry(config: AccessConfig, repository: string): AccessEntry | undefined {
  let best: AccessEntry | undefined;
  for (const entry of config.repositories) {
    if (!matchesRepository(entry.repository, repository)) continue;
    if (!best || compareSpecificity(entry.repository, best.repository) < 0) best = entry;
  }
  return best;
}

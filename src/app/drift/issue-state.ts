// Which issue is a declaration's drift issue, kept in the store's cache so a round without drift
// needs no GitHub search: { number, open }. Lost (a new store), the issue is found again by its
// label and marker before one is created.
import type { Store } from "../../store/store.js";

const KEPT_MS = 400 * 24 * 60 * 60 * 1000;

export interface KnownIssue {
  number: number;
  open: boolean;
  /** Set while okctl closes it: the id in its closing comment's marker (a close after a crash finds that comment). */
  closing?: string;
}

function keyOf(repository: string, declarationPath: string): string {
  return `drift-issue:${repository}:${declarationPath}`;
}

export async function knownDriftIssue(store: Store, repository: string, declarationPath: string, now: Date): Promise<KnownIssue | undefined> {
  const value = await store.cachedValue(keyOf(repository, declarationPath), now);
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const { number, open, closing } = value as { number?: unknown; open?: unknown; closing?: unknown };
  if (typeof number !== "number" || !Number.isInteger(number) || number <= 0) return undefined;
  return { number, open: open === true, ...(typeof closing === "string" && /^[0-9a-f]{1,64}$/.test(closing) ? { closing } : {}) };
}

export async function rememberDriftIssue(store: Store, repository: string, declarationPath: string, issue: KnownIssue, now: Date): Promise<void> {
  const value = { number: issue.number, open: issue.open, ...(issue.closing ? { closing: issue.closing } : {}) };
  await store.cacheValue(keyOf(repository, declarationPath), value, new Date(now.getTime() + KEPT_MS));
}

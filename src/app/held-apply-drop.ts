// A held apply (waiting for `/okctl apply`) is dropped instead of applied when it can no longer be
// what its reviewers meant: it is older than 7 days, a later apply of the same cluster succeeded
// (applying the held plan would undo it), or a later commit on the default branch changed the
// declaration (applying the merge commit's version would revert that commit).
import { fetchFile, type FetchFileResult, type Octokit } from "../github/index.js";
import type { HeldApply } from "../store/store.js";
import type { AppDeps } from "./deps.js";

export const HELD_APPLY_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export function heldApplyExpiresAt(heldAt: Date): Date {
  return new Date(heldAt.getTime() + HELD_APPLY_LIFETIME_MS);
}

/** "2026-12-07 08:30 UTC" */
export function formatUtc(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** How to get the declaration applied once its held apply is gone. */
export function planAgainHint(declarationPath: string): string {
  return (
    `To apply ${declarationPath} now, open a new pull request that changes it (any change, even a comment line): ` +
    `okctl plans it against AWS as it is today, and applies that plan when the pull request is merged.`
  );
}

function sameFile(a: FetchFileResult, b: FetchFileResult): boolean {
  if ("missing" in a || "missing" in b) return "missing" in a && "missing" in b;
  if ("tooLarge" in a || "tooLarge" in b) return false;
  return Buffer.from(a.content).equals(Buffer.from(b.content));
}

export interface HeldApplyContext {
  owner: string;
  repo: string;
  /** The branch merged pull requests land on (the pull request's base). */
  defaultBranch: string;
}

/** Why the held apply must not run any more, or undefined when it still may. */
export async function whyHeldApplyDropped(deps: AppDeps, octokit: Octokit, held: HeldApply, context: HeldApplyContext): Promise<string | undefined> {
  const what = `The held apply of ${held.declarationPath} (merge ${held.mergeSha.slice(0, 12)}, held ${formatUtc(held.heldAt)})`;
  const now = deps.now();
  const expiresAt = heldApplyExpiresAt(held.heldAt);
  if (now.getTime() >= expiresAt.getTime()) {
    return `${what} expired on ${formatUtc(expiresAt)}: held applies are kept for 7 days, and AWS may have changed since.`;
  }
  const [lastSuccess] = await deps.store.listApplyAudit({ clusterKey: held.clusterKey, result: "succeeded", limit: 1 });
  if (lastSuccess && lastSuccess.finishedAt.getTime() > held.heldAt.getTime()) {
    return (
      `${what} was dropped: a later apply of the same cluster succeeded (${lastSuccess.repository}#${lastSuccess.pullNumber}, ` +
      `merge ${lastSuccess.mergeSha.slice(0, 12)}, ${formatUtc(lastSuccess.finishedAt)}), and the held plan could undo it.`
    );
  }
  const file = { owner: context.owner, repo: context.repo, path: held.declarationPath };
  const [merged, latest] = await Promise.all([
    fetchFile(octokit, { ...file, ref: held.mergeSha }),
    fetchFile(octokit, { ...file, ref: context.defaultBranch }),
  ]);
  if (!sameFile(merged, latest)) {
    return `${what} was dropped: a later commit on ${context.defaultBranch} changed ${held.declarationPath}, and applying the merged version would revert it.`;
  }
  return undefined;
}

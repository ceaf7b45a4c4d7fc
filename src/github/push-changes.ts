// Which declarations a push changes. From the payload's commits when it is complete (no request
// at all); GitHub truncates the commit list, so a long or unusual push is asked of the compare
// API, and when even that may be incomplete (300 files), the two trees are compared.
import { declarationChanges, isDeclarationPath, type ChangedDeclaration, type DeclarationChangeStatus } from "./declarations-changed.js";
import type { Octokit, RepoRef } from "./types.js";

/** The parts of a push payload used here (the webhook's `push` payload satisfies it). */
export interface PushLike {
  before: string;
  after: string;
  created?: boolean;
  deleted?: boolean;
  forced?: boolean;
  commits: ReadonlyArray<{ added?: readonly string[]; removed?: readonly string[]; modified?: readonly string[] }>;
}

/** Commits listed in a push payload at most; a payload with this many may be cut. */
export const PUSH_COMMITS_LIMIT = 20;
/** Files listed per commit at most. */
export const PUSH_FILES_LIMIT = 3000;
/** Files the compare API lists at most. */
export const COMPARE_FILES_LIMIT = 300;

const NULL_SHA = /^0+$/;

export interface PushDeclarations {
  declarations: ChangedDeclaration[];
  /** False when the payload may not list every change: ask the API (changedDeclarationsForPush). */
  complete: boolean;
}

/** Pure: the net change of each declaration over the pushed commits, oldest first. */
export function changedDeclarationsInPush(payload: PushLike): PushDeclarations {
  const first = new Map<string, "added" | "modified" | "removed">();
  const last = new Map<string, "added" | "modified" | "removed">();
  let complete = payload.commits.length < PUSH_COMMITS_LIMIT && !payload.forced && !payload.created && !NULL_SHA.test(payload.before);
  for (const commit of payload.commits) {
    const lists = { added: commit.added ?? [], modified: commit.modified ?? [], removed: commit.removed ?? [] };
    if (lists.added.length + lists.modified.length + lists.removed.length >= PUSH_FILES_LIMIT) complete = false;
    for (const op of ["added", "modified", "removed"] as const) {
      for (const path of lists[op].filter(isDeclarationPath)) {
        if (!first.has(path)) first.set(path, op);
        last.set(path, op);
      }
    }
  }
  const declarations: ChangedDeclaration[] = [];
  for (const [path, op] of first) {
    const existedBefore = op !== "added";
    const existsAfter = last.get(path) !== "removed";
    const status: DeclarationChangeStatus | undefined = existedBefore && existsAfter ? "modified" : existsAfter ? "added" : existedBefore ? "removed" : undefined;
    if (status) declarations.push({ path, status });
  }
  declarations.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { declarations: payload.deleted ? [] : declarations, complete: complete || Boolean(payload.deleted) };
}

/** The okctl.yaml blobs (path → blob sha) of a commit's tree, in one request; `truncated` when GitHub cut the listing. */
export async function declarationTree(octokit: Octokit, repo: RepoRef, sha: string): Promise<{ blobs: Map<string, string>; truncated: boolean }> {
  const { data } = await octokit.rest.git.getTree({ ...repo, tree_sha: sha, recursive: "true" });
  const blobs = new Map(data.tree.filter((entry) => entry.type === "blob" && typeof entry.path === "string" && isDeclarationPath(entry.path)).map((entry) => [entry.path as string, entry.sha as string]));
  return { blobs, truncated: data.truncated };
}

async function declarationBlobs(octokit: Octokit, repo: RepoRef, sha: string): Promise<Map<string, string>> {
  const { blobs, truncated } = await declarationTree(octokit, repo, sha);
  if (truncated) throw new Error(`The tree of ${sha} is too large for GitHub to list: cannot tell which okctl.yaml files changed.`);
  return blobs;
}

/** Exact, whatever the push: compares the okctl.yaml blobs of the two trees (two requests). */
export async function declarationsBetweenTrees(octokit: Octokit, repo: RepoRef, before: string | undefined, after: string): Promise<ChangedDeclaration[]> {
  const old = before ? await declarationBlobs(octokit, repo, before) : new Map<string, string>();
  const now = await declarationBlobs(octokit, repo, after);
  const changes: ChangedDeclaration[] = [];
  for (const [path, sha] of now) {
    if (!old.has(path)) changes.push({ path, status: "added" });
    else if (old.get(path) !== sha) changes.push({ path, status: "modified" });
  }
  for (const path of old.keys()) if (!now.has(path)) changes.push({ path, status: "removed" });
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The declarations a push changes: from the payload when complete, else from the API. */
export async function changedDeclarationsForPush(octokit: Octokit, repo: RepoRef, payload: PushLike): Promise<ChangedDeclaration[]> {
  const fromPayload = changedDeclarationsInPush(payload);
  if (fromPayload.complete) return fromPayload.declarations;
  const before = NULL_SHA.test(payload.before) ? undefined : payload.before;
  if (before && !payload.forced) {
    const compare = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${before}...${payload.after}`, per_page: 100 });
    const files = compare.data.files ?? [];
    if (files.length < COMPARE_FILES_LIMIT) return declarationChanges(files);
  }
  return declarationsBetweenTrees(octokit, repo, before, payload.after);
}

// Pull requests, reactions and labels: the few reads and writes the command and re-plan flows need.
import { listChangedDeclarations } from "./declarations-changed.js";
import type { Octokit, RepoRef } from "./types.js";

export interface PullRequestInfo {
  number: number;
  state: "open" | "closed";
  merged: boolean;
  headSha: string;
  headRepoFullName: string | undefined;
  baseRef: string;
  /** The base branch's commit the pull request was compared against. */
  baseSha: string;
  baseRepoFullName: string;
  /** GitHub's test merge commit while mergeable; the merge commit once merged. */
  mergeCommitSha: string | null;
  mergeable: boolean | null;
  labels: string[];
  author: string | undefined;
}

interface PullRequestLike {
  number: number;
  state: string;
  merged?: boolean | null;
  merged_at?: string | null;
  merge_commit_sha: string | null;
  mergeable?: boolean | null;
  labels: ReadonlyArray<{ name?: string } | string>;
  head: { sha: string; repo: { full_name: string } | null };
  base: { ref: string; sha: string; repo: { full_name: string } };
  user: { login: string } | null;
}

/** The label names of a pull request or issue payload. */
export function labelsOf(item: { labels?: ReadonlyArray<{ name?: string } | string> }): string[] {
  return (item.labels ?? []).map((label) => (typeof label === "string" ? label : label.name ?? "")).filter(Boolean);
}

/** The narrow view of a pull request (from the API or a webhook payload). */
export function pullRequestInfo(pr: PullRequestLike): PullRequestInfo {
  return {
    number: pr.number,
    state: pr.state === "open" ? "open" : "closed",
    merged: Boolean(pr.merged ?? pr.merged_at),
    headSha: pr.head.sha,
    headRepoFullName: pr.head.repo?.full_name,
    baseRef: pr.base.ref,
    baseSha: pr.base.sha,
    baseRepoFullName: pr.base.repo.full_name,
    mergeCommitSha: pr.merge_commit_sha,
    mergeable: pr.mergeable ?? null,
    labels: labelsOf(pr),
    author: pr.user?.login,
  };
}

/** A fork's pull request: its head lives in another repository (or one since deleted). */
export function isFromFork(pr: PullRequestInfo): boolean {
  return pr.headRepoFullName !== pr.baseRepoFullName;
}

/** What to plan against: the test merge commit when GitHub has one, else the head. */
export function planCommit(pr: PullRequestInfo): { sha: string; kind: "test-merge" | "head" } {
  return pr.mergeable === true && pr.mergeCommitSha ? { sha: pr.mergeCommitSha, kind: "test-merge" } : { sha: pr.headSha, kind: "head" };
}

export async function getPullRequest(octokit: Octokit, input: RepoRef & { pullNumber: number }): Promise<PullRequestInfo> {
  const response = await octokit.rest.pulls.get({ owner: input.owner, repo: input.repo, pull_number: input.pullNumber });
  return pullRequestInfo(response.data);
}

export type ReactionContent = "+1" | "-1" | "laugh" | "confused" | "heart" | "hooray" | "rocket" | "eyes";

export async function addReaction(octokit: Octokit, input: RepoRef & { commentId: number; content: ReactionContent }): Promise<void> {
  await octokit.rest.reactions.createForIssueComment({ owner: input.owner, repo: input.repo, comment_id: input.commentId, content: input.content });
}

/**
 * Open pull requests into `base` that change any of `paths` (to re-plan after an apply).
 * One request per page of pull requests, plus one per page of each one's files.
 */
export async function listOpenPullRequestsTouching(octokit: Octokit, input: RepoRef & { base: string; paths: readonly string[] }): Promise<PullRequestInfo[]> {
  const wanted = new Set(input.paths);
  const open = await octokit.paginate(octokit.rest.pulls.list, { owner: input.owner, repo: input.repo, state: "open", base: input.base, per_page: 100 });
  const touching: PullRequestInfo[] = [];
  for (const pr of open) {
    const changed = await listChangedDeclarations(octokit, { owner: input.owner, repo: input.repo, pullNumber: pr.number });
    if (changed.some((change) => wanted.has(change.path))) touching.push(pullRequestInfo(pr));
  }
  return touching;
}

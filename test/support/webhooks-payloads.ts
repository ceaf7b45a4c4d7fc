// Scenario payloads built from REAL example deliveries (@octokit/webhooks-examples): the example's
// structure is kept and only the fields a scenario needs are changed.
import type { EmitterWebhookEvent } from "@octokit/webhooks";
import {
  exampleWebhook,
  renameRepository,
  retarget,
  setDefaultBranch,
  userId,
  userLike,
  type RepositoryLike,
} from "./webhooks-examples.js";

export const DEFAULT_OWNER = "oslokommune";
export const DEFAULT_REPO = "booking";
export const DEFAULT_INSTALLATION_ID = 1;
export const ZERO_SHA = "0000000000000000000000000000000000000000";

type Json = Record<string, unknown>;

/** Payload types as Probot's handlers and `probot.receive` see them. */
export type PullRequestEvent = EmitterWebhookEvent<"pull_request">["payload"];
export type PushEvent = EmitterWebhookEvent<"push">["payload"];
export type IssueCommentCreatedEvent = EmitterWebhookEvent<"issue_comment.created">["payload"];

export interface PullRequestPayloadOptions {
  action?: "opened" | "synchronize" | "reopened" | "ready_for_review" | "closed" | "labeled" | "edited";
  owner?: string;
  repo?: string;
  number?: number;
  headSha?: string;
  headRef?: string;
  baseRef?: string;
  baseSha?: string;
  /** `owner/name` of the head repository when the PR comes from a fork. */
  headRepoFullName?: string;
  labels?: string[];
  merged?: boolean;
  /** The merge commit (merged PRs) or GitHub's test merge commit (open PRs). */
  mergeCommitSha?: string | null;
  installationId?: number;
  /** Login of the PR's author (and the sender). */
  author?: string;
  draft?: boolean;
  /** For `synchronize`: the previous head. */
  before?: string;
  defaultBranch?: string;
}

/** A fake but well-formed 40-hex SHA derived from a label, for readable tests. */
export function fakeSha(label: string): string {
  let out = "";
  for (let i = 0; out.length < 40; i++) {
    let h = 2166136261 ^ i;
    for (const ch of `${label}#${i}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    out += h.toString(16).padStart(8, "0");
  }
  return out.slice(0, 40);
}

function label(owner: string, repo: string, name: string): Json {
  return {
    id: userId(`label:${name}`),
    node_id: Buffer.from(`010:Label${name}`).toString("base64"),
    url: `https://api.github.com/repos/${owner}/${repo}/labels/${encodeURIComponent(name)}`,
    name,
    color: "ededed",
    default: false,
    description: null,
  };
}

function renumber<T>(value: T, from: number, to: number): T {
  const text = JSON.stringify(value).replace(new RegExp(`/(pulls|pull|issues)/${from}(?=[/".#])`, "g"), `/$1/${to}`);
  return JSON.parse(text) as T;
}

/** A `pull_request` delivery, from the example with the same action. */
export function pullRequestPayload(options: PullRequestPayloadOptions = {}): PullRequestEvent {
  const owner = options.owner ?? DEFAULT_OWNER;
  const repo = options.repo ?? DEFAULT_REPO;
  const number = options.number ?? 1;
  const action = options.action ?? "opened";
  const defaultBranch = options.defaultBranch ?? "main";
  const baseRef = options.baseRef ?? defaultBranch;
  const headRef = options.headRef ?? `change-${number}`;
  const headSha = options.headSha ?? fakeSha(`head-${number}`);
  const baseSha = options.baseSha ?? fakeSha(`base-${number}`);

  const example = exampleWebhook("pull_request", action);
  const pr0 = example.pull_request as Json & { head: Json; base: Json; number: number };
  const text = JSON.stringify(example)
    .replaceAll(String(pr0.head.sha), headSha)
    .replaceAll(String(pr0.base.sha), baseSha);
  const payload = renumber(retarget(JSON.parse(text) as Json, owner, repo), pr0.number, number);
  const repository = payload.repository as RepositoryLike;
  setDefaultBranch(repository, defaultBranch);
  const pr = payload.pull_request as Json & { head: Json; base: Json; user: Json };
  const author = options.author ?? String((payload.sender as Json).login);
  const authorUser = author === (payload.sender as Json).login ? (payload.sender as Json) : userLike(pr.user, author, userId(author));

  payload.action = action;
  payload.number = number;
  payload.sender = authorUser;
  payload.installation = { ...(payload.installation as Json), id: options.installationId ?? DEFAULT_INSTALLATION_ID };
  pr.number = number;
  pr.user = authorUser;
  pr.draft = options.draft ?? false;
  pr.labels = (options.labels ?? []).map((name) => label(owner, repo, name));
  pr.base = { ...pr.base, ref: baseRef, sha: baseSha, label: `${owner}:${baseRef}`, user: repository.owner, repo: structuredClone(repository) };
  const headRepo = structuredClone(repository);
  if (options.headRepoFullName && options.headRepoFullName !== `${owner}/${repo}`) {
    const [forkOwner = "", forkRepo = ""] = options.headRepoFullName.split("/");
    renameRepository(headRepo, forkOwner, forkRepo);
    headRepo.id = userId(`repo:${options.headRepoFullName}`);
    headRepo.fork = true;
  }
  pr.head = { ...pr.head, ref: headRef, sha: headSha, label: `${headRepo.owner.login}:${headRef}`, user: headRepo.owner, repo: headRepo };

  const merged = options.merged ?? false;
  pr.merged = merged;
  pr.merge_commit_sha = options.mergeCommitSha ?? (merged ? fakeSha(`merge-${number}`) : null);
  if (merged || action === "closed") {
    pr.state = "closed";
    pr.closed_at = pr.updated_at;
    pr.merged_at = merged ? pr.updated_at : null;
    pr.merged_by = merged ? payload.sender : null;
  } else {
    pr.state = "open";
    pr.closed_at = null;
    pr.merged_at = null;
  }
  if (action === "synchronize") {
    payload.before = options.before ?? fakeSha(`before-${number}`);
    payload.after = headSha;
  }
  return payload as unknown as PullRequestEvent;
}

export interface PushCommit {
  id?: string;
  message?: string;
  added?: string[];
  modified?: string[];
  removed?: string[];
}

export interface PushPayloadOptions {
  owner?: string;
  repo?: string;
  ref?: string;
  before?: string;
  after?: string;
  commits?: PushCommit[];
  installationId?: number;
  pusher?: string;
  defaultBranch?: string;
}

/** A `push` delivery, from the example of a branch push with one commit. */
export function pushPayload(options: PushPayloadOptions = {}): PushEvent {
  const owner = options.owner ?? DEFAULT_OWNER;
  const repo = options.repo ?? DEFAULT_REPO;
  const defaultBranch = options.defaultBranch ?? "main";
  const ref = options.ref ?? `refs/heads/${defaultBranch}`;
  const before = options.before ?? fakeSha("push-before");
  const after = options.after ?? fakeSha("push-after");
  // A branch push with one commit (the first examples are tag pushes without commits).
  const example = exampleWebhook("push", undefined, (e) => Array.isArray(e.commits) && e.commits.length > 0);
  const payload = retarget(example, owner, repo);
  const template = (payload.commits as Json[])[0] as Json;
  setDefaultBranch(payload.repository as RepositoryLike, defaultBranch);
  const commitList = options.commits ?? [{ modified: ["README.md"] }];
  const commits = commitList.map((c, i) => {
    const id = c.id ?? (i === commitList.length - 1 ? after : fakeSha(`push-${after}-${i}`));
    return {
      ...structuredClone(template),
      id,
      tree_id: fakeSha(`tree-${id}`),
      message: c.message ?? `Commit ${i + 1}`,
      url: `https://github.com/${owner}/${repo}/commit/${id}`,
      added: c.added ?? [],
      modified: c.modified ?? [],
      removed: c.removed ?? [],
    };
  });
  Object.assign(payload, {
    ref,
    before,
    after,
    created: before === ZERO_SHA,
    deleted: after === ZERO_SHA,
    forced: false,
    base_ref: null,
    compare: `https://github.com/${owner}/${repo}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
    commits,
    head_commit: commits.at(-1) ?? null,
    installation: { ...(payload.installation as Json), id: options.installationId ?? DEFAULT_INSTALLATION_ID },
  });
  if (options.pusher) {
    payload.pusher = { name: options.pusher, email: `${options.pusher}@users.noreply.github.com` };
    payload.sender = userLike(payload.sender as Json, options.pusher, userId(options.pusher));
  }
  return payload as unknown as PushEvent;
}

export interface IssueCommentPayloadOptions {
  owner?: string;
  repo?: string;
  body: string;
  /** Login of the commenter (also the sender). */
  user?: string;
  number?: number;
  /** True (default) for a comment on a pull request's conversation. */
  isPullRequest?: boolean;
  commentId?: number;
  installationId?: number;
}

/** An `issue_comment.created` delivery, from the example delivered to an installation. */
export function issueCommentPayload(options: IssueCommentPayloadOptions): IssueCommentCreatedEvent {
  const owner = options.owner ?? DEFAULT_OWNER;
  const repo = options.repo ?? DEFAULT_REPO;
  const number = options.number ?? 1;
  const example = exampleWebhook("issue_comment", "created");
  const issue0 = example.issue as Json;
  const comment0 = example.comment as Json;
  const commentId = options.commentId ?? userId(`comment:${options.body}`);
  const text = JSON.stringify(example).replace(new RegExp(`/comments/${String(comment0.id)}`, "g"), `/comments/${commentId}`)
    .replace(new RegExp(`issuecomment-${String(comment0.id)}`, "g"), `issuecomment-${commentId}`);
  const payload = renumber(retarget(JSON.parse(text) as Json, owner, repo), Number(issue0.number), number);
  const issue = payload.issue as Json;
  const comment = payload.comment as Json;
  const login = options.user ?? String((payload.sender as Json).login);
  const user = login === (payload.sender as Json).login ? (payload.sender as Json) : userLike(payload.sender as Json, login, userId(login));
  issue.number = number;
  if (options.isPullRequest ?? true) {
    issue.pull_request = {
      url: `https://api.github.com/repos/${owner}/${repo}/pulls/${number}`,
      html_url: `https://github.com/${owner}/${repo}/pull/${number}`,
      diff_url: `https://github.com/${owner}/${repo}/pull/${number}.diff`,
      patch_url: `https://github.com/${owner}/${repo}/pull/${number}.patch`,
      merged_at: null,
    };
  } else {
    delete issue.pull_request;
  }
  comment.id = commentId;
  comment.node_id = Buffer.from(`012:IssueComment${commentId}`).toString("base64");
  comment.body = options.body;
  comment.user = user;
  comment.author_association = "NONE";
  payload.sender = user;
  payload.installation = { ...(payload.installation as Json), id: options.installationId ?? DEFAULT_INSTALLATION_ID };
  return payload as unknown as IssueCommentCreatedEvent;
}

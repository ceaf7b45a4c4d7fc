// Response bodies shaped like GitHub's REST API (field names as in @octokit/openapi-types),
// with URLs pointing at the stand-in itself.
import { createHash } from "node:crypto";
import type { components } from "@octokit/openapi-types";
import { pullRequestPayload } from "./webhooks-payloads.js";
import { userId } from "./webhooks-examples.js";
import type {
  ChangedFile,
  CheckRunState,
  CommentState,
  IssueState,
  PullRequestState,
  ReactionState,
  ReviewState,
  StandinRepository,
} from "./github-standin-state.js";

type Json = Record<string, unknown>;

export interface ShapeContext {
  /** e.g. `http://127.0.0.1:4321` (the web URLs). */
  origin: string;
  /** e.g. `http://127.0.0.1:4321/api/v3` (the API URLs). */
  api: string;
  appId: number;
  appSlug: string;
  repository: StandinRepository;
}

type Schemas = components["schemas"];

export function userShape(ctx: ShapeContext, login: string, type: "User" | "Bot" | "Organization" = "User"): Schemas["simple-user"] {
  const id = userId(login);
  const api = `${ctx.api}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: Buffer.from(`04:${type}${id}`).toString("base64"),
    avatar_url: `${ctx.origin}/avatars/u/${id}?v=4`,
    gravatar_id: "",
    url: api,
    html_url: `${ctx.origin}/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type,
    site_admin: false,
  };
}

export function appShape(ctx: ShapeContext): Json {
  return {
    id: ctx.appId,
    slug: ctx.appSlug,
    node_id: Buffer.from(`03:Integration${ctx.appId}`).toString("base64"),
    client_id: `Iv1.${ctx.appId.toString(16).padStart(16, "0")}`,
    owner: userShape(ctx, ctx.repository.owner, "Organization"),
    name: ctx.appSlug,
    description: "okctl (GitHub stand-in)",
    external_url: ctx.origin,
    html_url: `${ctx.origin}/apps/${ctx.appSlug}`,
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:00:00Z",
    permissions: { checks: "write", contents: "read", issues: "write", metadata: "read", pull_requests: "write" },
    events: ["issue_comment", "pull_request", "push"],
  };
}

const repoApi = (ctx: ShapeContext): string => `${ctx.api}/repos/${ctx.repository.fullName}`;
const repoWeb = (ctx: ShapeContext): string => `${ctx.origin}/${ctx.repository.fullName}`;

/** Rewrites github.com URLs of a payload-derived object to the stand-in's. */
function localize<T>(ctx: ShapeContext, value: T): T {
  const text = JSON.stringify(value).replaceAll("https://api.github.com", ctx.api).replaceAll("https://github.com", ctx.origin);
  return JSON.parse(text) as T;
}

/** GET /repos/{o}/{r}/pulls/{n}: the webhook's pull_request object plus the REST-only fields. */
export function pullRequestShape(ctx: ShapeContext, pull: PullRequestState): Json {
  const { owner, repo, defaultBranch } = ctx.repository;
  const payload = pullRequestPayload({
    action: pull.state === "open" ? "opened" : "closed",
    owner,
    repo,
    defaultBranch,
    number: pull.number,
    headSha: pull.headSha,
    headRef: pull.headRef,
    baseRef: pull.baseRef,
    baseSha: pull.baseSha,
    headRepoFullName: pull.headRepoFullName,
    labels: pull.labels,
    merged: pull.merged,
    mergeCommitSha: pull.mergeCommitSha,
    author: pull.author,
    draft: pull.draft,
  });
  const shape = localize(ctx, payload.pull_request) as unknown as Json;
  const files = ctx.repository.pullRequestFiles(pull);
  return {
    ...shape,
    title: pull.title,
    created_at: pull.createdAt,
    mergeable: pull.state === "open" ? pull.mergeable : null,
    mergeable_state: pull.state === "open" ? (pull.mergeable ? "clean" : "unknown") : "unknown",
    changed_files: files.length,
    additions: files.reduce((n, f) => n + (f.additions ?? 0), 0),
    deletions: files.reduce((n, f) => n + (f.deletions ?? 0), 0),
  };
}

/** The "pull-request-simple" shape of list endpoints (no mergeability or counters). */
export function pullRequestSimpleShape(ctx: ShapeContext, pull: PullRequestState): Json {
  const full = pullRequestShape(ctx, pull);
  for (const key of ["merged", "mergeable", "rebaseable", "mergeable_state", "merged_by", "comments", "review_comments",
    "maintainer_can_modify", "commits", "additions", "deletions", "changed_files"]) {
    delete full[key];
  }
  return full;
}

export function diffEntryShape(ctx: ShapeContext, file: ChangedFile, ref: string): Json {
  const path = file.filename.split("/").map(encodeURIComponent).join("/");
  const blob = ctx.repository.filesAt(ref)?.get(file.filename);
  return {
    sha: blob === undefined ? "0000000000000000000000000000000000000000" : gitBlobSha(blob),
    filename: file.filename,
    status: file.status,
    additions: file.additions ?? 0,
    deletions: file.deletions ?? 0,
    changes: (file.additions ?? 0) + (file.deletions ?? 0),
    blob_url: `${repoWeb(ctx)}/blob/${ref}/${path}`,
    raw_url: `${repoWeb(ctx)}/raw/${ref}/${path}`,
    contents_url: `${repoApi(ctx)}/contents/${path}?ref=${ref}`,
    ...(file.patch === undefined ? {} : { patch: file.patch }),
    ...(file.previous_filename === undefined ? {} : { previous_filename: file.previous_filename }),
  };
}

/** Git's blob id: sha1("blob <size>\0<content>"). */
export function gitBlobSha(content: string): string {
  const bytes = Buffer.from(content, "utf8");
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

export function contentFileShape(ctx: ShapeContext, path: string, content: string, ref: string): Json {
  const sha = gitBlobSha(content);
  const encoded = path.split("/").map(encodeURIComponent).join("/");
  const self = `${repoApi(ctx)}/contents/${encoded}?ref=${ref}`;
  const git = `${repoApi(ctx)}/git/blobs/${sha}`;
  const html = `${repoWeb(ctx)}/blob/${ref}/${encoded}`;
  return {
    type: "file",
    encoding: "base64",
    size: Buffer.byteLength(content),
    name: path.split("/").at(-1),
    path,
    // GitHub wraps the base64 text at 60 characters.
    content: (Buffer.from(content, "utf8").toString("base64").match(/.{1,60}/g) ?? []).join("\n") + "\n",
    sha,
    url: self,
    git_url: git,
    html_url: html,
    download_url: `${ctx.origin}/raw/${ctx.repository.fullName}/${ref}/${encoded}`,
    _links: { self, git, html },
  };
}

export function commentShape(ctx: ShapeContext, comment: CommentState): Json {
  const url = `${repoApi(ctx)}/issues/comments/${comment.id}`;
  const reactions = ctx.repository.reactions.filter((r) => r.commentId === comment.id);
  const count = (content: string): number => reactions.filter((r) => r.content === content).length;
  return {
    id: comment.id,
    node_id: Buffer.from(`012:IssueComment${comment.id}`).toString("base64"),
    url,
    html_url: `${repoWeb(ctx)}/${ctx.repository.issues.has(comment.issueNumber) ? "issues" : "pull"}/${comment.issueNumber}#issuecomment-${comment.id}`,
    body: comment.body,
    user: userShape(ctx, comment.user, comment.viaApp ? "Bot" : "User"),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    issue_url: `${repoApi(ctx)}/issues/${comment.issueNumber}`,
    author_association: comment.viaApp ? "NONE" : "MEMBER",
    performed_via_github_app: comment.viaApp ? appShape(ctx) : null,
    reactions: {
      url: `${url}/reactions`,
      total_count: reactions.length,
      ...Object.fromEntries(["+1", "-1", "laugh", "hooray", "confused", "heart", "rocket", "eyes"].map((c) => [c, count(c)])),
    },
  };
}

export function reviewShape(ctx: ShapeContext, review: ReviewState): Json {
  const html = `${repoWeb(ctx)}/pull/${review.pullNumber}#pullrequestreview-${review.id}`;
  const pullUrl = `${repoApi(ctx)}/pulls/${review.pullNumber}`;
  return {
    id: review.id,
    node_id: Buffer.from(`017:PullRequestReview${review.id}`).toString("base64"),
    user: userShape(ctx, review.user),
    body: "",
    state: review.state,
    html_url: html,
    pull_request_url: pullUrl,
    author_association: "MEMBER",
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
    submitted_at: review.submittedAt,
    commit_id: review.commitId,
  };
}

export function checkRunShape(ctx: ShapeContext, run: CheckRunState): Json {
  const url = `${repoApi(ctx)}/check-runs/${run.id}`;
  const pulls = [...ctx.repository.pulls.values()].filter((p) => p.state === "open" && p.headSha === run.headSha);
  return {
    id: run.id,
    head_sha: run.headSha,
    node_id: Buffer.from(`08:CheckRun${run.id}`).toString("base64"),
    external_id: run.externalId ?? "",
    url,
    html_url: `${repoWeb(ctx)}/runs/${run.id}`,
    details_url: run.detailsUrl ?? `${ctx.origin}/apps/${ctx.appSlug}`,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: { ...run.output, annotations_count: run.annotations.length, annotations_url: `${url}/annotations` },
    name: run.name,
    check_suite: { id: userId(`suite:${run.headSha}`) },
    app: appShape(ctx),
    pull_requests: pulls.map((p) => ({
      url: `${repoApi(ctx)}/pulls/${p.number}`,
      id: userId(`pull:${p.number}`),
      number: p.number,
      head: { ref: p.headRef, sha: p.headSha, repo: { id: 1, url: repoApi(ctx), name: ctx.repository.repo } },
      base: { ref: p.baseRef, sha: p.baseSha, repo: { id: 1, url: repoApi(ctx), name: ctx.repository.repo } },
    })),
  };
}

export function reactionShape(ctx: ShapeContext, reaction: ReactionState): Json {
  return {
    id: reaction.id,
    node_id: Buffer.from(`08:Reaction${reaction.id}`).toString("base64"),
    user: userShape(ctx, reaction.user, reaction.user.endsWith("[bot]") ? "Bot" : "User"),
    content: reaction.content,
    created_at: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
}

export function labelShape(ctx: ShapeContext, name: string): Json {
  return {
    id: userId(`label:${name}`),
    node_id: Buffer.from(`010:Label${name}`).toString("base64"),
    url: `${repoApi(ctx)}/labels/${encodeURIComponent(name)}`,
    name,
    description: null,
    color: "ededed",
    default: false,
  };
}

/**
 * GET /repos/{o}/{r}/issues/{n} and the issue lists: an issue, or a pull request seen as an issue
 * (with `pull_request`), as GitHub's issues endpoints return both.
 */
export function issueShape(ctx: ShapeContext, item: IssueState | PullRequestState): Schemas["issue"] {
  const isPull = !("stateReason" in item);
  const number = item.number;
  const url = `${repoApi(ctx)}/issues/${number}`;
  const author = isPull ? (item as PullRequestState).author : (item as IssueState).author;
  const viaApp = !isPull && (item as IssueState).viaApp;
  const comments = ctx.repository.comments.filter((c) => c.issueNumber === number).length;
  const closed = isPull ? (item.state === "closed" ? (item as PullRequestState).createdAt : null) : (item as IssueState).closedAt;
  const updated = isPull ? (item as PullRequestState).createdAt : (item as IssueState).updatedAt;
  return {
    id: userId(`issue:${number}`),
    node_id: Buffer.from(`05:Issue${number}`).toString("base64"),
    url,
    repository_url: repoApi(ctx),
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${repoWeb(ctx)}/${isPull ? "pull" : "issues"}/${number}`,
    number,
    state: item.state,
    state_reason: isPull ? null : (item as IssueState).stateReason,
    title: item.title,
    body: isPull ? null : (item as IssueState).body,
    user: userShape(ctx, viaApp ? `${ctx.appSlug}[bot]` : author, viaApp ? "Bot" : "User"),
    labels: item.labels.map((name) => labelShape(ctx, name) as Schemas["issue"]["labels"][number]),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments,
    ...(isPull
      ? {
          pull_request: {
            url: `${repoApi(ctx)}/pulls/${number}`,
            html_url: `${repoWeb(ctx)}/pull/${number}`,
            diff_url: `${repoWeb(ctx)}/pull/${number}.diff`,
            patch_url: `${repoWeb(ctx)}/pull/${number}.patch`,
            merged_at: (item as PullRequestState).merged ? updated : null,
          },
          draft: (item as PullRequestState).draft,
        }
      : {}),
    closed_at: closed,
    created_at: item.createdAt,
    updated_at: updated,
    author_association: viaApp ? "NONE" : "MEMBER",
    performed_via_github_app: viaApp ? (appShape(ctx) as unknown as Schemas["integration"]) : null,
    timeline_url: `${url}/timeline`,
    reactions: { url: `${url}/reactions`, total_count: 0, "+1": 0, "-1": 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 },
  };
}

/** GET /app/installations: the stand-in's one installation, on the repository's owner. */
export function installationShape(ctx: ShapeContext, installationId: number): Schemas["installation"] {
  const owner = userShape(ctx, ctx.repository.owner, "Organization");
  return {
    id: installationId,
    account: owner,
    repository_selection: "selected",
    access_tokens_url: `${ctx.api}/app/installations/${installationId}/access_tokens`,
    repositories_url: `${ctx.api}/installation/repositories`,
    html_url: `${ctx.origin}/organizations/${ctx.repository.owner}/settings/installations/${installationId}`,
    app_id: ctx.appId,
    client_id: String(appShape(ctx).client_id),
    target_id: Number(owner.id),
    target_type: "Organization",
    permissions: appShape(ctx).permissions as Schemas["app-permissions"],
    events: appShape(ctx).events as string[],
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:00:00Z",
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    app_slug: ctx.appSlug,
    suspended_by: null,
    suspended_at: null,
  };
}

/**
 * A repository as GET /installation/repositories lists it (`full`: as GET /repos/{o}/{r} returns
 * it): GitHub's example repository (from its example pull_request delivery) moved to the
 * stand-in's, with the REST-only fields.
 */
export function repositoryShape(ctx: ShapeContext, options: { full?: boolean } = {}): Json {
  const { owner, repo, defaultBranch } = ctx.repository;
  const repository = localize(ctx, (pullRequestPayload({ owner, repo, defaultBranch }) as unknown as { repository: Json }).repository);
  delete repository.master_branch; // a webhook-only alias
  const rest: Json = {
    ...repository,
    default_branch: defaultBranch,
    archived: false,
    disabled: false,
    permissions: { admin: false, maintain: false, push: false, triage: false, pull: true },
  };
  return options.full ? { ...rest, network_count: 0, subscribers_count: 0 } : rest;
}

/** GET /repos/{o}/{r}/git/ref/heads/{branch}. */
export function gitRefShape(ctx: ShapeContext, ref: string, sha: string): Schemas["git-ref"] {
  return {
    ref,
    node_id: Buffer.from(`03:Ref${ref}`).toString("base64"),
    url: `${repoApi(ctx)}/git/${ref}`,
    object: { type: "commit", sha, url: `${repoApi(ctx)}/git/commits/${sha}` },
  };
}

/** GET /repos/{o}/{r}/git/trees/{sha}: the files at `sha` (every level with `recursive`, else the top one). */
export function gitTreeShape(ctx: ShapeContext, sha: string, files: Map<string, string>, recursive: boolean): Schemas["git-tree"] {
  const entries = new Map<string, Schemas["git-tree"]["tree"][number]>();
  for (const [path, content] of files) {
    const parts = path.split("/");
    for (let depth = 1; depth < parts.length; depth++) {
      const dir = parts.slice(0, depth).join("/");
      const dirSha = createHash("sha1").update(`tree ${sha} ${dir}`).digest("hex");
      if (!entries.has(dir)) entries.set(dir, { path: dir, mode: "040000", type: "tree", sha: dirSha, url: `${repoApi(ctx)}/git/trees/${dirSha}` });
    }
    const blob = gitBlobSha(content);
    entries.set(path, { path, mode: "100644", type: "blob", sha: blob, size: Buffer.byteLength(content), url: `${repoApi(ctx)}/git/blobs/${blob}` });
  }
  const tree = [...entries.values()].filter((entry) => recursive || !entry.path.includes("/")).sort((a, b) => (a.path < b.path ? -1 : 1));
  return { sha, url: `${repoApi(ctx)}/git/trees/${sha}`, truncated: false, tree };
}

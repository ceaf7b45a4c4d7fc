// Response bodies shaped like GitHub's REST API (field names as in @octokit/openapi-types),
// with URLs pointing at the stand-in itself.
import { createHash } from "node:crypto";
import { pullRequestPayload } from "./webhooks-payloads.js";
import { userId } from "./webhooks-examples.js";
import type {
  ChangedFile,
  CheckRunState,
  CommentState,
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

export function userShape(ctx: ShapeContext, login: string, type: "User" | "Bot" | "Organization" = "User"): Json {
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
    html_url: `${repoWeb(ctx)}/pull/${comment.issueNumber}#issuecomment-${comment.id}`,
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

// The stand-in's read endpoints: pull requests and their files, contents, comparisons, labels,
// issues, git refs and trees, the app's installation and its repository.
import {
  notFound,
  paginate,
  sameRepository,
  validationFailed,
  type Route,
  type RouteRequest,
  type RouteResponse,
  type StandinContext,
} from "./github-standin-router.js";
import {
  checkRunShape,
  commentShape,
  contentFileShape,
  diffEntryShape,
  gitBlobSha,
  gitRefShape,
  gitTreeShape,
  installationShape,
  issueShape,
  labelShape,
  pullRequestShape,
  pullRequestSimpleShape,
  repositoryShape,
  reviewShape,
} from "./github-standin-shapes.js";
import type { IssueState, PullRequestState } from "./github-standin-state.js";

function withPull(
  request: RouteRequest,
  ctx: StandinContext,
  then: (pull: NonNullable<ReturnType<StandinContext["repository"]["pulls"]["get"]>>) => RouteResponse,
): RouteResponse {
  if (!sameRepository(request.params, ctx)) return notFound(true);
  const pull = ctx.repository.pulls.get(Number(request.params.pull_number ?? request.params.issue_number));
  return pull ? then(pull) : notFound();
}

/** An issue or a pull request by `issue_number`, as GitHub's issues endpoints take both. */
function withIssue(
  request: RouteRequest,
  ctx: StandinContext,
  then: (item: IssueState | PullRequestState) => RouteResponse,
): RouteResponse {
  if (!sameRepository(request.params, ctx)) return notFound(true);
  const number = Number(request.params.issue_number);
  const item = ctx.repository.issues.get(number) ?? ctx.repository.pulls.get(number);
  return item ? then(item) : notFound();
}

const ISSUE_STATES = ["open", "closed", "all"];

function isRaw(request: RouteRequest): boolean {
  const accept = String(request.headers.accept ?? "");
  return /application\/vnd\.github(\.v3)?\.raw(?!\+json)/.test(accept) || accept.includes("application/vnd.github.raw+json");
}

function contents(request: RouteRequest, ctx: StandinContext): RouteResponse {
  if (!sameRepository(request.params, ctx)) return notFound(true);
  const path = (request.params.path ?? "").replace(/\/+$/, "");
  const ref = request.url.searchParams.get("ref") ?? ctx.repository.defaultBranch;
  const files = ctx.repository.filesAt(ref);
  if (!files) return notFound();
  const content = files.get(path);
  if (content !== undefined) {
    if (isRaw(request)) return { status: 200, text: content, headers: { "content-type": "text/plain; charset=utf-8" } };
    return { status: 200, body: contentFileShape(ctx, path, content, ref) };
  }
  // A directory: list its direct entries, as GitHub does.
  const prefix = path === "" ? "" : `${path}/`;
  const entries = new Map<string, "file" | "dir">();
  for (const file of files.keys()) {
    if (!file.startsWith(prefix)) continue;
    const [head = "", ...rest] = file.slice(prefix.length).split("/");
    entries.set(head, rest.length > 0 ? "dir" : "file");
  }
  if (entries.size === 0) return notFound();
  const body = [...entries].sort().map(([name, type]) => {
    const full = `${prefix}${name}`;
    const file = type === "file" ? contentFileShape(ctx, full, files.get(full) ?? "", ref) : undefined;
    return file
      ? { ...file, content: undefined, encoding: undefined }
      : { type, name, path: full, sha: gitBlobSha(full), size: 0, url: "", git_url: null, html_url: null, download_url: null };
  });
  return { status: 200, body };
}

export const readRoutes: Route[] = [
  {
    template: "GET /repos/{owner}/{repo}/pulls",
    handle: (request, ctx) => {
      if (!sameRepository(request.params, ctx)) return notFound(true);
      const state = request.url.searchParams.get("state") ?? "open";
      const base = request.url.searchParams.get("base");
      const head = request.url.searchParams.get("head");
      const pulls = [...ctx.repository.pulls.values()]
        .filter((p) => state === "all" || p.state === state)
        .filter((p) => base === null || p.baseRef === base)
        .filter((p) => head === null || `${(p.headRepoFullName ?? ctx.repository.fullName).split("/")[0]}:${p.headRef}` === head)
        .sort((a, b) => b.number - a.number);
      return paginate(pulls.map((p) => pullRequestSimpleShape(ctx, p)), request.url, ctx.origin);
    },
  },
  {
    template: "GET /repos/{owner}/{repo}/pulls/{pull_number}",
    handle: (request, ctx) => withPull(request, ctx, (pull) => ({ status: 200, body: pullRequestShape(ctx, pull) })),
  },
  {
    template: "GET /repos/{owner}/{repo}/pulls/{pull_number}/files",
    handle: (request, ctx) =>
      withPull(request, ctx, (pull) =>
        paginate(
          ctx.repository.pullRequestFiles(pull).map((f) => diffEntryShape(ctx, f, pull.headSha)),
          request.url,
          ctx.origin,
        ),
      ),
  },
  {
    template: "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews",
    handle: (request, ctx) =>
      withPull(request, ctx, (pull) =>
        paginate(
          ctx.repository.reviews.filter((r) => r.pullNumber === pull.number).map((r) => reviewShape(ctx, r)),
          request.url,
          ctx.origin,
        ),
      ),
  },
  {
    template: "GET /repos/{owner}/{repo}/contents/{+path}",
    handle: contents,
  },
  {
    template: "GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls",
    handle: (request, ctx) => {
      if (!sameRepository(request.params, ctx)) return notFound(true);
      const sha = request.params.commit_sha;
      const pulls = [...ctx.repository.pulls.values()].filter(
        (p) => p.headSha === sha || (p.merged && p.mergeCommitSha === sha),
      );
      return paginate(pulls.map((p) => pullRequestSimpleShape(ctx, p)), request.url, ctx.origin);
    },
  },
  {
    template: "GET /repos/{owner}/{repo}/commits/{ref}/check-runs",
    handle: (request, ctx) => {
      if (!sameRepository(request.params, ctx)) return notFound(true);
      const name = request.url.searchParams.get("check_name") ?? undefined;
      const runs = ctx.repository.checkRuns.filter((run) => run.headSha === request.params.ref && (name === undefined || run.name === name));
      return { status: 200, body: { total_count: runs.length, check_runs: runs.map((run) => checkRunShape(ctx, run)) } };
    },
  },
  {
    template: "GET /repos/{owner}/{repo}/compare/{+basehead}",
    handle: (request, ctx) => {
      if (!sameRepository(request.params, ctx)) return notFound(true);
      const [base, head] = (request.params.basehead ?? "").split("...");
      if (!base || !head) return validationFailed("basehead", "invalid");
      const files = ctx.repository.compare(base, head);
      if (!files) return notFound();
      const api = `${ctx.api}/repos/${ctx.repository.fullName}`;
      const web = `${ctx.origin}/${ctx.repository.fullName}`;
      return {
        status: 200,
        body: {
          url: `${api}/compare/${base}...${head}`,
          html_url: `${web}/compare/${base}...${head}`,
          permalink_url: `${web}/compare/${base}...${head}`,
          diff_url: `${web}/compare/${base}...${head}.diff`,
          patch_url: `${web}/compare/${base}...${head}.patch`,
          base_commit: { sha: base, url: `${api}/commits/${base}` },
          merge_base_commit: { sha: base, url: `${api}/commits/${base}` },
          status: files.length === 0 && base === head ? "identical" : "ahead",
          ahead_by: 1,
          behind_by: 0,
          total_commits: 1,
          commits: [{ sha: head, url: `${api}/commits/${head}` }],
          files: files.map((f) => diffEntryShape(ctx, f, head)),
        },
      };
    },
  },
  {
    template: "GET /repos/{owner}/{repo}/issues/{issue_number}/labels",
    handle: (request, ctx) =>
      withIssue(request, ctx, (item) => paginate(item.labels.map((l) => labelShape(ctx, l)), request.url, ctx.origin)),
  },
  {
    template: "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
    handle: (request, ctx) =>
      withIssue(request, ctx, (item) =>
        paginate(
          ctx.repository.comments.filter((c) => c.issueNumber === item.number).map((c) => commentShape(ctx, c)),
          request.url,
          ctx.origin,
        ),
      ),
  },
  {
    template: "GET /repos/{owner}/{repo}/issues/{issue_number}",
    handle: (request, ctx) => withIssue(request, ctx, (item) => ({ status: 200, body: issueShape(ctx, item) })),
  },
  {
    // Issues and pull requests, newest first; `labels` (comma-separated) must all be on an item.
    template: "GET /repos/{owner}/{repo}/issues",
    handle: (request, ctx) => {
      if (!sameRepository(request.params, ctx)) return notFound(true);
      const state = request.url.searchParams.get("state") ?? "open";
      if (!ISSUE_STATES.includes(state)) return validationFailed("state", "invalid");
      const labels = (request.url.searchParams.get("labels") ?? "").split(",").map((l) => l.trim()).filter(Boolean);
      const pulls = [...ctx.repository.pulls.values()].filter((p) => (state === "all" || p.state === state) && labels.every((l) => p.labels.includes(l)));
      const items = [...ctx.repository.issuesLabelled(labels, state as "open" | "closed" | "all"), ...pulls].sort((a, b) => b.number - a.number);
      return paginate(items.map((item) => issueShape(ctx, item)), request.url, ctx.origin);
    },
  },
  {
    template: "GET /repos/{owner}/{repo}",
    handle: (request, ctx) => (sameRepository(request.params, ctx) ? { status: 200, body: repositoryShape(ctx, { full: true }) } : notFound(true)),
  },
  {
    // `heads/<branch>` (Octokit may send the slash encoded).
    template: "GET /repos/{owner}/{repo}/git/ref/{+ref}",
    handle: (request, ctx) => {
      if (!sameRepository(request.params, ctx)) return notFound(true);
      const ref = request.params.ref ?? "";
      const sha = ref.startsWith("heads/") ? ctx.repository.branchSha(ref.slice("heads/".length)) : undefined;
      return sha ? { status: 200, body: gitRefShape(ctx, `refs/${ref}`, sha) } : notFound();
    },
  },
  {
    template: "GET /repos/{owner}/{repo}/git/trees/{tree_sha}",
    handle: (request, ctx) => {
      if (!sameRepository(request.params, ctx)) return notFound(true);
      const sha = request.params.tree_sha ?? "";
      const files = ctx.repository.filesAt(sha);
      if (!files) return notFound();
      // GitHub lists every level for any value of `recursive` (documented: "0", "false" too).
      return { status: 200, body: gitTreeShape(ctx, sha, files, request.url.searchParams.has("recursive")) };
    },
  },
  {
    // The installation's repositories (the stand-in keeps one), in GitHub's wrapper object.
    template: "GET /installation/repositories",
    handle: (request, ctx) => {
      const page = paginate([repositoryShape(ctx)], request.url, ctx.origin);
      return { ...page, body: { total_count: 1, repository_selection: "selected", repositories: page.body } };
    },
  },
  {
    // Authenticated as the app (its JWT), not as an installation.
    template: "GET /app/installations",
    handle: (request, ctx) => paginate([installationShape(ctx, ctx.installationId)], request.url, ctx.origin),
  },
];

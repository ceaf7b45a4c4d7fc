// The stand-in's read endpoints: pull requests and their files, contents, comparisons, labels.
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
  labelShape,
  pullRequestShape,
  pullRequestSimpleShape,
  reviewShape,
} from "./github-standin-shapes.js";

function withPull(
  request: RouteRequest,
  ctx: StandinContext,
  then: (pull: NonNullable<ReturnType<StandinContext["repository"]["pulls"]["get"]>>) => RouteResponse,
): RouteResponse {
  if (!sameRepository(request.params, ctx)) return notFound(true);
  const pull = ctx.repository.pulls.get(Number(request.params.pull_number ?? request.params.issue_number));
  return pull ? then(pull) : notFound();
}

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
      withPull(request, ctx, (pull) => paginate(pull.labels.map((l) => labelShape(ctx, l)), request.url, ctx.origin)),
  },
  {
    template: "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
    handle: (request, ctx) =>
      withPull(request, ctx, (pull) =>
        paginate(
          ctx.repository.comments.filter((c) => c.issueNumber === pull.number).map((c) => commentShape(ctx, c)),
          request.url,
          ctx.origin,
        ),
      ),
  },
];

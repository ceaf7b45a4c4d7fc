// The stand-in's write endpoints (comments, issues, check runs, reactions), the installation token and
// collaborator permissions. Bodies are validated as GitHub does, so app mistakes show up as 422s.
import { isoNow, type AnnotationState, type CheckRunState, type IssueState, type RoleName } from "./github-standin-state.js";
import {
  notFound,
  sameRepository,
  validationFailed,
  type Route,
  type RouteRequest,
  type RouteResponse,
  type StandinContext,
} from "./github-standin-router.js";
import { appShape, checkRunShape, commentShape, issueShape, reactionShape, userShape } from "./github-standin-shapes.js";

type Json = Record<string, unknown>;

/** GitHub refuses comment bodies longer than this. */
export const MAX_COMMENT_LENGTH = 65_536;
const REACTIONS = ["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"];
const STATUSES = ["queued", "in_progress", "completed", "waiting", "requested", "pending"];
const CONCLUSIONS = ["action_required", "cancelled", "failure", "neutral", "success", "skipped", "stale", "timed_out"];
const LEGACY_PERMISSION: Record<RoleName, string> = {
  admin: "admin", maintain: "write", write: "write", triage: "read", read: "read", none: "none",
};

const bodyOf = (request: RouteRequest): Json =>
  request.body !== null && typeof request.body === "object" ? (request.body as Json) : {};
const botLogin = (ctx: StandinContext): string => `${ctx.appSlug}[bot]`;

function commentBody(body: Json): RouteResponse | string {
  if (typeof body.body !== "string") return validationFailed("body");
  if (body.body.length > MAX_COMMENT_LENGTH) {
    return validationFailed("body", "custom", `Validation Failed: body is too long (maximum is ${MAX_COMMENT_LENGTH} characters)`);
  }
  return body.body;
}

/** GitHub refuses issue titles longer than this. */
const MAX_TITLE_LENGTH = 256;
const STATE_REASONS = ["completed", "not_planned", "reopened", "duplicate"];

/** Label names from an issue body's `labels` (names or `{ name }` objects); a response when invalid. */
function labelNames(labels: unknown): string[] | RouteResponse {
  if (!Array.isArray(labels)) return validationFailed("labels", "invalid");
  const names = labels.map((l) => (typeof l === "string" ? l : (l as { name?: unknown } | null)?.name));
  if (!names.every((n): n is string => typeof n === "string" && n.trim() !== "")) return validationFailed("labels", "invalid");
  return [...new Set(names)];
}

/** Applies a create/update body to an issue, as POST and PATCH /issues do; a response when invalid. */
function applyIssue(issue: IssueState, body: Json, creating: boolean): RouteResponse | undefined {
  if (creating || body.title !== undefined) {
    if ((typeof body.title !== "string" && typeof body.title !== "number") || String(body.title).trim() === "") return validationFailed("title", creating ? "missing_field" : "invalid");
    if (String(body.title).length > MAX_TITLE_LENGTH) return validationFailed("title", "custom", `Validation Failed: title is too long (maximum is ${MAX_TITLE_LENGTH} characters)`);
  }
  if (body.body !== undefined && body.body !== null) {
    const text = commentBody(body);
    if (typeof text !== "string") return text;
  }
  if (body.state !== undefined && body.state !== "open" && body.state !== "closed") return validationFailed("state", "invalid");
  if (body.state_reason !== undefined && body.state_reason !== null && !STATE_REASONS.includes(String(body.state_reason))) return validationFailed("state_reason", "invalid");
  const labels = body.labels === undefined ? undefined : labelNames(body.labels);
  if (labels !== undefined && !Array.isArray(labels)) return labels;
  if (body.title !== undefined) issue.title = String(body.title);
  if (body.body !== undefined) issue.body = body.body as string | null;
  if (labels) issue.labels = labels;
  if (body.state === "closed" && issue.state === "open") {
    issue.state = "closed";
    issue.closedAt = isoNow();
    issue.stateReason = (body.state_reason as IssueState["stateReason"] | undefined) ?? "completed";
  } else if (body.state === "open" && issue.state === "closed") {
    issue.state = "open";
    issue.closedAt = null;
    issue.stateReason = "reopened";
  }
  issue.updatedAt = isoNow();
  return undefined;
}

function validAnnotation(a: unknown): a is AnnotationState {
  const x = a as Partial<AnnotationState> | null;
  return (
    typeof x?.path === "string" && Number.isInteger(x.start_line) && Number.isInteger(x.end_line) &&
    typeof x.message === "string" && ["notice", "warning", "failure"].includes(String(x.annotation_level))
  );
}

/** Applies a create/update body to a check run; a response when the body is invalid. */
function applyCheckRun(run: CheckRunState, body: Json): RouteResponse | undefined {
  if (body.status !== undefined && !STATUSES.includes(String(body.status))) return validationFailed("status", "invalid");
  if (body.conclusion !== undefined && !CONCLUSIONS.includes(String(body.conclusion))) return validationFailed("conclusion", "invalid");
  const output = (body.output ?? undefined) as Json | undefined;
  if (output !== undefined && (typeof output.title !== "string" || typeof output.summary !== "string")) {
    return validationFailed("output", "missing_field");
  }
  const annotations = (output?.annotations ?? []) as unknown[];
  if (!Array.isArray(annotations) || annotations.length > 50 || !annotations.every(validAnnotation)) {
    return validationFailed("output.annotations", "invalid");
  }
  if (body.status === "completed" && body.conclusion === undefined && run.conclusion === null) {
    return validationFailed("conclusion", "missing_field");
  }
  run.history.push(structuredClone(body));
  if (typeof body.name === "string") run.name = body.name;
  if (typeof body.details_url === "string") run.detailsUrl = body.details_url;
  if (typeof body.external_id === "string") run.externalId = body.external_id;
  if (typeof body.started_at === "string") run.startedAt = body.started_at;
  if (body.status !== undefined) run.status = body.status as CheckRunState["status"];
  if (body.conclusion !== undefined) {
    run.conclusion = String(body.conclusion);
    run.status = "completed";
  }
  if (run.status === "completed") run.completedAt = typeof body.completed_at === "string" ? body.completed_at : isoNow();
  if (output) {
    run.output = {
      title: String(output.title),
      summary: String(output.summary),
      text: typeof output.text === "string" ? output.text : run.output.text,
    };
    run.annotations.push(...(annotations as AnnotationState[]));
  }
  return undefined;
}

export const writeRoutes: Route[] = [
  {
    template: "POST /app/installations/{installation_id}/access_tokens",
    handle: (request, ctx) => {
      if (Number(request.params.installation_id) !== ctx.installationId) return notFound(true);
      const { token, expiresAt } = ctx.issueToken();
      return {
        status: 201,
        body: {
          token,
          expires_at: expiresAt,
          permissions: (appShape(ctx).permissions as Json),
          repository_selection: "selected",
        },
      };
    },
  },
  {
    template: "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
    handle: (request, ctx) => {
      if (!sameRepository(request.params, ctx)) return notFound(true);
      const number = Number(request.params.issue_number);
      if (!ctx.repository.pulls.has(number) && !ctx.repository.issues.has(number)) return notFound();
      const body = commentBody(bodyOf(request));
      if (typeof body !== "string") return body;
      const comment = ctx.repository.addComment(number, body, botLogin(ctx), true);
      return { status: 201, body: commentShape(ctx, comment) };
    },
  },
  {
    template: "POST /repos/{owner}/{repo}/issues",
    handle: (request, ctx) => {
      if (!sameRepository(request.params, ctx)) return notFound(true);
      const issue: IssueState = {
        number: 0, title: "", body: null, state: "open", stateReason: null, labels: [], author: botLogin(ctx), viaApp: true,
        createdAt: isoNow(), updatedAt: isoNow(), closedAt: null,
      };
      const invalid = applyIssue(issue, bodyOf(request), true);
      if (invalid) return invalid;
      const created = ctx.repository.addIssue({ ...issue, number: ctx.repository.nextNumber() });
      return { status: 201, body: issueShape(ctx, created) };
    },
  },
  {
    template: "PATCH /repos/{owner}/{repo}/issues/{issue_number}",
    handle: (request, ctx) => {
      if (!sameRepository(request.params, ctx)) return notFound(true);
      const issue = ctx.repository.issues.get(Number(request.params.issue_number));
      // okctl edits only the issues it opened (a pull request is never edited through here).
      if (!issue) return notFound(ctx.repository.pulls.has(Number(request.params.issue_number)));
      return applyIssue(issue, bodyOf(request), false) ?? { status: 200, body: issueShape(ctx, issue) };
    },
  },
  {
    template: "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}",
    handle: (request, ctx) => {
      if (!sameRepository(request.params, ctx)) return notFound(true);
      const comment = ctx.repository.comments.find((c) => c.id === Number(request.params.comment_id));
      if (!comment) return notFound();
      // Only the author may edit a comment; an app editing a person's comment is a bug.
      if (!comment.viaApp) return { status: 403, body: { message: "Resource not accessible by integration" }, unexpected: true };
      const body = commentBody(bodyOf(request));
      if (typeof body !== "string") return body;
      comment.body = body;
      comment.updatedAt = isoNow();
      return { status: 200, body: commentShape(ctx, comment) };
    },
  },
  {
    template: "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions",
    handle: (request, ctx) => {
      if (!sameRepository(request.params, ctx)) return notFound(true);
      const commentId = Number(request.params.comment_id);
      if (!ctx.repository.comments.some((c) => c.id === commentId)) return notFound();
      const content = String(bodyOf(request).content);
      if (!REACTIONS.includes(content)) return validationFailed("content", "invalid");
      const user = botLogin(ctx);
      const existing = ctx.repository.reactions.find((r) => r.commentId === commentId && r.content === content && r.user === user);
      if (existing) return { status: 200, body: reactionShape(ctx, existing) };
      const reaction = { id: ctx.repository.nextId(), commentId, content, user };
      ctx.repository.reactions.push(reaction);
      return { status: 201, body: reactionShape(ctx, reaction) };
    },
  },
  {
    template: "POST /repos/{owner}/{repo}/check-runs",
    handle: (request, ctx) => {
      if (!sameRepository(request.params, ctx)) return notFound(true);
      const body = bodyOf(request);
      if (typeof body.name !== "string" || body.name === "") return validationFailed("name");
      if (typeof body.head_sha !== "string" || !/^[0-9a-f]{40}$/.test(body.head_sha)) return validationFailed("head_sha", "invalid");
      const run: CheckRunState = {
        id: ctx.repository.nextId(), name: body.name, headSha: body.head_sha, status: "queued", conclusion: null,
        startedAt: isoNow(), completedAt: null, detailsUrl: null, externalId: null,
        output: { title: null, summary: null, text: null }, annotations: [], history: [],
      };
      const invalid = applyCheckRun(run, body);
      if (invalid) return invalid;
      ctx.repository.checkRuns.push(run);
      return { status: 201, body: checkRunShape(ctx, run) };
    },
  },
  {
    template: "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}",
    handle: (request, ctx) => {
      if (!sameRepository(request.params, ctx)) return notFound(true);
      const run = ctx.repository.checkRuns.find((r) => r.id === Number(request.params.check_run_id));
      if (!run) return notFound();
      return applyCheckRun(run, bodyOf(request)) ?? { status: 200, body: checkRunShape(ctx, run) };
    },
  },
  {
    template: "GET /repos/{owner}/{repo}/collaborators/{username}/permission",
    handle: (request, ctx) => {
      if (!sameRepository(request.params, ctx)) return notFound(true);
      const login = request.params.username ?? "";
      const role = ctx.repository.role(login);
      const user = userShape(ctx, login);
      const permissions = {
        admin: role === "admin",
        maintain: ["admin", "maintain"].includes(role),
        push: ["admin", "maintain", "write"].includes(role),
        triage: ["admin", "maintain", "write", "triage"].includes(role),
        pull: role !== "none",
      };
      return {
        status: 200,
        body: {
          permission: LEGACY_PERMISSION[role],
          role_name: role,
          user: { ...user, permissions, role_name: role },
        },
      };
    },
  },
];

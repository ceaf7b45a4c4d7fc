// GitHub's REST API for the app's Probot tests, mocked with nock: each route a scenario expects is
// declared once (or `times` times) and must be used; every request is logged (the installation
// token excepted) so tests can count them; comments are kept so sticky upserts find their own.
import nock from "nock";
import { reviewJson } from "../../src/github/testing.js";
import { testRepositoryId } from "../support/webhooks-examples.js";

export const API = "https://api.github.com";
export const OWNER = "oslokommune";
export const REPO = "booking";
export const BOT_LOGIN = "okctl[bot]";
const R = `/repos/${OWNER}/${REPO}`;

type Json = Record<string, unknown>;

export interface StoredComment {
  id: number;
  issue: number;
  body: string;
  user: { login: string; type: "Bot" | "User" };
}

/** What one mocked route received, in order. */
export interface Capture {
  bodies: Json[];
}

export class GitHubMock {
  /** "METHOD /path" of every request, the installation token excepted. */
  readonly requests: string[] = [];
  /** Requests no mock matched (each one fails the job that made it). */
  readonly unmatched: string[] = [];
  readonly comments: StoredComment[] = [];
  private readonly scopes: nock.Scope[] = [];
  private nextId = 1000;
  private readonly onNoMatch = (req: { method?: string; path?: string; host?: string; hostname?: string }) => {
    // Requests to moto on loopback pass through unmocked; only GitHub's count.
    const host = req.hostname ?? req.host ?? "";
    if (host.includes("github")) this.unmatched.push(`${req.method} ${req.path}`);
  };

  constructor() {
    nock(API)
      .persist()
      .post(/^\/app\/installations\/\d+\/access_tokens$/)
      .reply(201, { token: "ghs_test", expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: {}, repository_selection: "all" });
    nock.emitter.on("no match", this.onNoMatch);
  }

  private scope(): nock.Scope {
    const scope = nock(API);
    scope.on("request", (req: { method: string; path: string }) => this.requests.push(`${req.method} ${req.path.split("?")[0]}`));
    this.scopes.push(scope);
    return scope;
  }

  private capture(): Capture {
    return { bodies: [] };
  }

  /** Every declared route was used, and nothing unexpected was asked. */
  verify(): void {
    if (this.unmatched.length > 0) throw new Error(`unmatched GitHub requests:\n${this.unmatched.join("\n")}`);
    for (const scope of this.scopes) scope.done();
  }

  close(): void {
    nock.emitter.removeListener("no match", this.onNoMatch);
    nock.cleanAll();
  }

  commentsOn(issue: number): StoredComment[] {
    return this.comments.filter((comment) => comment.issue === issue);
  }

  /** A comment already on the pull request (ours when user is the bot). */
  seedComment(issue: number, body: string, user: StoredComment["user"] = { login: BOT_LOGIN, type: "Bot" }): StoredComment {
    const comment = { id: this.nextId++, issue, body, user };
    this.comments.push(comment);
    return comment;
  }

  pullFiles(pull: number, files: Array<{ filename: string; status: string }>): void {
    this.scope().get(`${R}/pulls/${pull}/files`).query({ per_page: 100 }).reply(200, files);
  }

  file(path: string, ref: string, content: string): void {
    this.scope().get(`${R}/contents/${path}`).query({ ref }).reply(200, content, { "content-type": "application/vnd.github.raw" });
  }

  listComments(issue: number): void {
    this.scope()
      .get(`${R}/issues/${issue}/comments`)
      .query({ per_page: 100 })
      .reply(200, () => this.commentsOn(issue).map((comment) => ({ ...comment })));
  }

  createComment(issue: number): Capture {
    const capture = this.capture();
    this.scope()
      .post(`${R}/issues/${issue}/comments`)
      .reply(201, (_uri, body) => {
        capture.bodies.push(body as Json);
        return this.seedComment(issue, String((body as Json).body));
      });
    return capture;
  }

  updateComment(id: number): Capture {
    const capture = this.capture();
    this.scope()
      .patch(`${R}/issues/comments/${id}`)
      .reply(200, (_uri, body) => {
        capture.bodies.push(body as Json);
        const comment = this.comments.find((candidate) => candidate.id === id)!;
        comment.body = String((body as Json).body);
        return comment;
      });
    return capture;
  }

  /** The sticky upsert of a comment that does not exist yet: list, then create. */
  newStickyComment(issue: number): Capture {
    this.listComments(issue);
    return this.createComment(issue);
  }

  /** A sticky upsert whose text changes: list, then edit ours with `marker` or create it. */
  stickyUpsert(issue: number, marker: string): Capture {
    const existing = this.commentsOn(issue).find((comment) => comment.user.type === "Bot" && comment.body.startsWith(`${marker}\n`));
    this.listComments(issue);
    return existing ? this.updateComment(existing.id) : this.createComment(issue);
  }

  createCheckRun(id: number): Capture {
    const capture = this.capture();
    this.scope()
      .post(`${R}/check-runs`)
      .reply(201, (_uri, body) => {
        capture.bodies.push(body as Json);
        return { id };
      });
    return capture;
  }

  /** The check runs on a commit, as a job's later run looks for the one its earlier run posted (none by default). */
  listCheckRuns(sha: string, runs: Json[] = []): void {
    this.scope()
      .get(`${R}/commits/${sha}/check-runs`)
      .query(true)
      .reply(200, { total_count: runs.length, check_runs: runs });
  }

  updateCheckRun(id: number, times = 1): Capture {
    const capture = this.capture();
    this.scope()
      .patch(`${R}/check-runs/${id}`)
      .times(times)
      .reply(200, (_uri, body) => {
        capture.bodies.push(body as Json);
        return { id };
      });
    return capture;
  }

  pullsOfCommit(sha: string, pulls: Json[]): void {
    this.scope().get(`${R}/commits/${sha}/pulls`).reply(200, pulls);
  }

  pull(number: number, data: Json): void {
    this.scope().get(`${R}/pulls/${number}`).reply(200, data);
  }

  /** A pull request's reviews, oldest first, as GitHub lists them (one page). */
  reviews(pull: number, reviews: Array<{ reviewer: string | null; state: string; commitId: string | null }>): void {
    const list = reviews.map((review, index) => reviewJson({ id: 80_000 + pull * 100 + index, owner: OWNER, repo: REPO, pullNumber: pull, ...review }));
    this.scope().get(`${R}/pulls/${pull}/reviews`).query({ per_page: 100 }).reply(200, list);
  }

  permission(username: string, permission: string): void {
    this.scope().get(`${R}/collaborators/${username}/permission`).reply(200, { permission, role_name: permission, user: { login: username } });
  }

  // Drift rounds: the app's installations, the installation's repositories, the default branch
  // and its tree; drift issues (kept here, like comments, so edits can be checked).
  readonly issues = new Map<number, { number: number; title: string; body: string; labels: string[]; state: "open" | "closed"; user: { login: string; type: string } }>();

  installations(ids: number[] = [1]): void {
    this.scope().get("/app/installations").query(true).reply(200, ids.map((id) => ({ id, suspended_at: null, account: { login: OWNER } })));
  }

  installationRepositories(defaultBranch = "main"): void {
    this.scope()
      .get("/installation/repositories")
      .query(true)
      .reply(200, {
        total_count: 2,
        repositories: [
          { id: testRepositoryId(`${OWNER}/${REPO}`), name: REPO, full_name: `${OWNER}/${REPO}`, owner: { login: OWNER }, default_branch: defaultBranch, html_url: `https://github.com/${OWNER}/${REPO}`, archived: false, disabled: false },
          // Not in the access configuration: never looked at.
          { id: testRepositoryId(`${OWNER}/website`), name: "website", full_name: `${OWNER}/website`, owner: { login: OWNER }, default_branch: "main", html_url: `https://github.com/${OWNER}/website`, archived: false, disabled: false },
        ],
      });
  }

  branch(name: string, sha: string): void {
    // Octokit sends the ref's slash encoded (heads%2Fmain); GitHub takes either.
    this.scope().get(new RegExp(`^${R}/git/ref/heads(/|%2F)${name}$`)).reply(200, { ref: `refs/heads/${name}`, object: { sha, type: "commit" } });
  }

  tree(sha: string, paths: string[]): void {
    this.scope()
      .get(`${R}/git/trees/${sha}`)
      .query({ recursive: "true" })
      .reply(200, { sha, truncated: false, tree: [{ path: "README.md", type: "blob" }, ...paths.map((path) => ({ path, type: "blob" }))] });
  }

  repository(defaultBranch = "main"): void {
    this.scope().get(R).reply(200, { id: testRepositoryId(`${OWNER}/${REPO}`), name: REPO, full_name: `${OWNER}/${REPO}`, owner: { login: OWNER }, default_branch: defaultBranch, html_url: `https://github.com/${OWNER}/${REPO}` });
  }

  listOpenIssues(label: string): void {
    this.scope()
      .get(`${R}/issues`)
      .query({ labels: label, state: "open", per_page: 100 })
      .reply(200, () => [...this.issues.values()].filter((issue) => issue.state === "open" && issue.labels.includes(label)).map((issue) => ({ ...issue, labels: issue.labels.map((name) => ({ name })) })));
  }

  createIssue(number: number): Capture {
    const capture = this.capture();
    this.scope()
      .post(`${R}/issues`)
      .reply(201, (_uri, body) => {
        const json = body as Json;
        capture.bodies.push(json);
        const issue = { number, title: String(json.title), body: String(json.body), labels: (json.labels as string[]) ?? [], state: "open" as const, user: { login: BOT_LOGIN, type: "Bot" } };
        this.issues.set(number, issue);
        return { ...issue, labels: issue.labels.map((name) => ({ name })) };
      });
    return capture;
  }

  updateIssue(number: number): Capture {
    const capture = this.capture();
    this.scope()
      .patch(`${R}/issues/${number}`)
      .reply(200, (_uri, body) => {
        const json = body as Json;
        capture.bodies.push(json);
        const issue = this.issues.get(number)!;
        if (typeof json.title === "string") issue.title = json.title;
        if (typeof json.body === "string") issue.body = json.body;
        if (json.state === "open" || json.state === "closed") issue.state = json.state;
        return { ...issue, labels: issue.labels.map((name) => ({ name })) };
      });
    return capture;
  }

  /** Editing issue `number` fails once with `status` (GitHub having a bad moment). */
  failIssueUpdate(number: number, status: number): void {
    this.scope().patch(`${R}/issues/${number}`).reply(status, { message: `stand-in failure ${status}` });
  }

  issue(number: number): void {
    this.scope()
      .get(`${R}/issues/${number}`)
      .reply(200, () => {
        const issue = this.issues.get(number)!;
        return { ...issue, labels: issue.labels.map((name) => ({ name })) };
      });
  }

  reaction(commentId: number): Capture {
    const capture = this.capture();
    this.scope()
      .post(`${R}/issues/comments/${commentId}/reactions`)
      .reply(201, (_uri, body) => {
        capture.bodies.push(body as Json);
        return { id: 1, content: (body as Json).content };
      });
    return capture;
  }
}

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createProbot, ProbotOctokit } from "probot";
import { generateTestPrivateKey } from "./app-process.js";
import { startGithubStandin, TOKEN_ROUTE, type GithubStandin } from "./github-standin.js";
import { issueCommentPayload } from "./webhooks.js";
import { branchHead, createIssue, declarationPathsAt, findOpenIssue, getIssue, listActiveInstallations, listInstallationRepositories, updateIssue } from "../../src/github/index.js";

const privateKey = generateTestPrivateKey();
const repo = { owner: "oslokommune", repo: "booking" };
const HEAD = "a".repeat(40);
const BASE = "b".repeat(40);

let standin: GithubStandin;
let octokit: InstanceType<typeof ProbotOctokit>;

beforeEach(async () => {
  standin = await startGithubStandin();
  // The client the app gets: Probot's Octokit, authenticated as the installation via the app's JWT
  // (without the throttling that spaces comment writes 3 s apart, to keep the test quick).
  octokit = new ProbotOctokit({
    baseUrl: standin.baseUrl,
    auth: { appId: standin.appId, privateKey, installationId: standin.installationId },
    throttle: { enabled: false },
  });
});
afterEach(async () => {
  await standin.close();
});

describe("the GitHub stand-in", () => {
  it("issues an installation token for the app's JWT, then serves a pull request", async () => {
    standin.repository.addPullRequest({ number: 5, headSha: HEAD, baseSha: BASE, labels: ["okctl/allow-destroy"] });
    const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: 5 });
    expect(data).toMatchObject({ number: 5, state: "open", head: { sha: HEAD }, base: { sha: BASE, ref: "main" } });
    expect(data.labels.map((l) => l.name)).toEqual(["okctl/allow-destroy"]);
    expect(standin.requests.map((r) => r.route)).toEqual([TOKEN_ROUTE, "GET /repos/{owner}/{repo}/pulls/{pull_number}"]);
    expect(standin.apiRequests()).toHaveLength(1);
    expect(standin.unexpected()).toEqual([]);
  });

  it("refuses a token request without a JWT, and API calls without an issued token", async () => {
    const noJwt = await fetch(`${standin.baseUrl}/app/installations/1/access_tokens`, { method: "POST", headers: { authorization: "bearer nope" } });
    const noToken = await fetch(`${standin.baseUrl}/repos/oslokommune/booking/pulls/1`, { headers: { authorization: "token ghs_made_up" } });
    expect([noJwt.status, noToken.status]).toEqual([401, 401]);
    expect(standin.unexpected()).toHaveLength(2);
  });

  it("answers unknown routes and other repositories with 404 and records them as unexpected", async () => {
    await expect(octokit.request("GET /repos/{owner}/{repo}/branches", repo)).rejects.toMatchObject({ status: 404 });
    await expect(octokit.rest.pulls.get({ owner: "someone", repo: "else", pull_number: 1 })).rejects.toMatchObject({ status: 404 });
    expect(standin.unexpected().map((r) => r.path)).toEqual(["/repos/oslokommune/booking/branches", "/repos/someone/else/pulls/1"]);
  });

  it("paginates pull request files with per_page, page and a Link header", async () => {
    const files = Array.from({ length: 7 }, (_, i) => `dir${i}/okctl.yaml`);
    standin.repository.addPullRequest({ number: 2, files });
    const first = await octokit.rest.pulls.listFiles({ ...repo, pull_number: 2, per_page: 3 });
    expect(first.data.map((f) => f.filename)).toEqual(files.slice(0, 3));
    expect(first.headers.link).toContain('rel="next"');
    const all = await octokit.paginate(octokit.rest.pulls.listFiles, { ...repo, pull_number: 2, per_page: 3 });
    expect(all.map((f) => f.filename)).toEqual(files);
    expect(standin.apiRequests().map((r) => r.query.page ?? "1")).toEqual(["1", "1", "2", "3"]);
  });

  it("derives a pull request's files from the files stored at its base and head", async () => {
    standin.repository.putFiles(BASE, { "okctl.yaml": "a: 1\n", "gone/okctl.yaml": "x\n", "README.md": "hi\n" });
    standin.repository.putFiles(HEAD, { "okctl.yaml": "a: 2\n", "new/okctl.yaml": "y\n", "gone/okctl.yaml": null }, { from: BASE });
    standin.repository.addPullRequest({ number: 3, headSha: HEAD, baseSha: BASE });
    const { data } = await octokit.rest.pulls.listFiles({ ...repo, pull_number: 3 });
    expect(data.map((f) => [f.filename, f.status])).toEqual([
      ["gone/okctl.yaml", "removed"],
      ["new/okctl.yaml", "added"],
      ["okctl.yaml", "modified"],
    ]);
    const compare = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${BASE}...${HEAD}` });
    expect(compare.data.files?.map((f) => f.filename)).toEqual(["gone/okctl.yaml", "new/okctl.yaml", "okctl.yaml"]);
  });

  it("serves contents at a ref as base64 JSON and as raw text, and 404 for a missing file", async () => {
    standin.repository.putFiles(HEAD, { "envs/dev/okctl.yaml": "kind: Cluster\n" });
    standin.repository.setBranch("main", HEAD);
    const json = await octokit.rest.repos.getContent({ ...repo, path: "envs/dev/okctl.yaml", ref: HEAD });
    const file = json.data as { type: string; content: string; encoding: string; path: string };
    expect(file).toMatchObject({ type: "file", encoding: "base64", path: "envs/dev/okctl.yaml" });
    expect(Buffer.from(file.content, "base64").toString()).toBe("kind: Cluster\n");
    const raw = await octokit.rest.repos.getContent({ ...repo, path: "envs/dev/okctl.yaml", mediaType: { format: "raw" } });
    expect(raw.data).toBe("kind: Cluster\n");
    await expect(octokit.rest.repos.getContent({ ...repo, path: "okctl.yaml", ref: HEAD })).rejects.toMatchObject({ status: 404 });
    expect(standin.unexpected()).toEqual([]);
  });

  it("keeps issue comments: the app's carry performed_via_github_app and can be edited", async () => {
    standin.repository.addPullRequest({ number: 4 });
    const human = standin.repository.addComment(4, "/okctl plan", "alice");
    const created = await octokit.rest.issues.createComment({ ...repo, issue_number: 4, body: "<!-- okctl:plan -->\nPlan" });
    expect(created.status).toBe(201);
    expect(created.data.performed_via_github_app?.slug).toBe("okctl");
    expect(created.data.user?.login).toBe("okctl[bot]");
    await octokit.rest.issues.updateComment({ ...repo, comment_id: created.data.id, body: "<!-- okctl:plan -->\nPlan 2" });
    const listed = await octokit.rest.issues.listComments({ ...repo, issue_number: 4 });
    expect(listed.data.map((c) => [c.id, c.body, c.performed_via_github_app?.id ?? null])).toEqual([
      [human.id, "/okctl plan", null],
      [created.data.id, "<!-- okctl:plan -->\nPlan 2", standin.appId],
    ]);
    expect(standin.appComments(4).map((c) => c.body)).toEqual(["<!-- okctl:plan -->\nPlan 2"]);
    await expect(octokit.rest.issues.updateComment({ ...repo, comment_id: human.id, body: "x" })).rejects.toMatchObject({ status: 403 });
    await expect(octokit.rest.issues.createComment({ ...repo, issue_number: 4, body: "x".repeat(65_537) })).rejects.toMatchObject({ status: 422 });
  });

  it("keeps check runs with their annotations and history", async () => {
    const created = await octokit.rest.checks.create({ ...repo, name: "okctl plan", head_sha: HEAD, status: "in_progress" });
    await octokit.rest.checks.update({
      ...repo,
      check_run_id: created.data.id,
      conclusion: "failure",
      output: {
        title: "1 error",
        summary: "okctl.yaml is invalid",
        annotations: [{ path: "okctl.yaml", start_line: 3, end_line: 3, annotation_level: "failure", message: "unknown key" }],
      },
    });
    const [run] = standin.checkRuns(HEAD);
    expect(run).toMatchObject({ name: "okctl plan", status: "completed", conclusion: "failure", output: { title: "1 error" } });
    expect(run?.annotations).toEqual([expect.objectContaining({ path: "okctl.yaml", start_line: 3 })]);
    expect(run?.history.map((h) => h.status ?? h.conclusion)).toEqual(["in_progress", "failure"]);
    await expect(octokit.rest.checks.create({ ...repo, name: "x", head_sha: "not-a-sha" })).rejects.toMatchObject({ status: 422 });
  });

  it("answers permissions, reactions, labels, commit pulls and open pulls", async () => {
    standin.repository.permissions.set("alice", "maintain");
    standin.repository.addPullRequest({ number: 1, labels: ["x"] });
    standin.repository.addPullRequest({ number: 2, headSha: HEAD, state: "closed", merged: true, mergeCommitSha: BASE });
    const alice = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: "alice" });
    const bob = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: "bob" });
    expect([alice.data.permission, alice.data.role_name, bob.data.permission]).toEqual(["write", "maintain", "read"]);
    const comment = standin.repository.addComment(1, "/okctl help", "alice");
    const reaction = await octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: comment.id, content: "eyes" });
    expect(reaction.status).toBe(201);
    expect(standin.repository.reactions).toEqual([expect.objectContaining({ commentId: comment.id, content: "eyes" })]);
    const labels = await octokit.rest.issues.listLabelsOnIssue({ ...repo, issue_number: 1 });
    expect(labels.data.map((l) => l.name)).toEqual(["x"]);
    const byMerge = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: BASE });
    expect(byMerge.data.map((p) => p.number)).toEqual([2]);
    const open = await octokit.rest.pulls.list({ ...repo, state: "open" });
    expect(open.data.map((p) => p.number)).toEqual([1]);
  });

  it("lists a pull request's reviews, oldest first, with reviewer, state and commit", async () => {
    standin.repository.addPullRequest({ number: 5, headSha: HEAD, baseSha: BASE });
    standin.repository.addReview(5, "alice", "APPROVED");
    standin.repository.addReview(5, "bob", "CHANGES_REQUESTED", BASE);
    const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { ...repo, pull_number: 5, per_page: 100 });
    expect(reviews.map((r) => [r.user?.login, r.state, r.commit_id])).toEqual([
      ["alice", "APPROVED", HEAD],
      ["bob", "CHANGES_REQUESTED", BASE],
    ]);
    expect(reviews[0]).toMatchObject({ pull_request_url: expect.stringMatching(/\/repos\/oslokommune\/booking\/pulls\/5$/), submitted_at: expect.any(String) });
    await expect(octokit.rest.pulls.listReviews({ ...repo, pull_number: 6 })).rejects.toMatchObject({ status: 404 });
  });

  it("serves what drift rounds read, through okctl's own GitHub functions: installations, repositories, a branch head, a tree", async () => {
    const appOctokit = new ProbotOctokit({ baseUrl: standin.baseUrl, auth: { appId: standin.appId, privateKey }, throttle: { enabled: false } });
    expect(await listActiveInstallations(appOctokit)).toEqual([standin.installationId]);
    // Only the app's JWT lists installations (an installation token is refused).
    const asInstallation = await fetch(`${standin.baseUrl}/app/installations`, { headers: { authorization: "token ghs_made_up" } });
    expect(asInstallation.status).toBe(401);
    standin.clearRequests();
    const listed = await listInstallationRepositories(octokit);
    const { data: repository } = await octokit.rest.repos.get(repo);
    expect(listed).toEqual([
      { owner: "oslokommune", repo: "booking", id: repository.id, fullName: "oslokommune/booking", defaultBranch: "main", htmlUrl: `${standin.url}/oslokommune/booking` },
    ]);
    expect(repository).toMatchObject({ full_name: "oslokommune/booking", default_branch: "main", html_url: `${standin.url}/oslokommune/booking`, archived: false });
    expect(await branchHead(octokit, { ...repo, branch: "main" })).toBeUndefined(); // an empty repository
    standin.repository.putFiles(HEAD, { "okctl.yaml": "a\n", "clusters/dev/okctl.yaml": "b\n", "clusters/dev/README.md": "c\n" });
    standin.repository.setBranch("main", HEAD);
    expect(await branchHead(octokit, { ...repo, branch: "main" })).toBe(HEAD);
    expect(await declarationPathsAt(octokit, { ...repo, sha: HEAD })).toEqual({ paths: ["clusters/dev/okctl.yaml", "okctl.yaml"], truncated: false });
    const top = await octokit.rest.git.getTree({ ...repo, tree_sha: HEAD });
    expect(top.data.tree.map((entry) => [entry.path, entry.type])).toEqual([["clusters", "tree"], ["okctl.yaml", "blob"]]);
    await expect(octokit.rest.git.getTree({ ...repo, tree_sha: BASE })).rejects.toMatchObject({ status: 404 });
    expect(standin.unexpected()).toEqual([]);
  });

  it("keeps issues: created by the app, listed by label (pull requests too), edited, closed, commented", async () => {
    standin.repository.addPullRequest({ number: 1, labels: ["okctl/drift"] });
    const marker = "<!-- okctl:drift path=okctl.yaml -->";
    const created = await createIssue(octokit, { ...repo, title: "okctl: drift in booking-dev (okctl.yaml)", body: `${marker}\nDrift`, labels: ["okctl/drift"] });
    expect(created).toEqual({ number: 2, state: "open" }); // numbered after the pull request
    expect(await findOpenIssue(octokit, { ...repo, label: "okctl/drift", marker, botLogin: "okctl[bot]" })).toEqual({ number: 2, state: "open" });
    expect(await findOpenIssue(octokit, { ...repo, label: "okctl/drift", marker, botLogin: "someone-else[bot]" })).toBeUndefined();
    const listed = await octokit.rest.issues.listForRepo({ ...repo, labels: "okctl/drift" });
    expect(listed.data.map((i) => [i.number, i.pull_request === undefined])).toEqual([[2, true], [1, false]]);
    expect(await getIssue(octokit, { ...repo, issueNumber: 2 })).toEqual({
      number: 2, body: `${marker}\nDrift`, labels: ["okctl/drift"], author: { login: "okctl[bot]", type: "Bot" }, isPullRequest: false,
    });
    expect(await updateIssue(octokit, { ...repo, issueNumber: 2, body: `${marker}\nMore drift`, state: "open" })).toEqual({ number: 2, state: "open" });
    await octokit.rest.issues.createComment({ ...repo, issue_number: 2, body: "No drift any more" });
    expect(await updateIssue(octokit, { ...repo, issueNumber: 2, state: "closed" })).toEqual({ number: 2, state: "closed" });
    expect(standin.repository.issues.get(2)).toMatchObject({ state: "closed", stateReason: "completed", body: `${marker}\nMore drift`, closedAt: expect.any(String) });
    expect(standin.appComments(2).map((c) => c.body)).toEqual(["No drift any more"]);
    expect((await octokit.rest.issues.listForRepo({ ...repo, labels: "okctl/drift" })).data.map((i) => i.number)).toEqual([1]);
    expect(await updateIssue(octokit, { ...repo, issueNumber: 9, state: "closed" })).toBeUndefined();
    // Bodies are checked as GitHub does.
    await expect(octokit.rest.issues.create({ ...repo, title: "" })).rejects.toMatchObject({ status: 422 });
    await expect(octokit.rest.issues.update({ ...repo, issue_number: 2, state: "shut" as "closed" })).rejects.toMatchObject({ status: 422 });
    await expect(octokit.rest.issues.create({ ...repo, title: "x", body: "y".repeat(65_537) })).rejects.toMatchObject({ status: 422 });
    // A request GitHub's REST API description does not allow is one the app must never make.
    expect(standin.unexpected().map((r) => r.reason)).toEqual([expect.stringContaining('body/state must be equal to one of the allowed values (one of ["open","closed"])')]);
  });

  it("can be told to fail a route, to exercise error handling", async () => {
    standin.repository.addPullRequest({ number: 1 });
    standin.failNext("GET /repos/{owner}/{repo}/pulls/{pull_number}", 502, undefined, 1);
    // Probot's Octokit retries server errors, so the second attempt succeeds.
    const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: 1, request: { retries: 1, retryAfter: 0 } });
    expect(data.number).toBe(1);
    expect(standin.apiRequests().map((r) => r.status)).toEqual([502, 200]);
  });

  it("can hold a route's answer, to exercise timeouts: until the client gives up, or until released", async () => {
    standin.repository.addPullRequest({ number: 1 });
    standin.hold("GET /repos/{owner}/{repo}/pulls/{pull_number}", 2);
    const get = (signal?: AbortSignal) => octokit.rest.pulls.get({ ...repo, pull_number: 1, request: { retries: 0, ...(signal ? { signal } : {}) } });
    await expect(get(AbortSignal.timeout(200))).rejects.toThrow(/aborted/);
    const [abandoned] = standin.apiRequests();
    const abandonedAfterMs = await standin.waitFor(() => abandoned?.held?.abandonedAfterMs, { timeoutMs: 2000, what: "the abandonment" });
    // The client's 200 ms also cover the installation token's request; the stand-in counts from the held request's arrival.
    expect(abandonedAfterMs).toBeGreaterThan(0);
    expect(abandonedAfterMs).toBeLessThan(1_000);
    expect(abandoned?.status).toBe(0);

    const second = get();
    await standin.waitFor(() => standin.apiRequests().length === 2, { what: "the second request" });
    standin.repository.updatePullRequest(1, { title: "Changed while held" });
    standin.release();
    expect((await second).data).toMatchObject({ number: 1, title: "Changed while held" });
    expect((await get()).status).toBe(200); // held twice only
    expect(standin.apiRequests().map((r) => [r.status, r.held])).toEqual([[0, { abandonedAfterMs }], [200, {}], [200, undefined]]);
    expect(standin.unexpected()).toEqual([]);
  });
});

describe("the GitHub stand-in behind Probot's GHE_HOST/GHE_PROTOCOL settings", () => {
  it("serves an event handler's context.octokit", async () => {
    const probot = createProbot({
      env: { APP_ID: String(standin.appId), PRIVATE_KEY: privateKey, WEBHOOK_SECRET: "s", LOG_LEVEL: "warn", ...standin.env() },
    });
    standin.repository.addPullRequest({ number: 1 });
    const comment = standin.repository.addComment(1, "/okctl help", "alice");
    await probot.load((app) => {
      app.on("issue_comment.created", async (context) => {
        await context.octokit.rest.reactions.createForIssueComment(context.repo({ comment_id: context.payload.comment.id, content: "eyes" }));
      });
    });
    await probot.receive({
      id: "delivery-1",
      name: "issue_comment",
      payload: issueCommentPayload({ body: "/okctl help", user: "alice", commentId: comment.id }),
    });
    expect(standin.repository.reactions).toEqual([expect.objectContaining({ commentId: comment.id, content: "eyes" })]);
    expect(standin.requests.map((r) => r.route)).toEqual([TOKEN_ROUTE, "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions"]);
    expect(standin.unexpected()).toEqual([]);
  });
});

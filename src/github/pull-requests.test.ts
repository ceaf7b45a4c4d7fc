import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { addReaction, getPullRequest, isFromFork, labelsOf, listOpenPullRequestsTouching, planCommit, pullRequestInfo } from "./pull-requests.js";
import { API, examplePayload, testOctokit } from "./testing.js";

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});

type PullRequest = Parameters<typeof pullRequestInfo>[0] & Record<string, unknown>;

/** The real `pull_request.opened` example's pull request, adapted. */
function examplePullRequest(overrides: Partial<PullRequest> = {}): PullRequest {
  const { pull_request: pr } = examplePayload<{ pull_request: PullRequest }>("pull_request", "opened");
  return { ...pr, ...overrides };
}

describe("pull requests", () => {
  it("reads the narrow view from the API, with labels and the commit to plan", async () => {
    const pr = examplePullRequest({ number: 12, mergeable: true, merge_commit_sha: "f00d", labels: [{ name: "okctl/allow-destroy" }] });
    const scope = nock(API).get("/repos/acme/shop/pulls/12").reply(200, pr);
    const info = await getPullRequest(testOctokit(), { owner: "acme", repo: "shop", pullNumber: 12 });
    scope.done();
    expect(info).toMatchObject({ number: 12, state: "open", merged: false, headSha: pr.head.sha, labels: ["okctl/allow-destroy"] });
    expect(planCommit(info)).toEqual({ sha: "f00d", kind: "test-merge" });
    expect(planCommit({ ...info, mergeable: null })).toEqual({ sha: pr.head.sha, kind: "head" });
    expect(isFromFork(info)).toBe(false);
    expect(isFromFork({ ...info, headRepoFullName: "mallory/shop" })).toBe(true);
  });

  it("reads labels from a payload", () => {
    expect(labelsOf(examplePayload<{ pull_request: PullRequest }>("pull_request", "labeled").pull_request).length).toBeGreaterThan(0);
    expect(labelsOf({ labels: [{ name: "a" }, "b"] })).toEqual(["a", "b"]);
  });

  it("acknowledges a comment with a reaction", async () => {
    const scope = nock(API).post("/repos/acme/shop/issues/comments/77/reactions", { content: "eyes" }).reply(201, { id: 1 });
    await addReaction(testOctokit(), { owner: "acme", repo: "shop", commentId: 77, content: "eyes" });
    scope.done();
  });

  it("finds the open pull requests that touch a declaration", async () => {
    const scope = nock(API)
      .get("/repos/acme/shop/pulls").query({ state: "open", base: "main", per_page: 100 })
      .reply(200, [examplePullRequest({ number: 1 }), examplePullRequest({ number: 2 })])
      .get("/repos/acme/shop/pulls/1/files").query({ per_page: 100 }).reply(200, [{ filename: "clusters/dev/okctl.yaml", status: "modified" }])
      .get("/repos/acme/shop/pulls/2/files").query({ per_page: 100 }).reply(200, [{ filename: "README.md", status: "modified" }]);
    const touching = await listOpenPullRequestsTouching(testOctokit(), { owner: "acme", repo: "shop", base: "main", paths: ["clusters/dev/okctl.yaml"] });
    expect(touching.map((pr) => pr.number)).toEqual([1]);
    scope.done();
  });
});

import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { listPullRequestReviews } from "./reviews.js";
import { API, reviewJson, testOctokit } from "./testing.js";

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});

const path = "/repos/acme/shop/pulls/7/reviews";

function review(id: number, reviewer: string | null, state: string, commitId: string | null) {
  return reviewJson({ id, owner: "acme", repo: "shop", pullNumber: 7, reviewer, state, commitId });
}

describe("listPullRequestReviews", () => {
  it("reads every page, oldest first, keeping reviewer, state and commit", async () => {
    const next = `<${API}${path}?per_page=100&page=2>; rel="next", <${API}${path}?per_page=100&page=2>; rel="last"`;
    const scope = nock(API)
      .get(path)
      .query({ per_page: 100 })
      .reply(200, [review(1, "alice", "APPROVED", "a".repeat(40))], { link: next })
      .get(path)
      .query({ per_page: 100, page: 2 })
      .reply(200, [review(2, null, "COMMENTED", null)]);
    const result = await listPullRequestReviews(testOctokit(), { owner: "acme", repo: "shop", pullNumber: 7 });
    scope.done();
    expect(result).toEqual({
      complete: true,
      reviews: [
        { id: 1, reviewer: "alice", state: "APPROVED", commitId: "a".repeat(40), submittedAt: "2026-11-30T10:00:00Z" },
        { id: 2, reviewer: undefined, state: "COMMENTED", commitId: null, submittedAt: "2026-11-30T10:00:00Z" },
      ],
    });
  });

  it("stops at the page bound and says the list is incomplete, without asking for the next page", async () => {
    const next = `<${API}${path}?per_page=100&page=2>; rel="next"`;
    const scope = nock(API).get(path).query({ per_page: 100 }).reply(200, [review(1, "alice", "APPROVED", "a".repeat(40))], { link: next });
    const result = await listPullRequestReviews(testOctokit(), { owner: "acme", repo: "shop", pullNumber: 7, maxPages: 1 });
    scope.done();
    expect(result.complete).toBe(false);
    expect(result.reviews).toHaveLength(1);
  });
});

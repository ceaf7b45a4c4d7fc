import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { changedDeclarationsForPush, changedDeclarationsInPush, type PushLike } from "./push-changes.js";
import { API, examplePayload, testOctokit } from "./testing.js";

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});

const repo = { owner: "acme", repo: "shop" };
const BEFORE = "1111111111111111111111111111111111111111";
const AFTER = "2222222222222222222222222222222222222222";

type Commit = { added: string[]; removed: string[]; modified: string[] };

/** The real push example (a push to master), adapted: an existing branch and our commits. */
function push(commits: Array<Partial<Commit>>, extra: Partial<PushLike> = {}): PushLike {
  const payload = examplePayload<PushLike & { commits: Array<Record<string, unknown>> }>("push");
  const template = payload.commits[0] ?? {};
  return {
    ...payload,
    before: BEFORE,
    after: AFTER,
    created: false,
    deleted: false,
    forced: false,
    commits: commits.map((commit) => ({ ...template, added: [], removed: [], modified: [], ...commit })),
    ...extra,
  };
}

describe("changedDeclarationsInPush", () => {
  it("nets the changes of each okctl.yaml over the commits", () => {
    const result = changedDeclarationsInPush(push([
      { added: ["new/okctl.yaml", "tmp/okctl.yaml", "README.md"], modified: ["okctl.yaml"] },
      { removed: ["old/okctl.yaml", "tmp/okctl.yaml"], modified: ["new/okctl.yaml"] },
      { removed: ["back/okctl.yaml"] },
      { added: ["back/okctl.yaml"] },
    ]));
    expect(result).toEqual({
      complete: true,
      declarations: [
        { path: "back/okctl.yaml", status: "modified" },
        { path: "new/okctl.yaml", status: "added" },
        { path: "okctl.yaml", status: "modified" },
        { path: "old/okctl.yaml", status: "removed" },
      ],
    });
  });

  it("finds nothing in a push that touches no okctl.yaml", () => {
    expect(changedDeclarationsInPush(push([{ modified: ["src/app.ts"] }]))).toEqual({ complete: true, declarations: [] });
  });

  it("says when the payload may be cut", () => {
    expect(changedDeclarationsInPush(push(Array.from({ length: 20 }, () => ({ modified: ["a.ts"] })))).complete).toBe(false);
    expect(changedDeclarationsInPush(push([{ modified: Array.from({ length: 3000 }, (_, index) => `f${index}`) }])).complete).toBe(false);
    expect(changedDeclarationsInPush(push([], { forced: true })).complete).toBe(false);
    expect(changedDeclarationsInPush(examplePayload<PushLike>("push")).complete).toBe(false);
  });
});

describe("changedDeclarationsForPush", () => {
  it("makes no request when the payload is complete", async () => {
    expect(await changedDeclarationsForPush(testOctokit(), repo, push([{ modified: ["src/app.ts"] }]))).toEqual([]);
  });

  it("asks the compare API when the payload may be cut", async () => {
    const scope = nock(API)
      .get(`/repos/acme/shop/compare/${BEFORE}...${AFTER}`).query({ per_page: 100 })
      .reply(200, { files: [{ filename: "clusters/dev/okctl.yaml", status: "modified" }, { filename: "a.ts", status: "added" }] });
    const payload = push(Array.from({ length: 20 }, () => ({ modified: ["a.ts"] })));
    expect(await changedDeclarationsForPush(testOctokit(), repo, payload)).toEqual([{ path: "clusters/dev/okctl.yaml", status: "modified" }]);
    scope.done();
  });

  it("compares the trees when the compare API may be cut too", async () => {
    const blob = (path: string, sha: string) => ({ path, sha, type: "blob", mode: "100644" });
    const scope = nock(API)
      .get(`/repos/acme/shop/compare/${BEFORE}...${AFTER}`).query({ per_page: 100 })
      .reply(200, { files: Array.from({ length: 300 }, (_, index) => ({ filename: `f${index}`, status: "added" })) })
      .get(`/repos/acme/shop/git/trees/${BEFORE}`).query({ recursive: "true" })
      .reply(200, { truncated: false, tree: [blob("okctl.yaml", "a1"), blob("gone/okctl.yaml", "b1"), blob("same/okctl.yaml", "c1")] })
      .get(`/repos/acme/shop/git/trees/${AFTER}`).query({ recursive: "true" })
      .reply(200, { truncated: false, tree: [blob("okctl.yaml", "a2"), blob("same/okctl.yaml", "c1"), blob("new/okctl.yaml", "d1"), { path: "dir/okctl.yaml", sha: "t", type: "tree" }] });
    const payload = push(Array.from({ length: 25 }, () => ({ modified: ["a.ts"] })));
    expect(await changedDeclarationsForPush(testOctokit(), repo, payload)).toEqual([
      { path: "gone/okctl.yaml", status: "removed" },
      { path: "new/okctl.yaml", status: "added" },
      { path: "okctl.yaml", status: "modified" },
    ]);
    scope.done();
  });
});

// The request budget of one pull request plan for one declaration: at most 6 GitHub requests.
import nock from "nock";
import { afterEach, beforeAll, expect, it } from "vitest";
import { planCommentMarker } from "../render/marker.js";
import { createCheckRun } from "./check-runs.js";
import { upsertComment } from "./comments.js";
import { listChangedDeclarations } from "./declarations-changed.js";
import { fetchFile } from "./files.js";
import { API, testOctokit } from "./testing.js";

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});

it("plans one declaration of a pull request in 5 requests", async () => {
  const octokit = testOctokit();
  let requests = 0;
  octokit.hook.before("request", () => {
    requests += 1;
  });
  const marker = planCommentMarker("okctl.yaml");
  const scope = nock(API)
    .get("/repos/acme/shop/pulls/3/files").query({ per_page: 100 }).reply(200, [{ filename: "okctl.yaml", status: "modified" }])
    .get("/repos/acme/shop/contents/okctl.yaml").query({ ref: "abc" }).reply(200, "kind: Cluster\n", { "content-type": "application/vnd.github.raw" })
    .get("/repos/acme/shop/issues/3/comments").query({ per_page: 100 }).reply(200, [])
    .post("/repos/acme/shop/issues/3/comments").reply(201, { id: 1 })
    .post("/repos/acme/shop/check-runs").reply(201, { id: 2 });
  const repo = { owner: "acme", repo: "shop" };
  const [declaration] = await listChangedDeclarations(octokit, { ...repo, pullNumber: 3 });
  expect(declaration).toEqual({ path: "okctl.yaml", status: "modified" });
  expect(await fetchFile(octokit, { ...repo, path: "okctl.yaml", ref: "abc" })).toEqual({ content: new TextEncoder().encode("kind: Cluster\n") });
  await upsertComment(octokit, { ...repo, issueNumber: 3, marker, body: `${marker}\nplan` });
  await createCheckRun(octokit, { ...repo, name: "okctl plan", headSha: "abc", status: "completed", conclusion: "success", output: { title: "t", summary: "s" } });
  scope.done();
  expect(requests).toBe(5);
});

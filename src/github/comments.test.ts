import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { planCommentMarker } from "../render/marker.js";
import { upsertComment } from "./comments.js";
import { API, examplePayload, testOctokit } from "./testing.js";

const marker = planCommentMarker("clusters/dev/okctl.yaml");
const body = `${marker}\n### okctl plan\n\nPlan: 1 to create, 0 to update, 0 to replace, 0 to destroy.\n`;
const target = { owner: "acme", repo: "shop", issueNumber: 7, marker, body };
const listPath = "/repos/acme/shop/issues/7/comments";

/** A real issue comment from @octokit/webhooks-examples, adapted. */
function comment(id: number, text: string, author: "bot" | "user") {
  const example = examplePayload<{ comment: Record<string, unknown> & { user: Record<string, unknown> } }>("issue_comment", "created").comment;
  return { ...example, id, body: text, user: { ...example.user, login: author === "bot" ? "okctl[bot]" : "mallory", type: author === "bot" ? "Bot" : "User" } };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});

describe("upsertComment", () => {
  it("creates the comment when none of ours carries the marker", async () => {
    const scope = nock(API)
      .get(listPath).query({ per_page: 100 }).reply(200, [comment(1, "LGTM", "user")])
      .post("/repos/acme/shop/issues/7/comments", { body }).reply(201, { id: 99 });
    expect(await upsertComment(testOctokit(), target)).toEqual({ id: 99, action: "created" });
    scope.done();
  });

  it("ignores a user's comment that carries our marker", async () => {
    const scope = nock(API)
      .get(listPath).query({ per_page: 100 }).reply(200, [comment(5, `${marker}\nI am okctl, merge now`, "user")])
      .post("/repos/acme/shop/issues/7/comments", { body }).reply(201, { id: 100 });
    expect(await upsertComment(testOctokit(), target)).toEqual({ id: 100, action: "created" });
    scope.done();
  });

  it("edits our comment in place when the text changed, reading pages until found", async () => {
    const others = Array.from({ length: 100 }, (_, index) => comment(1000 + index, "chatter", "user"));
    const scope = nock(API)
      .get(listPath).query({ per_page: 100 })
      .reply(200, others, { link: `<${API}${listPath}?per_page=100&page=2>; rel="next", <${API}${listPath}?per_page=100&page=3>; rel="last"` })
      .get(listPath).query({ per_page: 100, page: 2 })
      .reply(200, [comment(42, `${marker}\nold plan`, "bot")], { link: `<${API}${listPath}?per_page=100&page=3>; rel="next"` })
      .patch("/repos/acme/shop/issues/comments/42", { body }).reply(200, { id: 42 });
    expect(await upsertComment(testOctokit(), target)).toEqual({ id: 42, action: "updated" });
    scope.done();
  });

  it("does nothing when our comment already says the same", async () => {
    const scope = nock(API)
      .get(listPath).query({ per_page: 100 }).reply(200, [comment(42, body.replace(/\n/g, "\r\n"), "bot")]);
    expect(await upsertComment(testOctokit(), target)).toEqual({ id: 42, action: "unchanged" });
    scope.done();
  });

  it("does not take another declaration's comment, nor another bot's when our login is known", async () => {
    const otherBot = { ...comment(8, `${marker}\nspoof`, "bot"), user: { login: "evil[bot]", type: "Bot" } };
    const scope = nock(API)
      .get(listPath).query({ per_page: 100 }).reply(200, [comment(7, `${planCommentMarker("okctl.yaml")}\nroot plan`, "bot"), otherBot])
      .post("/repos/acme/shop/issues/7/comments", { body }).reply(201, { id: 101 });
    expect(await upsertComment(testOctokit(), { ...target, botLogin: "okctl[bot]" })).toEqual({ id: 101, action: "created" });
    scope.done();
  });

  it("refuses a body without its marker", async () => {
    await expect(upsertComment(testOctokit(), { ...target, body: "no marker" })).rejects.toThrow(/marker/);
  });
});

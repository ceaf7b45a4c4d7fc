import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lookUpRepositoryId, MAX_LOOKUP_ANSWER_BYTES, parseRepositoryId } from "./repository-id.js";
import { UsageError } from "./types.js";

beforeEach(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe("the repository id for okctl plan|apply", () => {
  it("takes --repository-id as a positive number", () => {
    expect(parseRepositoryId("123456")).toBe(123456);
    expect(parseRepositoryId(undefined)).toBeUndefined();
    for (const bad of ["0", "-1", "12a", "1.5", ""]) expect(() => parseRepositoryId(bad), bad).toThrow(UsageError);
  });

  it("asks GitHub for it, with GITHUB_TOKEN when set", async () => {
    const scope = nock("https://api.github.com", { reqheaders: { authorization: "Bearer ghp_test" } })
      .get("/repos/oslokommune/booking")
      .reply(200, { id: 186853002, full_name: "oslokommune/booking" });
    expect(await lookUpRepositoryId("oslokommune/booking", { GITHUB_TOKEN: "ghp_test" })).toEqual({ ok: true, id: 186853002 });
    scope.done();
  });

  it("says what to do when GitHub does not know the repository or cannot be reached", async () => {
    nock("https://api.github.com").get("/repos/oslokommune/secret").reply(404, { message: "Not Found" });
    const missing = await lookUpRepositoryId("oslokommune/secret", {});
    expect(missing).toMatchObject({ ok: false, message: expect.stringContaining("not found (or private: set GITHUB_TOKEN)") });
    expect(!missing.ok && missing.message).toContain("pass --repository-id");

    nock("https://api.github.com").get("/repos/oslokommune/booking").replyWithError("connect ECONNREFUSED");
    const unreachable = await lookUpRepositoryId("oslokommune/booking", {});
    expect(unreachable).toMatchObject({ ok: false, message: expect.stringContaining("could not reach GitHub") });

    nock("https://api.github.com").get("/repos/oslokommune/booking").reply(200, { id: "not a number" });
    expect(await lookUpRepositoryId("oslokommune/booking", {})).toMatchObject({ ok: false, message: expect.stringContaining("has no repository id") });
  });

  it("reads GitHub's answer only up to a bound, and takes a malformed one as no id", async () => {
    const huge = JSON.stringify({ id: 186853002, padding: "x".repeat(MAX_LOOKUP_ANSWER_BYTES) });
    nock("https://api.github.com").get("/repos/oslokommune/booking").reply(200, huge);
    const tooLarge = await lookUpRepositoryId("oslokommune/booking", {});
    expect(tooLarge).toMatchObject({ ok: false, message: expect.stringContaining(`larger than ${MAX_LOOKUP_ANSWER_BYTES} bytes`) });
    expect(!tooLarge.ok && tooLarge.message).toContain("pass --repository-id");

    nock("https://api.github.com").get("/repos/oslokommune/booking").reply(200, "{not json");
    expect(await lookUpRepositoryId("oslokommune/booking", {})).toMatchObject({ ok: false, message: expect.stringContaining("has no repository id") });
  });
});

import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getCommenterPermission, hasWritePermission, permissionFrom } from "./permissions.js";
import { API, testOctokit } from "./testing.js";

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});

describe("permissionFrom", () => {
  it("prefers role_name, which keeps maintain and triage", () => {
    expect(permissionFrom({ permission: "write", role_name: "maintain" })).toBe("maintain");
    expect(permissionFrom({ permission: "read", role_name: "triage" })).toBe("triage");
    expect(permissionFrom({ permission: "write", role_name: "release-managers" })).toBe("write");
    expect(permissionFrom({ permission: "admin" })).toBe("admin");
    expect(permissionFrom({ permission: "something-new" })).toBe("none");
  });
});

describe("hasWritePermission", () => {
  it("is write, maintain or admin", () => {
    expect((["admin", "maintain", "write", "triage", "read", "none"] as const).filter(hasWritePermission)).toEqual(["admin", "maintain", "write"]);
  });
});

describe("getCommenterPermission", () => {
  const path = "/repos/acme/shop/collaborators/octocat/permission";

  it.each([
    [{ permission: "write", role_name: "maintain" }, "maintain"],
    [{ permission: "read", role_name: "triage" }, "triage"],
    [{ permission: "none", role_name: "none" }, "none"],
  ])("maps %o to %s", async (data, expected) => {
    const scope = nock(API).get(path).reply(200, { ...data, user: { login: "octocat" } });
    expect(await getCommenterPermission(testOctokit(), { owner: "acme", repo: "shop", username: "octocat" })).toBe(expected);
    scope.done();
  });

  it("is none for an unknown user", async () => {
    const scope = nock(API).get(path).reply(404, { message: "Not Found" });
    expect(await getCommenterPermission(testOctokit(), { owner: "acme", repo: "shop", username: "octocat" })).toBe("none");
    scope.done();
  });
});

import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { declarationChanges, isDeclarationPath, listChangedDeclarations } from "./declarations-changed.js";
import { API, testOctokit } from "./testing.js";

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});

const filesPath = "/repos/acme/shop/pulls/12/files";

describe("isDeclarationPath", () => {
  it("takes okctl.yaml at the root or in any folder, and nothing else", () => {
    expect(["okctl.yaml", "clusters/dev/okctl.yaml"].every(isDeclarationPath)).toBe(true);
    expect(["okctl.yml", "not-okctl.yaml", "okctl.yaml/readme.md", "docs/okctl.yaml.md"].some(isDeclarationPath)).toBe(false);
  });
});

describe("declarationChanges", () => {
  it("splits a rename into a removal and an addition, copies are additions", () => {
    expect(declarationChanges([
      { filename: "b/okctl.yaml", status: "renamed", previous_filename: "a/okctl.yaml" },
      { filename: "c/okctl.yaml", status: "copied" },
      { filename: "d/notes.md", status: "renamed", previous_filename: "d/okctl.yaml" },
      { filename: "e/okctl.yaml", status: "changed" },
    ])).toEqual([
      { path: "a/okctl.yaml", status: "removed" },
      { path: "b/okctl.yaml", status: "added" },
      { path: "c/okctl.yaml", status: "added" },
      { path: "d/okctl.yaml", status: "removed" },
      { path: "e/okctl.yaml", status: "modified" },
    ]);
  });
});

describe("listChangedDeclarations", () => {
  it("reads every page of the pull request's files", async () => {
    const page1 = [
      { filename: "okctl.yaml", status: "modified" },
      ...Array.from({ length: 99 }, (_, index) => ({ filename: `src/file${index}.ts`, status: "modified" })),
    ];
    const page2 = [
      { filename: "clusters/prod/okctl.yaml", status: "added" },
      { filename: "clusters/old/okctl.yaml", status: "removed" },
      { filename: "README.md", status: "modified" },
    ];
    const scope = nock(API)
      .get(filesPath).query({ per_page: 100 }).reply(200, page1, { link: `<${API}${filesPath}?per_page=100&page=2>; rel="next"` })
      .get(filesPath).query({ per_page: 100, page: 2 }).reply(200, page2);
    expect(await listChangedDeclarations(testOctokit(), { owner: "acme", repo: "shop", pullNumber: 12 })).toEqual([
      { path: "clusters/old/okctl.yaml", status: "removed" },
      { path: "clusters/prod/okctl.yaml", status: "added" },
      { path: "okctl.yaml", status: "modified" },
    ]);
    scope.done();
  });
});

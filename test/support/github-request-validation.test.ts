import { describe, expect, it } from "vitest";
import { matchOperation, REST_DESCRIPTION_SOURCE, requestProblems, restOperation } from "./github-request-validation.js";
import { STANDIN_ROUTE_TEMPLATES } from "./github-standin.js";

const CHECK_RUNS = "POST /repos/{owner}/{repo}/check-runs";
const repo = { owner: "oslokommune", repo: "booking" };
const checkRun = { name: "okctl plan", head_sha: "a".repeat(40), status: "completed" as const, conclusion: "neutral" as const, output: { title: "Plan", summary: "No changes." } };

describe("requests checked against GitHub's REST API description", () => {
  it("has the operation of every route the stand-in serves, from the published description", () => {
    expect(REST_DESCRIPTION_SOURCE).toMatch(/^@octokit\/openapi@\d+\.\d+\.\d+ /);
    const missing = STANDIN_ROUTE_TEMPLATES.filter((template) => restOperation(template) === undefined);
    // A new stand-in route needs `node scripts/extract-github-operations.mjs` (see its header).
    expect(missing).toEqual([]);
    expect(STANDIN_ROUTE_TEMPLATES.length).toBeGreaterThan(20);
  });

  it("accepts a check run as okctl posts it", () => {
    expect(requestProblems({ template: CHECK_RUNS, params: repo, query: {}, body: checkRun })).toEqual([]);
  });

  it("refuses what GitHub refuses: an unknown conclusion, a summary over 65535 characters, a missing name, 51 annotations", () => {
    const annotation = { path: "okctl.yaml", start_line: 1, end_line: 1, annotation_level: "failure", message: "bad" };
    const problems = (body: unknown): string[] => requestProblems({ template: CHECK_RUNS, params: repo, query: {}, body });
    expect(problems({ ...checkRun, conclusion: "passed" })).toEqual([expect.stringMatching(/^body\/conclusion must be equal to one of the allowed values \(one of .*"neutral"/)]);
    expect(problems({ ...checkRun, output: { ...checkRun.output, summary: "x".repeat(65_536) } })).toEqual(["body/output/summary must NOT have more than 65535 characters"]);
    const { name: _name, ...unnamed } = checkRun;
    expect(problems(unnamed)).toEqual(["body must have required property 'name'"]);
    expect(problems({ ...checkRun, output: { ...checkRun.output, annotations: Array.from({ length: 51 }, () => annotation) } })).toEqual(["body/output/annotations must NOT have more than 50 items"]);
    expect(problems(undefined)).toEqual(["the request body is required"]);
  });

  it("checks query parameters by their types and refuses ones the operation does not have", () => {
    const files = "GET /repos/{owner}/{repo}/pulls/{pull_number}/files";
    const params = { ...repo, pull_number: "7" };
    expect(requestProblems({ template: files, params, query: { per_page: "100", page: "2" }, body: undefined })).toEqual([]);
    expect(requestProblems({ template: files, params, query: { per_page: "all" }, body: undefined })).toEqual(["query parameter per_page must be integer"]);
    expect(requestProblems({ template: files, params, query: { state: "open" }, body: undefined })).toEqual([`query parameter state is not one of ${files}'s`]);
    expect(requestProblems({ template: files, params: { ...repo, pull_number: "seven" }, query: {}, body: undefined })).toEqual(["path parameter pull_number must be integer"]);
  });

  it("names a route GitHub does not have", () => {
    expect(requestProblems({ template: "GET /repos/{owner}/{repo}/okctl", params: repo, query: {}, body: undefined })).toEqual([
      expect.stringContaining("is not an operation of GitHub's REST API description"),
    ]);
  });
});

describe("testOctokit", () => {
  it("fails a request GitHub would refuse before it is sent, and lets a valid one through", async () => {
    const { testOctokit } = await import("../../src/github/testing.js");
    const octokit = testOctokit();
    // No nock scope: a request that left would fail with a connection error instead.
    await expect(octokit.rest.checks.create({ ...repo, ...checkRun, conclusion: "passed" as "neutral" /* what GitHub refuses, on purpose */ })).rejects.toThrow(
      /^GitHub would refuse POST \/repos\/\{owner\}\/\{repo\}\/check-runs: body\/conclusion must be equal to one of the allowed values/,
    );
    await expect(octokit.rest.issues.updateComment({ ...repo, comment_id: 5, body: "x".repeat(10) })).rejects.not.toThrow(/GitHub would refuse/);
  });

  it("matches a concrete path to its operation, literal segments first", () => {
    expect(matchOperation("PATCH", "/repos/o/r/issues/comments/5")).toEqual({ template: "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", params: { owner: "o", repo: "r", comment_id: "5" } });
    expect(matchOperation("GET", "/repos/o/r/contents/a/b/okctl.yaml")).toEqual({ template: "GET /repos/{owner}/{repo}/contents/{+path}", params: { owner: "o", repo: "r", path: "a/b/okctl.yaml" } });
    expect(matchOperation("DELETE", "/repos/o/r")).toBeUndefined();
  });
});

import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../declaration/types.js";
import { diagnosticsToAnnotations } from "../render/annotations.js";
import { createCheckRun, updateCheckRun } from "./check-runs.js";
import { API, testOctokit } from "./testing.js";

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});

const output = { title: "okctl.yaml is not valid (120 problems)", summary: "Fix them." };
const diagnostics: Diagnostic[] = Array.from({ length: 120 }, (_, index) => ({ file: "okctl.yaml", line: index + 1, column: 1, path: "/vpc", message: `problem ${index}` }));
// okctl reports at most 50 problems; the check-run client still sends any number in chunks.
const annotations = [0, 50, 100].flatMap((start) => diagnosticsToAnnotations("clusters/dev/okctl.yaml", diagnostics.slice(start, start + 50)));

describe("createCheckRun", () => {
  it("sends more than 50 annotations in chunks: the create, then updates", async () => {
    const sent: Array<{ method: string; count: number; body: Record<string, unknown> }> = [];
    const record = (method: string) => (_uri: string, body: nock.Body) => {
      const json = body as { output: { annotations?: unknown[] } };
      sent.push({ method, count: json.output.annotations?.length ?? 0, body: json as Record<string, unknown> });
      return { id: 555 };
    };
    const scope = nock(API)
      .post("/repos/acme/shop/check-runs").reply(201, record("create"))
      .patch("/repos/acme/shop/check-runs/555").times(2).reply(200, record("update"));
    const id = await createCheckRun(testOctokit(), {
      owner: "acme", repo: "shop", name: "okctl plan", headSha: "abc123", status: "completed", conclusion: "failure", output, annotations,
    });
    expect(id).toBe(555);
    scope.done();
    expect(sent.map(({ method, count }) => [method, count])).toEqual([["create", 50], ["update", 50], ["update", 20]]);
    expect(sent[0]?.body).toMatchObject({ name: "okctl plan", head_sha: "abc123", status: "completed", conclusion: "failure", output: { title: output.title } });
    expect(sent[1]?.body).toEqual({ output: { ...output, annotations: annotations.slice(50, 100) } });
    expect(sent[2]?.body).toEqual({ output: { ...output, annotations: annotations.slice(100) } });
  });

  it("makes one request without annotations", async () => {
    const scope = nock(API)
      .post("/repos/acme/shop/check-runs", { name: "okctl apply", head_sha: "def456", status: "in_progress" }).reply(201, { id: 9 });
    expect(await createCheckRun(testOctokit(), { owner: "acme", repo: "shop", name: "okctl apply", headSha: "def456", status: "in_progress" })).toBe(9);
    scope.done();
  });
});

describe("updateCheckRun", () => {
  it("completes a run with its conclusion and output", async () => {
    const scope = nock(API)
      .patch("/repos/acme/shop/check-runs/9", { status: "completed", conclusion: "success", output: { title: "Applied", summary: "done", text: "steps" } })
      .reply(200, { id: 9 });
    await updateCheckRun(testOctokit(), { owner: "acme", repo: "shop", checkRunId: 9, status: "completed", conclusion: "success", output: { title: "Applied", summary: "done", text: "steps" } });
    scope.done();
  });

  it("refuses annotations without an output", async () => {
    await expect(updateCheckRun(testOctokit(), { owner: "acme", repo: "shop", checkRunId: 9, annotations })).rejects.toThrow(/need an output/);
  });
});

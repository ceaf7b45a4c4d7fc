// Bounded spending: what a pull request can make okctl do is capped — problems reported (first
// 50, with the total, in one check-run request), declarations planned per pull request (10, the
// rest named in one comment), and our comments listed once per job, not once per declaration.
import { beforeEach, describe, expect, it } from "vitest";
import { useMoto } from "../support/aws.js";
import { pullRequestPayload } from "../support/webhooks.js";
import { HEAD, pullJson } from "./fixtures.js";
import { useApp, type AppHarness } from "./harness.js";

useMoto();
const currentApp = useApp();
let app: AppHarness;
beforeEach(() => {
  app = currentApp();
});

/** A file with `count` unknown top-level keys: that many problems at least. */
function manyProblems(count: number): string {
  return Array.from({ length: count }, (_, index) => `unknown${index}: 1`).join("\n") + "\n";
}

describe("a pull request that costs a lot to report", () => {
  it("reports the first 50 of 1200 problems with the total, in one check-run request", async () => {
    app.github.pull(1, pullJson({ number: 1, headSha: HEAD(1) }));
    app.github.pullFiles(1, [{ filename: "okctl.yaml", status: "modified" }]);
    app.github.file("okctl.yaml", HEAD(1), manyProblems(1200));
    const comment = app.github.newStickyComment(1);
    const check = app.github.createCheckRun(11);
    await app.receive("pull_request", pullRequestPayload({ number: 1, headSha: HEAD(1) }));
    await app.runJobs();

    app.github.verify();
    expect(app.github.requests.filter((request) => request.includes("check-runs"))).toEqual(["POST /repos/oslokommune/booking/check-runs"]);
    const output = check.bodies[0]?.output as { title: string; summary: string; annotations: unknown[] };
    expect(output.annotations).toHaveLength(50);
    expect(output.title).toMatch(/^okctl\.yaml is not valid \(12\d\d problems\)$/);
    expect(output.summary).toMatch(/… and 1\d\d\d more, not shown/);
    expect(JSON.stringify(check.bodies[0]).length).toBeLessThan(40_000);
    const body = String(comment.bodies[0]?.body);
    expect(body).toMatch(/… and 1\d\d\d more, not shown/);
  });

  it("plans 10 declarations of 12, lists our comments once, and names the other two in one comment", async () => {
    const paths = Array.from({ length: 12 }, (_, index) => `clusters/c${String(index).padStart(2, "0")}/okctl.yaml`);
    app.github.pull(1, pullJson({ number: 1, headSha: HEAD(1) }));
    app.github.pullFiles(1, paths.map((filename) => ({ filename, status: "added" })));
    for (const path of paths.slice(0, 10)) {
      app.github.file(encodeURIComponent(path), HEAD(1), "not: [valid\n");
      app.github.createComment(1);
      app.github.createCheckRun(100);
    }
    app.github.listComments(1);
    const capped = app.github.createComment(1);
    await app.receive("pull_request", pullRequestPayload({ number: 1, headSha: HEAD(1) }));
    const [job] = await app.runJobs();

    app.github.verify();
    expect(app.github.requests.filter((request) => request === "GET /repos/oslokommune/booking/issues/1/comments")).toHaveLength(1);
    expect(app.github.requests.filter((request) => request.includes("/contents/"))).toHaveLength(10);
    const body = String(capped.bodies[0]?.body);
    expect(body).toContain("okctl planned 10 of the 12 declarations");
    expect(body).toContain("`clusters/c10/okctl.yaml`");
    expect(body).toContain("`clusters/c11/okctl.yaml`");
    expect(job?.result).toMatchObject({ skipped: ["clusters/c10/okctl.yaml", "clusters/c11/okctl.yaml"] });
  });
});

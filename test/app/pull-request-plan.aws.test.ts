// A pull request that changes okctl.yaml: planned against moto, published as one sticky comment
// and an `okctl plan` check run; invalid files get annotations; a second push edits the comment.
import { beforeEach, describe, expect, it } from "vitest";
import { useMoto } from "../support/aws.js";
import { pullRequestPayload } from "../support/webhooks.js";
import { EXAMPLE, HEAD, lineOf, pullJson, withLogLevel } from "./fixtures.js";
import { useApp, type AppHarness } from "./harness.js";

useMoto();
const currentApp = useApp();
let app: AppHarness;
beforeEach(() => {
  app = currentApp();
});

const PLAN_REQUESTS = [
  "GET /repos/oslokommune/booking/pulls/1",
  "GET /repos/oslokommune/booking/pulls/1/files",
  "GET /repos/oslokommune/booking/contents/okctl.yaml",
  "GET /repos/oslokommune/booking/issues/1/comments",
  "POST /repos/oslokommune/booking/issues/1/comments",
  "POST /repos/oslokommune/booking/check-runs",
];

function expectPlan(pull: number, head: string, content: string) {
  app.github.pull(pull, pullJson({ number: pull, headSha: head }));
  app.github.pullFiles(pull, [{ filename: "okctl.yaml", status: "modified" }]);
  app.github.file("okctl.yaml", head, content);
}

describe("a pull request changing okctl.yaml", () => {
  it("gets a sticky plan comment and a successful check run on its head, in at most 6 requests", async () => {
    expectPlan(1, HEAD(1), EXAMPLE);
    const comment = app.github.newStickyComment(1);
    const check = app.github.createCheckRun(11);

    await app.receive("pull_request", pullRequestPayload({ number: 1, headSha: HEAD(1) }));
    expect(app.github.requests).toEqual([]); // the webhook only records the job
    await app.runJobs();

    app.github.verify();
    expect(app.github.requests).toEqual(PLAN_REQUESTS);
    expect(app.github.requests.length).toBeLessThanOrEqual(6);
    const body = String(comment.bodies[0]?.body);
    expect(body.startsWith("<!-- okctl:plan path=okctl.yaml -->\n")).toBe(true);
    expect(body).toContain("Plan: 38 to create, 0 to update, 0 to replace, 0 to destroy.");
    expect(check.bodies[0]).toMatchObject({ name: "okctl plan", head_sha: HEAD(1), status: "completed", conclusion: "success" });
    const published = await app.store.latestPublishedPlan("oslokommune/booking", 1, "okctl.yaml");
    expect(published?.plan.summary).toEqual({ create: 38, update: 0, replace: 0, delete: 0 });
    expect(published?.commentId).toBe(app.github.commentsOn(1)[0]?.id);
  });

  it("fails the check with annotations on the exact lines of an invalid okctl.yaml, and says so in the comment", async () => {
    const invalid = EXAMPLE.replace("highAvailability: true", "highAvailabilty: true").replace("minSize: 1 ", "minSize: 11");
    expectPlan(1, HEAD(1), invalid);
    const comment = app.github.newStickyComment(1);
    const check = app.github.createCheckRun(11);

    await app.receive("pull_request", pullRequestPayload({ number: 1, headSha: HEAD(1) }));
    await app.runJobs();

    app.github.verify();
    expect(app.github.requests).toEqual(PLAN_REQUESTS);
    expect(app.sessions).toEqual([]); // invalid: no AWS session at all
    const body = String(comment.bodies[0]?.body);
    expect(body).toContain("This declaration is not valid");
    expect(body).toContain("highAvailabilty");
    expect(check.bodies[0]).toMatchObject({ name: "okctl plan", head_sha: HEAD(1), status: "completed", conclusion: "failure" });
    const output = check.bodies[0]?.output as { annotations: Array<{ path: string; start_line: number; annotation_level: string; message: string }> };
    const lines = output.annotations.map((annotation) => annotation.start_line).sort((a, b) => a - b);
    expect(lines).toEqual([lineOf(invalid, "highAvailabilty"), lineOf(invalid, "minSize: 11")]);
    expect(output.annotations.every((annotation) => annotation.path === "okctl.yaml" && annotation.annotation_level === "failure")).toBe(true);
  });

  it("edits the same comment on a second push instead of adding one", async () => {
    expectPlan(1, HEAD(1), EXAMPLE);
    app.github.newStickyComment(1);
    app.github.createCheckRun(11);
    await app.receive("pull_request", pullRequestPayload({ number: 1, headSha: HEAD(1) }));
    await app.runJobs();
    const [first] = app.github.commentsOn(1);

    expectPlan(1, HEAD(1, 2), withLogLevel("debug"));
    app.github.listComments(1);
    const edit = app.github.updateComment(first!.id);
    const check = app.github.createCheckRun(12);
    await app.receive("pull_request", pullRequestPayload({ action: "synchronize", number: 1, headSha: HEAD(1, 2), before: HEAD(1) }));
    await app.runJobs();

    app.github.verify();
    expect(app.github.requests.slice(PLAN_REQUESTS.length)).toEqual([...PLAN_REQUESTS.slice(0, 4), `PATCH /repos/oslokommune/booking/issues/comments/${first!.id}`, PLAN_REQUESTS[5]]);
    expect(app.github.commentsOn(1)).toHaveLength(1);
    expect(String(edit.bodies[0]?.body)).toContain(HEAD(1, 2).slice(0, 7));
    expect(check.bodies[0]).toMatchObject({ head_sha: HEAD(1, 2), conclusion: "success" });
  });
});

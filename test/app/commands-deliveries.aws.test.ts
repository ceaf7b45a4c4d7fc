// Comment commands (write permission checked with the API, acknowledged with a reaction), a
// redelivered webhook, and pushes that need no work.
import { beforeEach, describe, expect, it } from "vitest";
import { useMoto } from "../support/aws.js";
import { issueCommentPayload, pullRequestPayload, pushPayload } from "../support/webhooks.js";
import { EXAMPLE, HEAD, pullJson } from "./fixtures.js";
import { useApp, type AppHarness } from "./harness.js";
import { expectPlanJob, openPullRequest, PLAN_MARKER } from "./scenarios.js";

useMoto();
const currentApp = useApp();
let app: AppHarness;
beforeEach(() => {
  app = currentApp();
});

const comment = (body: string, user = "lead", commentId = 55) => issueCommentPayload({ body, user, number: 1, commentId });

describe("comment commands", () => {
  it("/okctl plan from a writer: a reaction, then the plan again in the same comment", async () => {
    const stale = app.github.seedComment(1, `${PLAN_MARKER}\nan older plan`);
    app.github.permission("lead", "write");
    const reaction = app.github.reaction(55);
    app.github.pull(1, pullJson({ number: 1, headSha: HEAD(1) }));
    const { comment: edited, check } = expectPlanJob(app, 1, HEAD(1), EXAMPLE);

    await app.receive("issue_comment", comment("/okctl plan"));
    await app.runJobs();

    app.github.verify();
    expect(app.github.requests.slice(0, 3)).toEqual([
      "GET /repos/oslokommune/booking/collaborators/lead/permission",
      "POST /repos/oslokommune/booking/issues/comments/55/reactions",
      "GET /repos/oslokommune/booking/pulls/1",
    ]);
    expect(reaction.bodies).toEqual([{ content: "+1" }]);
    expect(app.github.commentsOn(1).map((c) => c.id)).toEqual([stale.id]);
    expect(String(edited.bodies[0]?.body)).toContain("Plan: 38 to create");
    expect(check.bodies[0]).toMatchObject({ conclusion: "success" });
  });

  it("/okctl plan from someone without write permission: one polite refusal per person, then only a reaction", async () => {
    app.github.permission("visitor", "read");
    app.github.listComments(1);
    const reply = app.github.createComment(1);
    await app.receive("issue_comment", comment("/okctl plan", "visitor"));
    await app.runJobs();

    app.github.verify();
    expect(app.github.requests).toEqual([
      "GET /repos/oslokommune/booking/collaborators/visitor/permission",
      "GET /repos/oslokommune/booking/issues/1/comments",
      "POST /repos/oslokommune/booking/issues/1/comments",
    ]);
    expect(String(reply.bodies[0]?.body)).toMatch(/^<!-- okctl:reply user=visitor -->\nSorry @\u200bvisitor, `\/okctl plan` needs write permission/);

    // Again, and the help: a 👎 on each comment, no new comment.
    for (const [body, id] of [["/okctl apply", 56], ["/okctl help", 57]] as const) {
      app.github.permission("visitor", "read");
      app.github.listComments(1);
      const reaction = app.github.reaction(id);
      await app.receive("issue_comment", comment(body, "visitor", id));
      await app.runJobs();
      app.github.verify();
      expect(reaction.bodies).toEqual([{ content: "-1" }]);
    }
    expect(app.github.commentsOn(1)).toHaveLength(1);
    expect(app.github.requests.filter((request) => request.startsWith("POST /repos/oslokommune/booking/issues/1/comments"))).toHaveLength(1);
    expect(app.sessions).toEqual([]);
    expect((await app.store.listJobs()).map((job) => job.kind)).toEqual(["command", "command", "command"]);
  });

  it.each(["/okctl help", "/okctl destroy-everything"])("%s: the help, once, for someone without write permission", async (body) => {
    app.github.permission("visitor", "read");
    app.github.listComments(1);
    const reply = app.github.createComment(1);
    await app.receive("issue_comment", comment(body, "visitor"));
    await app.runJobs();

    app.github.verify();
    expect(app.github.requests).toEqual([
      "GET /repos/oslokommune/booking/collaborators/visitor/permission",
      "GET /repos/oslokommune/booking/issues/1/comments",
      "POST /repos/oslokommune/booking/issues/1/comments",
    ]);
    expect(String(reply.bodies[0]?.body)).toContain("### okctl commands");
  });

  it("/okctl help from a writer: the help, each time asked", async () => {
    app.github.permission("lead", "write");
    const reply = app.github.createComment(1);
    await app.receive("issue_comment", comment("/okctl help"));
    await app.runJobs();
    app.github.verify();
    expect(String(reply.bodies[0]?.body)).toContain("### okctl commands");
  });
});

describe("deliveries", () => {
  it("a redelivered webhook (same delivery id) makes no second job and no second request", async () => {
    await openPullRequest(app, 1, EXAMPLE);
    const requests = app.github.requests.length;
    const jobs = await app.store.listJobs();
    expect(jobs).toHaveLength(1);

    await app.receive("pull_request", pullRequestPayload({ number: 1, headSha: HEAD(1) }), jobs[0]!.deliveryId!);
    await app.runJobs();

    expect(await app.store.listJobs()).toHaveLength(1);
    expect(app.github.requests).toHaveLength(requests);
    app.github.verify();
  });

  it("a push that touches no okctl.yaml makes no GitHub request and no job", async () => {
    await app.receive("push", pushPayload({ commits: [{ modified: ["README.md", "src/okctl.yaml.md"] }, { added: ["docs/okctl.yml"] }] }));
    await app.receive("push", pushPayload({ ref: "refs/heads/feature", commits: [{ modified: ["okctl.yaml"] }] }));
    await app.runJobs();

    expect(app.github.requests).toEqual([]);
    expect(await app.store.listJobs()).toEqual([]);
    app.github.verify();
  });
});

// Merge → push to main → apply: the reviewed plan is applied with an `okctl apply` check run on
// the merge commit and the result on the pull request; a plan that changed since review is held
// until `/okctl apply`.
import { beforeEach, describe, expect, it } from "vitest";
import { useMoto } from "../support/aws.js";
import { issueCommentPayload } from "../support/webhooks.js";
import { applyDirectly, eksClusters, parameterValue, vpcCount } from "./aws-state.js";
import { EXAMPLE, MERGE, mergedPullJson, withLogLevel } from "./fixtures.js";
import { useApp, type AppHarness } from "./harness.js";
import { deliverMerge, expectApplyRuns, expectApproval, expectMerge, openPullRequest, PLAN_MARKER, expectHeldApplyStillCurrent } from "./scenarios.js";

useMoto();
const currentApp = useApp();
let app: AppHarness;
beforeEach(() => {
  app = currentApp();
});

describe("merging a reviewed pull request", () => {
  it("applies the plan: check run in progress then success on the merge commit, result on the pull request, audit record", async () => {
    await openPullRequest(app, 1, EXAMPLE);
    const planned = app.github.requests.length;
    expectMerge(app, 1, EXAMPLE);
    const { createCheck, updateCheck, result } = expectApplyRuns(app, 1);

    await deliverMerge(app, 1);
    await app.runJobs();

    app.github.verify();
    expect(app.github.requests.slice(planned)).toEqual([
      `GET /repos/oslokommune/booking/commits/${MERGE(1)}/pulls`,
      "GET /repos/oslokommune/booking/contents/okctl.yaml",
      "GET /repos/oslokommune/booking/contents/okctl.yaml",
      // applyRequires: approved (the default): an approval of the planned commit, by a writer
      "GET /repos/oslokommune/booking/pulls/1/reviews",
      "GET /repos/oslokommune/booking/collaborators/reviewer/permission",
      "POST /repos/oslokommune/booking/check-runs",
      "PATCH /repos/oslokommune/booking/check-runs/201",
      "PATCH /repos/oslokommune/booking/check-runs/201",
      "GET /repos/oslokommune/booking/issues/1/comments",
      "POST /repos/oslokommune/booking/issues/1/comments",
    ]);
    expect(createCheck.bodies[0]).toMatchObject({ name: "okctl apply", head_sha: MERGE(1), status: "in_progress" });
    expect(updateCheck.bodies.map((body) => [body.status, body.conclusion])).toEqual([["in_progress", undefined], ["completed", "success"]]);
    expect(JSON.stringify(updateCheck.bodies[0]?.output)).toContain("eks-cluster");
    const comment = String(result.bodies[0]?.body);
    expect(comment.startsWith("<!-- okctl:apply path=okctl.yaml -->\n")).toBe(true);
    expect(comment).toMatch(/38 created|created 38|38 to create/i);
    // What the team needs next, read from AWS after the apply: in the comment and the check run.
    expect(comment).toContain("#### Outputs");
    expect(comment).toMatch(/\*\*Kubernetes API\*\* `https:\/\/\S+`/);
    expect(comment).toContain("aws eks update-kubeconfig --name booking-dev --region eu-west-1");
    expect(comment).toContain("**Hosted zone** `booking-dev.oslo.systems`");
    expect(comment).toContain("Delegated from `oslo.systems` by okctl.");
    expect(comment).toMatch(/\| `argocd\.booking-dev\.oslo\.systems` \| [A-Z\\_]+ \| `arn:aws:acm:eu-west-1:123456789012:certificate\//);
    expect(comment).toContain("- `/okctl/booking-dev/app/log-level` (String)");
    expect(updateCheck.bodies[1]).toMatchObject({ output: { summary: expect.stringContaining("aws eks update-kubeconfig --name booking-dev --region eu-west-1") } });

    expect(await vpcCount()).toBe(1);
    expect(await eksClusters()).toEqual(["booking-dev"]);
    expect(await parameterValue("app/log-level")).toBe("info");
    const audit = await app.store.listApplyAudit();
    expect(audit).toEqual([expect.objectContaining({ pullNumber: 1, mergeSha: MERGE(1), mergedBy: "maintainer", result: "succeeded", declarationPath: "okctl.yaml" })]);
  });

  it("holds the apply when AWS changed after review, then applies it on /okctl apply from a writer", async () => {
    await openPullRequest(app, 1, EXAMPLE);
    await applyDirectly(withLogLevel("warn")); // someone else changed AWS after the review
    expectMerge(app, 1, EXAMPLE);
    app.github.listComments(1);
    const [planComment] = app.github.commentsOn(1);
    const heldComment = app.github.updateComment(planComment!.id);
    const heldCheck = app.github.createCheckRun(301);

    await deliverMerge(app, 1);
    await app.runJobs();

    app.github.verify();
    expect(await parameterValue("app/log-level")).toBe("warn"); // nothing applied
    const held = String(heldComment.bodies[0]?.body);
    expect(held.startsWith(`${PLAN_MARKER}\n`)).toBe(true);
    expect(held).toContain("Plan: 0 to create, 1 to update, 0 to replace, 0 to destroy.");
    expect(held).toContain("**Held.**");
    expect(held.split("\n\n")[1]).toMatch(/^> \[!WARNING\]\n> \*\*Held: nothing was applied\.\*\*/);
    const reviewedAt = held.indexOf("<details><summary>The plan reviewed before merge (not applied)</summary>");
    expect(reviewedAt).toBeGreaterThan(held.indexOf("Changes of the new plan"));
    expect(held.slice(reviewedAt)).toContain("Plan: 38 to create, 0 to update, 0 to replace, 0 to destroy.");
    expect(held).toContain("`/okctl apply`");
    expect(heldCheck.bodies[0]).toMatchObject({ name: "okctl apply", head_sha: MERGE(1), status: "completed", conclusion: "neutral" });
    expect((await app.store.listApplyAudit()).map((entry) => entry.result)).toEqual(["held"]);

    const before = app.github.requests.length;
    app.github.permission("lead", "write");
    const reaction = app.github.reaction(77);
    app.github.pull(1, mergedPullJson(1));
    app.github.pullFiles(1, [{ filename: "okctl.yaml", status: "modified" }]);
    expectHeldApplyStillCurrent(app, 1, EXAMPLE);
    app.github.file("okctl.yaml", MERGE(1), EXAMPLE);
    expectApproval(app, 1); // checked again
    const { updateCheck, result } = expectApplyRuns(app, 1);
    await app.receive("issue_comment", issueCommentPayload({ body: "/okctl apply", user: "lead", number: 1, commentId: 77 }));
    await app.runJobs();

    app.github.verify();
    expect(app.github.requests.slice(before, before + 6)).toEqual([
      "GET /repos/oslokommune/booking/collaborators/lead/permission",
      "POST /repos/oslokommune/booking/issues/comments/77/reactions",
      "GET /repos/oslokommune/booking/pulls/1",
      "GET /repos/oslokommune/booking/pulls/1/files",
      "GET /repos/oslokommune/booking/contents/okctl.yaml",
      "GET /repos/oslokommune/booking/contents/okctl.yaml",
    ]);
    expect(reaction.bodies[0]).toEqual({ content: "+1" });
    expect(updateCheck.bodies.at(-1)).toMatchObject({ status: "completed", conclusion: "success" });
    expect(String(result.bodies[0]?.body)).toContain("okctl:apply");
    expect(await parameterValue("app/log-level")).toBe("info");
    expect((await app.store.listApplyAudit()).map((entry) => [entry.result, entry.mergedBy])).toEqual([
      ["succeeded", "lead"],
      ["held", "maintainer"],
    ]);
    expect(await app.store.takeHeldApply("oslokommune/booking", 1, "okctl.yaml")).toBeNull();
  });
});

// Held applies are exact, and do not outlive what they were reviewed against: `/okctl apply` on a
// held plan applies it only if the current plan's actions, old values and physical ids are within
// what reviewers saw; it is dropped once a later apply of the cluster succeeded or a later commit on
// the default branch changed the declaration, and it expires 7 days after it was held.
import { beforeEach, describe, expect, it } from "vitest";
import { useMoto } from "../support/aws.js";
import { issueCommentPayload } from "../support/webhooks.js";
import { applyDirectly, parameterValue } from "./aws-state.js";
import { EXAMPLE, MERGE, mergedPullJson, withLogLevel, withParameter } from "./fixtures.js";
import { useApp, type AppHarness } from "./harness.js";
import { deliverMerge, expectApplyRuns, expectApproval, expectHeldApplyStillCurrent, expectMerge, openPullRequest } from "./scenarios.js";

useMoto();
const DAY = 24 * 60 * 60 * 1000;
let offsetMs = 0;
const currentApp = useApp({ now: () => new Date(Date.now() + offsetMs) });
let app: AppHarness;
beforeEach(async () => {
  offsetMs = 0;
  app = currentApp();
  await applyDirectly(EXAMPLE); // log-level "info" in AWS
});

const REVIEWED = withLogLevel("debug");

/** Pull request 1 sets log-level to "debug"; AWS changes to "warn" before the merge: held (warn → debug). */
async function mergeHeld(): Promise<string> {
  await openPullRequest(app, 1, REVIEWED);
  await applyDirectly(withLogLevel("warn"));
  expectMerge(app, 1, REVIEWED);
  app.github.listComments(1);
  const [planComment] = app.github.commentsOn(1);
  const heldComment = app.github.updateComment(planComment!.id);
  app.github.createCheckRun(301);
  await deliverMerge(app, 1);
  await app.runJobs();
  app.github.verify();
  expect((await app.store.listApplyAudit()).map((entry) => entry.result)).toEqual(["held"]);
  return String(heldComment.bodies[0]?.body);
}

/** `/okctl apply` from a writer on pull request 1, up to taking the held apply. */
function expectApplyCommand(): void {
  app.github.permission("lead", "write");
  app.github.reaction(77);
  app.github.pull(1, mergedPullJson(1));
  app.github.pullFiles(1, [{ filename: "okctl.yaml", status: "modified" }]);
}

async function commentApply(): Promise<void> {
  await app.receive("issue_comment", issueCommentPayload({ body: "/okctl apply", user: "lead", number: 1, commentId: 77 }));
  await app.runJobs();
  app.github.verify();
}

describe("/okctl apply on a held plan", () => {
  it("applies it while the current plan is the held one, and says when it expires", async () => {
    const held = (await mergeHeld()).replaceAll("\\", ""); // Markdown escapes aside
    expect(held).toContain("**Held.**");
    expect(held).toMatch(/This held apply expires on \d{4}-\d\d-\d\d \d\d:\d\d UTC \(7 days after it was held\)/);
    expect(held).toContain("open a new pull request that changes this declaration");

    offsetMs = 7 * DAY - 60_000; // a minute before it expires
    expectApplyCommand();
    expectHeldApplyStillCurrent(app, 1, REVIEWED); // the default branch still has the merged declaration
    app.github.file("okctl.yaml", MERGE(1), REVIEWED); // the apply job: the plan at the merge commit
    expectApproval(app, 1);
    const { updateCheck } = expectApplyRuns(app, 1);
    await commentApply();

    expect(updateCheck.bodies.at(-1)).toMatchObject({ status: "completed", conclusion: "success" });
    expect(await parameterValue("app/log-level")).toBe("debug");
  });

  it("refuses it when a value changed since: held update warn → debug, current update error → debug", async () => {
    await mergeHeld();
    await applyDirectly(withLogLevel("error")); // changed again, outside okctl

    expectApplyCommand();
    expectHeldApplyStillCurrent(app, 1, REVIEWED);
    app.github.file("okctl.yaml", MERGE(1), REVIEWED);
    expectApproval(app, 1);
    app.github.listComments(1);
    const [planComment] = app.github.commentsOn(1);
    const heldAgain = app.github.updateComment(planComment!.id);
    app.github.createCheckRun(302);
    await commentApply();

    expect(await parameterValue("app/log-level")).toBe("error"); // nothing applied
    const body = String(heldAgain.bodies[0]?.body);
    expect(body).toContain("**Held.**");
    expect(body).toContain("error"); // the new plan, for review
    expect((await app.store.listApplyAudit()).map((entry) => entry.result)).toEqual(["held", "held"]);
  });

  it("drops it after 7 days, saying so and how to plan again", async () => {
    await mergeHeld();
    offsetMs = 7 * DAY + 60_000;

    expectApplyCommand();
    const reply = app.github.createComment(1);
    await commentApply();

    const body = String(reply.bodies[0]?.body).replaceAll("\\", "");
    expect(body).toContain("**Not applied.**");
    expect(body).toMatch(/The held apply of okctl.yaml \(merge [0-9a-f]{12}, held .* UTC\) expired on .* UTC: held applies are kept for 7 days/);
    expect(body).toContain("open a new pull request that changes it");
    expect(await parameterValue("app/log-level")).toBe("warn");
    expect(await app.store.takeHeldApply("oslokommune/booking", 1, "okctl.yaml")).toBeNull(); // dropped, not kept
  });

  it("drops it once a later apply of the same cluster succeeded", async () => {
    await mergeHeld();
    const LATER = withParameter(withLogLevel("warn"), "app/b", "two");
    await openPullRequest(app, 2, LATER);
    expectMerge(app, 2, LATER);
    expectApplyRuns(app, 2);
    await deliverMerge(app, 2);
    await app.runJobs();
    app.github.verify();
    expect(await parameterValue("app/b")).toBe("two");

    expectApplyCommand();
    const reply = app.github.createComment(1);
    await commentApply();

    const body = String(reply.bodies[0]?.body).replaceAll("\\", "");
    expect(body).toContain(`was dropped: a later apply of the same cluster succeeded (oslokommune/booking#2, merge ${MERGE(2).slice(0, 12)}`);
    expect(await parameterValue("app/log-level")).toBe("warn"); // the later apply is not undone
  });

  it("drops it once a later commit on the default branch changed the declaration", async () => {
    await mergeHeld();

    expectApplyCommand();
    expectHeldApplyStillCurrent(app, 1, REVIEWED, withLogLevel("trace")); // pushed to main since
    const reply = app.github.createComment(1);
    await commentApply();

    const body = String(reply.bodies[0]?.body).replaceAll("\\", "");
    expect(body).toContain("was dropped: a later commit on main changed okctl.yaml, and applying the merged version would revert it.");
    expect(await parameterValue("app/log-level")).toBe("warn");
  });
});

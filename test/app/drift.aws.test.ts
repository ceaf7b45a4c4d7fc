// Drift rounds through the real Probot app (GitHub mocked with nock, AWS in moto): a hand change
// in AWS opens one issue for the cluster and an `okctl drift` check run; the next round edits
// that issue (never a second one); `/okctl apply` on the issue holds when AWS changed since the
// check (saying so in the issue's words), then brings AWS back, and the check after it closes the
// issue (once, even when the close is done again after a failure). The GitHub calls a round costs
// per declaration are counted.
import { beforeEach, describe, expect, it } from "vitest";
import { driftRoundJob } from "../../src/app/drift/jobs.js";
import { driftRoundAt } from "../../src/app/drift/schedule.js";
import { useMoto } from "../support/aws.js";
import { fakeSha, issueCommentPayload } from "../support/webhooks.js";
import { applyDirectly, parameterValue } from "./aws-state.js";
import { EXAMPLE, withLogLevel } from "./fixtures.js";
import { BOT_LOGIN } from "./github-mock.js";
import { useApp, type AppHarness } from "./harness.js";
import { APPLY_MARKER } from "./scenarios.js";

useMoto();
const HOUR = 3_600_000;
const INTERVAL = 24 * HOUR;
const MAIN = fakeSha("main-1");
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);
const currentApp = useApp({ now });
let app: AppHarness;
beforeEach(async () => {
  offsetMs = 0;
  app = currentApp();
  await applyDirectly(EXAMPLE); // AWS matches the declaration on main
});

/** The GitHub requests of one round for the repository, up to reading the declaration. */
function expectRound(options: { tree: boolean }): void {
  app.github.installations();
  app.github.installationRepositories();
  app.github.branch("main", MAIN);
  if (options.tree) app.github.tree(MAIN, ["okctl.yaml"]);
  app.github.file("okctl.yaml", MAIN, EXAMPLE);
}

/** Enqueues the current round's job (what every replica's scheduler does) and runs the round. */
async function runRound(): Promise<number> {
  const before = app.github.requests.length;
  await app.store.enqueueJob(driftRoundJob(driftRoundAt(now(), INTERVAL)), now());
  await app.runJobs();
  app.github.verify();
  return app.github.requests.length - before;
}

describe("drift rounds", () => {
  it("open one issue for a drifted cluster, edit it on the next round, and /okctl apply on it brings AWS back and closes it", async () => {
    await applyDirectly(withLogLevel("warn")); // changed by hand, outside okctl

    expectRound({ tree: true });
    app.github.listOpenIssues("okctl/drift");
    const created = app.github.createIssue(7);
    const firstCheck = app.github.createCheckRun(501);
    await runRound();

    expect(created.bodies).toHaveLength(1);
    const issue = created.bodies[0]!;
    expect(issue.title).toBe("okctl: drift in booking-dev (okctl.yaml)");
    expect(issue.labels).toEqual(["okctl/drift"]);
    expect(String(issue.body).startsWith("<!-- okctl:drift path=okctl.yaml -->\n")).toBe(true);
    expect(String(issue.body)).toContain("log-level");
    expect(String(issue.body)).toContain("/okctl apply");
    expect(firstCheck.bodies[0]).toMatchObject({ name: "okctl drift", head_sha: MAIN, status: "completed", conclusion: "neutral" });
    expect(String((firstCheck.bodies[0]!.output as { title: string }).title)).toBe("Drift: 1 resource differs from the declaration");

    // The next round: the same issue edited in place, no search, no second issue.
    offsetMs += INTERVAL;
    await applyDirectly(withLogLevel("error")); // changed again
    expectRound({ tree: false }); // the head did not move: its okctl.yaml files are known
    const edited = app.github.updateIssue(7);
    app.github.createCheckRun(502);
    await runRound();
    expect(edited.bodies).toHaveLength(1);
    expect(edited.bodies[0]).toMatchObject({ state: "open", title: "okctl: drift in booking-dev (okctl.yaml)" });
    expect(String(edited.bodies[0]!.body)).toContain("error");
    expect(app.github.issues.size).toBe(1);

    /** What `/okctl apply` on the issue asks of GitHub, up to the apply job's plan. */
    const expectApplyOnIssue = (commentId: number) => {
      app.github.permission("lead", "write");
      app.github.reaction(commentId);
      app.github.issue(7);
      app.github.repository();
      app.github.branch("main", MAIN);
      app.github.file("okctl.yaml", MAIN, EXAMPLE); // the apply job's plan
    };
    /** `/okctl apply` on the issue from "lead" (write permission), as comment `commentId`. */
    const commentOnIssue = async (commentId: number) => {
      const comment = issueCommentPayload({ body: "/okctl apply", user: "lead", number: 7, commentId, isPullRequest: false });
      Object.assign(comment.issue, { labels: [{ name: "okctl/drift" }], user: { ...comment.issue.user, login: BOT_LOGIN, type: "Bot" } });
      await app.receive("issue_comment", comment);
      await app.runJobs();
      app.github.verify();
    };

    // AWS changed again after the check: `/okctl apply` holds (the plan differs from the one the
    // issue showed), says so on the issue in the issue's words, and the check after it updates the issue.
    await applyDirectly(withLogLevel("debug"));
    expectApplyOnIssue(76);
    const heldComment = app.github.newStickyComment(7);
    const heldCheck = app.github.createCheckRun(600);
    app.github.file("okctl.yaml", MAIN, EXAMPLE); // the check after it
    const reported = app.github.updateIssue(7);
    app.github.createCheckRun(599);
    await commentOnIssue(76);
    expect(await parameterValue("app/log-level")).toBe("debug"); // nothing applied
    const held = String(heldComment.bodies[0]?.body).replaceAll("\\", "");
    expect(held).toContain("a plan different from the one this issue showed");
    expect(held).toContain("Comment `/okctl apply` on this issue to apply this plan");
    expect(held).toContain("the head of the default branch");
    expect(held).not.toMatch(/this pull request|before merge|expires/);
    expect(heldCheck.bodies[0]).toMatchObject({ name: "okctl apply", conclusion: "neutral" });
    expect(String(reported.bodies[0]?.body)).toContain("debug");
    expect(String(reported.bodies[0]?.body)).not.toContain("Drift from an unapplied merge"); // the issue's own apply is no merge

    // `/okctl apply` again: the held plan is applied.
    expectApplyOnIssue(77);
    app.github.createCheckRun(601);
    const applyCheck = app.github.updateCheckRun(601, 2);
    const result = app.github.stickyUpsert(7, APPLY_MARKER);
    app.github.file("okctl.yaml", MAIN, EXAMPLE); // the check after the apply
    const cleared = app.github.createComment(7);
    const closed = app.github.updateIssue(7);
    const cleanCheck = app.github.createCheckRun(602);
    await commentOnIssue(77);

    expect(await parameterValue("app/log-level")).toBe("info"); // as declared
    expect(applyCheck.bodies.at(-1)).toMatchObject({ status: "completed", conclusion: "success" });
    expect(String(result.bodies[0]?.body)).toContain("booking-dev");
    expect(String(cleared.bodies[0]?.body)).toContain("**No drift any more:**");
    expect(closed.bodies[0]).toMatchObject({ state: "closed" });
    expect(app.github.issues.get(7)?.state).toBe("closed");
    expect(cleanCheck.bodies[0]).toMatchObject({ name: "okctl drift", conclusion: "success" });
    const [audit] = await app.store.listApplyAudit();
    expect(audit).toMatchObject({ pullNumber: 7, mergedBy: "lead", result: "succeeded" });
    expect((await app.store.listApplyAudit()).map((entry) => entry.result)).toEqual(["succeeded", "held"]);

    // A round without drift: the declaration read and the check run, besides the round's listing.
    offsetMs += INTERVAL;
    expectRound({ tree: false });
    app.github.createCheckRun(503);
    const calls = await runRound();
    expect(calls).toBe(5); // installations, repositories, branch head; declaration, check run

    // Drift again: a new episode gets a new issue (the closed one stays closed).
    offsetMs += INTERVAL;
    await applyDirectly(withLogLevel("warn"));
    expectRound({ tree: false });
    app.github.listOpenIssues("okctl/drift");
    app.github.createIssue(8);
    app.github.createCheckRun(504);
    await runRound();
    expect(app.github.issues.get(7)?.state).toBe("closed");

    // Fixed by hand; the next round finds no drift, comments, then fails to close the issue.
    offsetMs += INTERVAL;
    await applyDirectly(EXAMPLE);
    expectRound({ tree: false });
    const clearedAgain = app.github.createComment(8);
    app.github.failIssueUpdate(8, 502);
    await app.store.enqueueJob(driftRoundJob(driftRoundAt(now(), INTERVAL)), now());
    await expect(app.runJobs()).rejects.toThrow(/jobs not completed/);
    expect(clearedAgain.bodies).toHaveLength(1);
    expect(app.github.issues.get(8)?.state).toBe("open");

    // The check runs again after its back-off: it finds its closing comment (edits it) and closes the
    // issue; the issue never gets a second closing comment.
    offsetMs += 60_000;
    app.github.file("okctl.yaml", MAIN, EXAMPLE);
    const marker = String(clearedAgain.bodies[0]!.body).split("\n")[0]!;
    expect(marker).toMatch(/^<!-- okctl:drift-cleared id=[0-9a-f]{16} -->$/);
    app.github.stickyUpsert(8, marker);
    const closedAgain = app.github.updateIssue(8);
    // A later run of the job: it looks for a check run its first run posted (that run failed before it posted one).
    app.github.listCheckRuns(MAIN);
    app.github.createCheckRun(505);
    await app.runJobs();
    app.github.verify();
    expect(app.github.commentsOn(8).filter((comment) => comment.body.includes("**No drift any more:**"))).toHaveLength(1);
    expect(closedAgain.bodies).toEqual([expect.objectContaining({ state: "closed" })]);
    expect(app.github.issues.get(8)?.state).toBe("closed");
  }, 150_000);
});

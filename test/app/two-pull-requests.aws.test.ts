// Two pull requests on one cluster: applying the first re-plans the second (against GitHub's test
// merge commit), and applies to one cluster run one at a time, in merge order.
import { beforeEach, describe, expect, it } from "vitest";
import { useMoto } from "../support/aws.js";
import { applyDirectly, parameterValue } from "./aws-state.js";
import { EXAMPLE, HEAD, MERGE, pullJson, TEST_MERGE, withParameter } from "./fixtures.js";
import { useApp, type AppHarness } from "./harness.js";
import { deliverMerge, expectApplyRuns, expectMerge, expectPlanJob, openPullRequest } from "./scenarios.js";

useMoto();
const currentApp = useApp();
let app: AppHarness;
beforeEach(async () => {
  app = currentApp();
  await applyDirectly(EXAMPLE);
});

const FIRST = withParameter(EXAMPLE, "app/a", "one");
const SECOND = withParameter(EXAMPLE, "app/b", "two");
const BOTH = withParameter(FIRST, "app/b", "two");

describe("two pull requests changing one cluster", () => {
  it("re-plans the second after the first is applied, and applies it on merge without re-planning the merged first", async () => {
    await openPullRequest(app, 1, FIRST);
    const second = await openPullRequest(app, 2, SECOND);
    expect(String(second.comment.bodies[0]?.body)).toContain("Plan: 1 to create, 0 to update");

    expectMerge(app, 1, FIRST);
    expectApplyRuns(app, 1);
    app.github.pull(2, { ...pullJson({ number: 2, headSha: HEAD(2), mergeCommitSha: TEST_MERGE(2) }), mergeable: true });
    const replanned = expectPlanJob(app, 2, TEST_MERGE(2), BOTH, 112);
    await deliverMerge(app, 1);
    await app.runJobs();

    app.github.verify();
    expect(await parameterValue("app/a")).toBe("one");
    expect(app.github.commentsOn(2).filter((comment) => comment.body.startsWith("<!-- okctl:plan"))).toHaveLength(1);
    const body = String(replanned.comment.bodies[0]?.body);
    expect(body).toContain("test merge");
    expect(body).toContain(TEST_MERGE(2).slice(0, 7));
    expect(body).toContain("Plan: 1 to create, 0 to update, 0 to replace, 0 to destroy.");
    expect(replanned.check.bodies[0]).toMatchObject({ name: "okctl plan", head_sha: HEAD(2), conclusion: "success" });

    // The second merge applies the re-planned plan; the first, merged, is not planned again.
    const before = app.github.requests.length;
    expectMerge(app, 2, BOTH);
    const { updateCheck } = expectApplyRuns(app, 2);
    await deliverMerge(app, 2);
    await app.runJobs();

    app.github.verify();
    expect(updateCheck.bodies.at(-1)).toMatchObject({ conclusion: "success" });
    expect(await parameterValue("app/b")).toBe("two");
    expect(app.github.requests.slice(before).filter((request) => request.includes("/pulls/1"))).toEqual([]);
  });

  it("runs two queued merges' applies one at a time, in merge order", async () => {
    await openPullRequest(app, 1, FIRST);
    await openPullRequest(app, 2, SECOND);
    const sessionsBefore = app.sessions.length;
    expectMerge(app, 1, FIRST);
    expectApplyRuns(app, 1);
    expectMerge(app, 2, BOTH);
    // The second plan changed since review (app/a exists now): held, on its plan comment and its merge commit.
    app.github.stickyUpsert(2, "<!-- okctl:plan path=okctl.yaml -->");
    const held = app.github.createCheckRun(302);

    await deliverMerge(app, 1);
    await deliverMerge(app, 2);
    const jobs = await app.runJobs();

    app.github.verify();
    const applies = jobs.filter((job) => job.kind === "apply");
    expect(applies.map((job) => [job.key, job.queue, job.state])).toEqual([
      [`oslokommune/booking#1:okctl.yaml@${MERGE(1).slice(0, 12)}`, "cluster:123456789012/eu-west-1/booking-dev", "completed"],
      [`oslokommune/booking#2:okctl.yaml@${MERGE(2).slice(0, 12)}`, "cluster:123456789012/eu-west-1/booking-dev", "completed"],
    ]);
    const audit = (await app.store.listApplyAudit()).reverse();
    expect(audit.map((entry) => [entry.pullNumber, entry.result])).toEqual([[1, "succeeded"], [2, "held"]]);
    const [, secondApply] = app.sessions.slice(sessionsBefore);
    expect(secondApply!.at.getTime()).toBeGreaterThanOrEqual(audit[0]!.finishedAt.getTime()); // began after the first ended
    expect(held.bodies[0]).toMatchObject({ name: "okctl apply", head_sha: MERGE(2), conclusion: "neutral" });
    expect(await parameterValue("app/b")).toBeUndefined();
  });

  it("asks GitHub about a pull request closed without merging once, then no longer re-plans it", async () => {
    await openPullRequest(app, 1, FIRST);
    await openPullRequest(app, 2, SECOND);
    const cluster = "123456789012/eu-west-1/booking-dev";
    expect((await app.store.openPullRequestsForCluster(cluster)).map((entry) => entry.pullNumber)).toEqual([1, 2]);

    // Pull request 2 is closed without merging; merging 1 re-plans it, and finds it closed.
    expectMerge(app, 1, FIRST);
    expectApplyRuns(app, 1);
    app.github.pull(2, pullJson({ number: 2, action: "closed", merged: false, headSha: HEAD(2) }));
    await deliverMerge(app, 1);
    const jobs = await app.runJobs();

    app.github.verify();
    expect(jobs.filter((job) => job.kind === "plan" && job.key.endsWith("#2")).at(-1)?.result).toEqual({ skipped: "pull request is not open" });
    expect(app.github.commentsOn(2).filter((comment) => comment.body.startsWith("<!-- okctl:plan"))).toHaveLength(1);
    expect(await app.store.openPullRequestsForCluster(cluster)).toEqual([]);
  });
});

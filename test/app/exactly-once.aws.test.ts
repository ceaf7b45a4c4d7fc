// Exactly once, for the right pull request: a merge is one job per repository and commit whatever
// the delivery id; the merge job takes only the pull request merged into the default branch with
// the push's commit as its merge commit; the plan job reads the pull request as it is when it runs.
import { beforeEach, describe, expect, it } from "vitest";
import { useMoto } from "../support/aws.js";
import { pullRequestPayload } from "../support/webhooks.js";
import { EXAMPLE, HEAD, MERGE, mergedPullJson, mergePush, pullJson, withLogLevel } from "./fixtures.js";
import { useApp, type AppHarness } from "./harness.js";
import { expectPlanJob, openPullRequest } from "./scenarios.js";

useMoto();
const currentApp = useApp();
let app: AppHarness;
beforeEach(() => {
  app = currentApp();
});

describe("a replayed push (same body, new delivery ids)", () => {
  it("queues one merge job", async () => {
    for (const id of ["push-a", "push-b", "push-c"]) await app.receive("push", mergePush(1), id);
    const jobs = await app.store.listJobs({ kind: "merge" });
    expect(jobs.map((job) => job.deliveryId)).toEqual(["push-a"]);
  });
});

describe("a replayed pull request delivery (new delivery id)", () => {
  it("plans the same head and labels once", async () => {
    await openPullRequest(app, 1, EXAMPLE);
    const requests = app.github.requests.length;
    await app.receive("pull_request", pullRequestPayload({ number: 1, headSha: HEAD(1) }), "a-new-delivery-id");
    await app.runJobs();
    expect(app.github.requests).toHaveLength(requests);
    expect(await app.store.listJobs({ kind: "plan" })).toHaveLength(1);
  });
});

describe("the merge job's pull request", () => {
  const noPullRequestCheck = () => app.github.createCheckRun(301);

  it("is not another merged pull request that merely contains the commit", async () => {
    // #2 was merged earlier; the push's commit is in it, but its merge commit is another one.
    const other = { ...mergedPullJson(2), merge_commit_sha: MERGE(9) };
    app.github.pullsOfCommit(MERGE(1), [other]);
    const check = noPullRequestCheck();
    await app.receive("push", mergePush(1));
    const jobs = await app.runJobs();
    app.github.verify();
    expect(jobs.filter((job) => job.kind === "apply")).toEqual([]);
    expect(jobs.find((job) => job.kind === "merge")?.result).toEqual({ applies: 0, reason: "no merged pull request" });
    expect(check.bodies[0]).toMatchObject({ name: "okctl apply", head_sha: MERGE(1), conclusion: "neutral" });
  });

  it("is not a pull request merged into another branch, even with the push's commit as merge commit", async () => {
    const intoRelease = mergedPullJson(1);
    intoRelease.base = { ...(intoRelease.base as object), ref: "release" };
    app.github.pullsOfCommit(MERGE(1), [intoRelease]);
    noPullRequestCheck();
    await app.receive("push", mergePush(1));
    const jobs = await app.runJobs();
    app.github.verify();
    expect(jobs.filter((job) => job.kind === "apply")).toEqual([]);
  });
});

describe("the plan job", () => {
  it("plans the pull request's current head, not the head a late delivery carries", async () => {
    // The delivery for the first push arrives after the second push: the job plans the second.
    app.github.pull(1, pullJson({ number: 1, headSha: HEAD(1, 2) }));
    const { check } = expectPlanJob(app, 1, HEAD(1, 2), withLogLevel("debug"));
    await app.receive("pull_request", pullRequestPayload({ number: 1, headSha: HEAD(1) }));
    await app.runJobs();
    app.github.verify();
    expect(check.bodies[0]).toMatchObject({ head_sha: HEAD(1, 2) });
    expect((await app.store.latestPublishedPlan("oslokommune/booking", 1, "okctl.yaml"))?.headSha).toBe(HEAD(1, 2));
  });
});

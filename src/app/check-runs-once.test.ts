// A job that posted its check run and died before finishing runs again: it updates that check run
// instead of posting a second one (against the GitHub stand-in, with the real store's leases).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startGithubStandin, type GithubStandin } from "../../test/support/github-standin.js";
import { standinAppDeps } from "../../test/support/standin-app-deps.js";
import { openSqliteStore } from "../store/sqlite-store.js";
import { leaseOf, type Store } from "../store/store.js";
import { at, t0 } from "../store/store-fixtures.js";
import { jobCheckRunMark } from "./check-runs-once.js";
import { fencedDeps } from "./fenced-deps.js";
import { publishOutcome } from "./publish.js";
import { renderRefusalComment } from "../render/markdown.js";
import type { Diagnostic } from "../declaration/types.js";

const HEAD = "c".repeat(40);
const LIST = "GET /repos/{owner}/{repo}/commits/{ref}/check-runs";

let standin: GithubStandin;
let store: Store;
let clock = t0;

beforeEach(async () => {
  standin = await startGithubStandin();
  standin.repository.addPullRequest({ number: 3, headSha: HEAD });
  store = openSqliteStore({ memory: true });
  clock = t0;
});
afterEach(async () => {
  await standin.close();
  await store.close();
});

/** What a plan job's run publishes for okctl.yaml on pull request 3: the sticky comment and the check run. */
async function publish(lease: ReturnType<typeof leaseOf>, reason: string, conclusion: "neutral" | "failure" = "neutral", diagnostics?: Diagnostic[]): Promise<void> {
  const deps = fencedDeps(standinAppDeps({ standin, store, now: () => clock }), lease);
  const octokit = await deps.octokitFor(standin.installationId);
  await publishOutcome(deps, octokit, { owner: "oslokommune", repo: "booking", pullNumber: 3, declarationPath: "okctl.yaml", checkSha: HEAD }, {
    comment: renderRefusalComment("okctl.yaml", reason, { sha: HEAD, kind: "head" }),
    conclusion,
    output: { kind: "refusal", declarationPath: "okctl.yaml", reason },
    ...(diagnostics ? { diagnostics } : {}),
  });
}

describe("a job's check runs", () => {
  it("are posted once: a run after a crash updates the check run the crashed run posted", async () => {
    const job = await store.enqueueJob({ kind: "plan", key: "oslokommune/booking#3", payload: null }, t0);
    await publish(leaseOf((await store.leaseNextJob("w1", 1_000, t0))!), "first try");
    // The first run looks nothing up, and marks its check run with the job.
    expect(standin.requests.filter((request) => request.route === LIST)).toEqual([]);
    expect(standin.checkRuns(HEAD).map((run) => [run.name, run.externalId])).toEqual([["okctl plan", jobCheckRunMark(job.id)]]);

    // The worker dies before completing the job; another takes it over once the lease has run out.
    clock = at(1_000);
    const again = (await store.leaseNextJob("w2", 1_000, clock))!;
    expect(again).toMatchObject({ id: job.id, leaseTakenOver: true });
    await publish(leaseOf(again), "second try");

    const runs = standin.checkRuns(HEAD);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: "completed", conclusion: "neutral", externalId: jobCheckRunMark(job.id) });
    expect(runs[0]!.output.summary).toContain("second try");
    expect(standin.appComments(3)).toHaveLength(1);
    expect(standin.unexpected()).toEqual([]);
  });

  it("keep their annotations once: a run after a crash does not send again those the crashed run sent", async () => {
    const diagnostics = [3, 7, 9].map((line) => ({ file: "okctl.yaml", line, column: 1, path: "/metadata", message: `problem on line ${line}` }));
    await store.enqueueJob({ kind: "plan", key: "oslokommune/booking#3", payload: null }, t0);
    await publish(leaseOf((await store.leaseNextJob("w1", 1_000, t0))!), "invalid", "failure", diagnostics);
    clock = at(1_000);
    await publish(leaseOf((await store.leaseNextJob("w2", 1_000, clock))!), "invalid", "failure", diagnostics);
    const [run, ...others] = standin.checkRuns(HEAD);
    expect(others).toEqual([]);
    // GitHub adds an update's annotations to the check run's: sent twice, each would show twice.
    expect(run!.annotations.map((annotation) => annotation.start_line)).toEqual([3, 7, 9]);
    expect(standin.unexpected()).toEqual([]);
  });

  it("of another job on the same commit are its own", async () => {
    const first = await store.enqueueJob({ kind: "plan", key: "a", payload: null }, t0);
    await publish(leaseOf((await store.leaseNextJob("w1", 1_000, t0))!), "first job");
    await store.completeJob(leaseOf((await store.getJob(first.id))!), null, t0);
    // A later job (a new push's plan, say) whose first run failed after its check run, run again.
    const second = await store.enqueueJob({ kind: "plan", key: "b", payload: null }, t0);
    const run1 = leaseOf((await store.leaseNextJob("w1", 1_000, t0))!);
    await publish(run1, "second job");
    await store.failJob(run1, "GitHub unreachable", { now: t0, retryAt: t0 });
    await publish(leaseOf((await store.leaseNextJob("w1", 1_000, t0))!), "second job, again");
    expect(standin.checkRuns(HEAD).map((run) => [run.externalId, run.output.summary?.includes("again") ?? false])).toEqual([
      [jobCheckRunMark(first.id), false],
      [jobCheckRunMark(second.id), true],
    ]);
  });

  it("are posted anew when the earlier run's is completed with another conclusion (GitHub changes no completed check run's conclusion)", async () => {
    const job = await store.enqueueJob({ kind: "plan", key: "oslokommune/booking#3", payload: null }, t0);
    const first = leaseOf((await store.leaseNextJob("w1", 1_000, t0))!);
    await publish(first, "refused");
    await store.failJob(first, "GitHub unreachable", { now: t0, retryAt: t0 });
    await publish(leaseOf((await store.leaseNextJob("w1", 1_000, t0))!), "failed", "failure");
    expect(standin.checkRuns(HEAD).map((run) => [run.externalId, run.conclusion])).toEqual([
      [jobCheckRunMark(job.id), "neutral"],
      [jobCheckRunMark(job.id), "failure"],
    ]);
    expect(standin.checkRuns(HEAD)[0]!.history).toHaveLength(1); // never sent a change it would not take
  });
});

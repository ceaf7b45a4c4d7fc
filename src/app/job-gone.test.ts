// A job of an uninstalled app (GitHub refuses the installation's token with 404) fails for good on
// its first attempt; a plan or command job about a repository or pull request GitHub answers 404
// for is asked again twice (replication lag), then fails for good, saying why, instead of asking
// for minutes; a GitHub fault (5xx) is retried as before. A merge keeps retrying a repository's 404 (a merge is never lost), but not an
// uninstalled app's. Against the GitHub stand-in with the real worker and store.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startGithubStandin, type GithubStandin } from "../../test/support/github-standin.js";
import { standinAppDeps } from "../../test/support/standin-app-deps.js";
import { openSqliteStore } from "../store/sqlite-store.js";
import type { NewJob, Store } from "../store/store.js";
import { t0 } from "../store/store-fixtures.js";
import { startWorker, type Worker } from "../store/worker.js";
import { asJson, type CommandJobPayload, type PlanJobPayload } from "./job-payloads.js";
import { jobHandlers } from "./job-handlers.js";
import { jobsForPush } from "./webhook-jobs.js";
import { NOT_FOUND_ATTEMPTS } from "./retry-policy.js";
import { pushPayload } from "../../test/support/webhooks.js";

const GONE = /^PermanentJobError: GitHub answered 404 \(Not Found.*\): the installation, repository or pull request is gone or not shared with the app; asking again cannot help\. If it is there, check GHE_HOST and that the app's installation has access to the repository, then `okctl jobs retry` this job$/;

let standin: GithubStandin;
let store: Store;
let worker: Worker | undefined;

beforeEach(async () => {
  standin = await startGithubStandin();
  store = openSqliteStore({ memory: true });
});
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  await standin.close();
  await store.close();
});

function plan(pullNumber: number, repo = "booking", installationId = standin.installationId): NewJob {
  const payload: PlanJobPayload = { installationId, owner: "oslokommune", repo, pullNumber, trigger: "pull_request" };
  return { kind: "plan", key: `oslokommune/${repo}#${pullNumber}`, payload: asJson(payload) };
}

let clock = t0;

/** Runs the jobs until none is runnable, then (with `retries`) moves the clock to each retry and runs again, `retries` times. */
async function runAll(jobs: NewJob[], retries = 0) {
  clock = t0;
  const enqueued = [];
  for (const job of jobs) enqueued.push(await store.enqueueJob(job, t0));
  worker = startWorker({ store, handlers: jobHandlers(standinAppDeps({ standin, store, now: () => clock })), workerId: "w", now: () => clock, pollMs: 2 });
  await worker.runUntilIdle();
  for (let retry = 0; retry < retries; retry++) {
    const waiting = await store.listJobs({ state: "pending" });
    if (waiting.length === 0) break;
    clock = new Date(Math.max(...waiting.map((job) => job.runAfter.getTime())));
    await worker.runUntilIdle();
  }
  return Promise.all(enqueued.map(async (job) => (await store.getJob(job.id))!));
}

describe("a plan or command job about what GitHub no longer has for the app", () => {
  it("is dead on its first attempt when the installation's access token is refused with 404 (uninstalled)", async () => {
    const [job] = await runAll([plan(1, "booking", standin.installationId + 1)]);
    expect(job).toMatchObject({ state: "dead", attempts: 1 });
    expect(job!.lastError).toMatch(GONE);
  });

  it("is asked again twice, 5 and 10 s later (GitHub's replication lag), then dead when the pull request or the repository answers 404", async () => {
    const command: CommandJobPayload = { installationId: standin.installationId, owner: "oslokommune", repo: "booking", pullNumber: 8, commentId: 1, commenter: "octocat", command: "/okctl plan" };
    const jobs = [plan(8), plan(1, "deleted-repository"), { kind: "command", key: "oslokommune/booking#8:comment-1", payload: asJson(command) }];
    for (const job of await runAll(jobs, 5)) {
      expect(job).toMatchObject({ state: "dead", attempts: NOT_FOUND_ATTEMPTS });
      // Its last try was 5 + 10 s after the first.
      expect(job.finishedAt!.getTime() - t0.getTime()).toBe(15_000);
      expect(job.lastError).toMatch(GONE);
    }
  });

  it("is picked up by a retry when the pull request shows up (replication lag)", async () => {
    standin.failNext("GET /repos/{owner}/{repo}/pulls/{pull_number}", 404, { message: "Not Found" });
    standin.repository.addPullRequest({ number: 3, state: "closed" });
    const [job] = await runAll([plan(3)], 1);
    expect(job).toMatchObject({ state: "completed", attempts: 2, result: { skipped: "pull request is not open" } });
  });

  it("is retried when GitHub fails (5xx)", async () => {
    standin.repository.addPullRequest({ number: 3 });
    standin.failNext("GET /repos/{owner}/{repo}/pulls/{pull_number}", 502);
    const [job] = await runAll([plan(3)]);
    expect(job).toMatchObject({ state: "pending", attempts: 1 });
    expect(job!.lastError).toMatch(/^GitHub unreachable: /);
  });
});

describe("a merge job GitHub answers 404 for", () => {
  const merge = (repo: string, installationId: number): NewJob => jobsForPush(pushPayload({ repo, installationId, commits: [{ modified: ["okctl.yaml"] }] }))[0]!;

  it("of an uninstalled app is dead at once, leaving nothing to report to", async () => {
    const [job] = await runAll([merge("booking", standin.installationId + 1)]);
    expect(job).toMatchObject({ state: "dead", attempts: 1 });
    expect(job!.lastError).toMatch(/^PermanentJobError: GitHub answered 404 /);
    expect(await store.listJobs({ kind: "gave-up" })).toEqual([]);
  });

  it("of a repository the installation can't reach is retried (a merge is never lost)", async () => {
    const [job] = await runAll([merge("deleted-repository", standin.installationId)]);
    expect(job).toMatchObject({ state: "pending", attempts: 1 });
    expect(job!.lastError).toMatch(/^GitHub unreachable: Not Found/);
  });
});

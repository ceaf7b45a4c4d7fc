// A job whose GitHub call gets no answer, however often it is sent: each send is abandoned after
// the GitHub timeout (the bounded fetch the server gives Probot), Octokit sends it again three
// times, and then the job fails as a GitHub fault with the call named, and is retried later.
// Against the GitHub stand-in (the route held unanswered) with the real worker and store.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startGithubStandin, type GithubStandin } from "../../test/support/github-standin.js";
import { standinAppDeps } from "../../test/support/standin-app-deps.js";
import { boundedFetch, sendInCallersScope } from "../bounds/github-fetch.js";
import { openSqliteStore } from "../store/sqlite-store.js";
import type { Store } from "../store/store.js";
import { t0 } from "../store/store-fixtures.js";
import { startWorker, type Worker } from "../store/worker.js";
import { asJson, type PlanJobPayload } from "./job-payloads.js";
import { jobHandlers } from "./job-handlers.js";

const PULL_ROUTE = "GET /repos/{owner}/{repo}/pulls/{pull_number}";
// Every GitHub call of the job has this bound, the installation token's too: on a busy 2-core
// machine that call (an RSA signature, a stand-in answer) took over 150 ms, and the job then failed
// on the token instead of the held call.
const TIMEOUT_MS = 500;
/** A send and Octokit's three resends. */
const SENDS = 4;

let standin: GithubStandin;
let store: Store;
let worker: Worker | undefined;
let clock = t0;

beforeEach(async () => {
  standin = await startGithubStandin();
  store = openSqliteStore({ memory: true });
  clock = t0;
});
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  await standin.close();
  await store.close();
});

/** As the server builds the clients (src/server.ts), but Octokit's resends 1, 4 and 9 ms apart instead of seconds. */
function appDeps() {
  return standinAppDeps({
    standin,
    store,
    now: () => clock,
    client: { request: { fetch: boundedFetch(TIMEOUT_MS) }, retry: { retryAfterBaseValue: 1 } },
    wrap: sendInCallersScope,
  });
}

describe("a job whose GitHub call never gets an answer", () => {
  it("fails as a GitHub fault naming the call after every resend timed out, and is retried later", async () => {
    const pull = standin.repository.addPullRequest({ number: 3 });
    const payload: PlanJobPayload = { installationId: standin.installationId, owner: "oslokommune", repo: "booking", pullNumber: pull.number, trigger: "pull_request" };
    const job = await store.enqueueJob({ kind: "plan", key: "oslokommune/booking#3", payload: asJson(payload) }, t0);
    standin.hold(PULL_ROUTE, SENDS);
    worker = startWorker({ store, handlers: jobHandlers(appDeps()), workerId: "w", now: () => clock, pollMs: 2 });
    await worker.runUntilIdle();

    const failed = (await store.getJob(job.id))!;
    expect(failed).toMatchObject({ state: "pending", attempts: 1 });
    expect(failed.lastError).toBe(`GitHub unreachable: GitHub GET /api/v3/repos/oslokommune/booking/pulls/3 did not answer: no answer within ${TIMEOUT_MS} ms`);
    expect(failed.runAfter.getTime()).toBeGreaterThan(t0.getTime());
    const sends = standin.requests.filter((request) => request.route === PULL_ROUTE);
    expect(sends).toHaveLength(SENDS);
    // The stand-in sees each abandonment when the closed connection reaches it, which on a busy machine can be after the job failed.
    for (const send of sends) expect(await standin.waitFor(() => send.held?.abandonedAfterMs, { timeoutMs: 5_000, what: "the abandonment" })).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);

    // GitHub answers again (the pull request was closed meanwhile): the retry runs the job to its end.
    standin.repository.updatePullRequest(pull.number, { state: "closed" });
    clock = failed.runAfter;
    await worker.runUntilIdle();
    expect(await store.getJob(job.id)).toMatchObject({ state: "completed", attempts: 2, result: { skipped: "pull request is not open" } });
    expect(standin.unexpected()).toEqual([]);
  });
});

// No merge is ever lost: with a fake clock, a merge job retries through 6 hours of GitHub errors
// (its schedule in the store), then gives up and leaves a job that holds its apply and reports it
// on the merge commit and the pull request once GitHub answers again.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeSha, pullRequestPayload, pushPayload } from "../../test/support/webhooks.js";
import { parseAccessConfig } from "../aws/access-config.js";
import { API, testOctokit } from "../github/testing.js";
import { openSqliteStore } from "../store/sqlite-store.js";
import { planFixture, t0 } from "../store/store-fixtures.js";
import type { Job, Store } from "../store/store.js";
import { leaseOf } from "../store/lease.js";
import { startWorker, type Worker } from "../store/worker.js";
import type { AppDeps } from "./deps.js";
import { jobHandlers } from "./job-handlers.js";
import { DURABLE_JOB_ATTEMPTS, DURABLE_RETRY_WINDOW_MS, retrySpanMs } from "./retry-policy.js";
import { jobsForPush } from "./webhook-jobs.js";

const REPO = "/repos/oslokommune/booking";
const MERGE = fakeSha("merge-1");
const BASE = fakeSha("base");
const DECLARATION = readFileSync(new URL("../../examples/okctl.yaml", import.meta.url), "utf8");
const ACCESS = `repositories:
  - repository: oslokommune/booking
    roleArn: arn:aws:iam::123456789012:role/okctl-deploy
    accounts: ["123456789012"]
    regions: [eu-west-1]
    eksClusterRoleArn: arn:aws:iam::123456789012:role/okctl-eks-cluster
    eksNodeRoleArn: arn:aws:iam::123456789012:role/okctl-eks-node
    allowedDomains: ["oslo.systems", "*.oslo.systems"]
`;

let store: Store;
let worker: Worker | undefined;
let clock: Date;
let errors: string[];

function deps(): AppDeps {
  const access = parseAccessConfig(ACCESS, "access.yaml");
  if (!access.ok) throw new Error(`test access config: ${JSON.stringify(access.diagnostics)}`);
  return {
    store,
    accessConfig: access.config,
    octokitFor: async () => testOctokit(),
    openSession: async () => {
      throw new Error("no AWS in this test");
    },
    now: () => clock,
    log: { info() {}, warn() {}, error() {} },
    botLogin: "okctl[bot]",
  };
}

function start(): Worker {
  const logger = { debug() {}, info() {}, warn() {}, error: (_fields: object, message: string) => void errors.push(message) };
  worker = startWorker({ store, handlers: jobHandlers(deps()), workerId: "w", now: () => clock, pollMs: 2, logger });
  return worker;
}

/** Runs the job until it is no longer pending, moving the clock to each retry. */
async function runToEnd(running: Worker, jobId: string, maxRounds = 200): Promise<Job> {
  for (let round = 0; round < maxRounds; round++) {
    await running.runUntilIdle();
    const job = await store.getJob(jobId);
    if (!job || job.state !== "pending") return job!;
    clock = job.runAfter;
  }
  throw new Error(`job ${jobId} still pending after ${maxRounds} rounds`);
}

beforeEach(() => {
  nock.disableNetConnect();
  store = openSqliteStore({ memory: true });
  clock = t0;
  errors = [];
});
afterEach(async () => {
  await worker?.stop({ timeoutMs: 1000 });
  worker = undefined;
  await store.close();
  nock.cleanAll();
});

function mergePushJob() {
  const [job] = jobsForPush(pushPayload({ before: BASE, after: MERGE, commits: [{ modified: ["okctl.yaml"] }], pusher: "maintainer" }));
  return job!;
}

describe("the retry schedule", () => {
  it("keeps a merge or apply trying for at least 6 hours", () => {
    expect(retrySpanMs(DURABLE_JOB_ATTEMPTS)).toBeGreaterThanOrEqual(DURABLE_RETRY_WINDOW_MS);
    expect(mergePushJob().maxAttempts).toBe(DURABLE_JOB_ATTEMPTS);
  });

  it("is in the store: a restart resumes it where it was", async () => {
    const dir = mkdtempSync(join(tmpdir(), "okctl-never-lost-"));
    try {
      const disk = openSqliteStore({ dataDir: dir });
      const job = await disk.enqueueJob(mergePushJob(), t0);
      const leased = await disk.leaseNextJob("w", 60_000, t0);
      await disk.failJob(leaseOf(leased!), "GitHub unreachable: 502", { now: t0, retryAt: new Date(t0.getTime() + 300_000) });
      await disk.close();
      const reopened = openSqliteStore({ dataDir: dir });
      expect(await reopened.getJob(job.id)).toMatchObject({ state: "pending", attempts: 1, maxAttempts: DURABLE_JOB_ATTEMPTS, runAfter: new Date(t0.getTime() + 300_000) });
      await reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a merge during a long GitHub outage", () => {
  it("retries for 6 hours, gives up, and its apply is held and reported once GitHub answers", async () => {
    await store.savePublishedPlan({ repository: "oslokommune/booking", pullNumber: 1, declarationPath: "okctl.yaml", headSha: fakeSha("head-1"), planHash: "h1", plan: planFixture("h1"), publishedAt: t0 });
    const merge = await store.enqueueJob(mergePushJob(), clock);
    const outage = nock(API).persist().get(`${REPO}/commits/${MERGE}/pulls`).reply(502, { message: "Server Error" });
    const running = start();

    const dead = await runToEnd(running, merge.id);
    expect(dead).toMatchObject({ state: "dead", attempts: DURABLE_JOB_ATTEMPTS });
    expect(dead.lastError).toMatch(/^GitHub unreachable: /);
    expect(dead.finishedAt!.getTime() - merge.enqueuedAt.getTime()).toBeGreaterThanOrEqual(DURABLE_RETRY_WINDOW_MS);
    expect(errors).toContain("merge job gave up: its applies are held and will be reported");

    // GitHub still down: the report waits, and retries.
    const [report] = await store.listJobs({ kind: "gave-up" });
    expect(report).toMatchObject({ state: "pending" });
    await running.runUntilIdle();
    expect(await store.getJob(report!.id)).toMatchObject({ state: "pending", attempts: 1 });
    expect((await store.getJob(report!.id))?.lastError).toMatch(/^GitHub unreachable: /);

    // GitHub answers again: held, and reported on the pull request and the merge commit.
    outage.persist(false);
    nock.cleanAll();
    const merged = pullRequestPayload({ number: 1, action: "closed", headSha: fakeSha("head-1"), baseSha: BASE }).pull_request;
    const bodies: Record<string, unknown>[] = [];
    nock(API)
      .get(`${REPO}/commits/${MERGE}/pulls`).reply(200, [{ ...merged, merged_at: "2030-01-01T06:00:00Z", merge_commit_sha: MERGE }])
      .get(`${REPO}/contents/okctl.yaml`).query({ ref: MERGE }).reply(200, DECLARATION, { "content-type": "application/vnd.github.raw" })
      .get(`${REPO}/issues/1/comments`).query(true).reply(200, [])
      .post(`${REPO}/issues/1/comments`).reply(201, (_uri, body) => (bodies.push(body as Record<string, unknown>), { id: 7, body: (body as { body: string }).body, user: { login: "okctl[bot]", type: "Bot" } }))
      // Its second run: first, whether its first run posted the check run already (it did not).
      .get(`${REPO}/commits/${MERGE}/check-runs`).query(true).reply(200, { total_count: 0, check_runs: [] })
      .post(`${REPO}/check-runs`).reply(201, (_uri, body) => (bodies.push(body as Record<string, unknown>), { id: 8 }));
    clock = (await store.getJob(report!.id))!.runAfter;
    expect(await runToEnd(running, report!.id)).toMatchObject({ state: "completed", result: { "okctl.yaml": "held" } });

    const [comment, check] = bodies;
    expect(String(comment?.body)).toMatch(/^<!-- okctl:apply path=okctl\.yaml -->\n/);
    expect(String(comment?.body)).toContain("GitHub unreachable");
    expect(String(comment?.body)).toContain("`/okctl apply`");
    expect(check).toMatchObject({ name: "okctl apply", head_sha: MERGE, status: "completed", conclusion: "neutral", external_id: `okctl-job-${report!.id}` });
    const held = await store.takeHeldApply("oslokommune/booking", 1, "okctl.yaml");
    expect(held).toMatchObject({ mergeSha: MERGE, planHash: "h1", clusterKey: "123456789012/eu-west-1/booking-dev" });
    expect(held?.reason).toContain("GitHub unreachable");
  }, 60_000);
});

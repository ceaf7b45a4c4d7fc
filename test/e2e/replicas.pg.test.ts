// Two real server processes (`node dist/src/server.js`) share one PostgreSQL database behind a
// round-robin load balancer, with the GitHub stand-in and moto: deliveries spread over both, a
// redelivery reaching the other replica does nothing twice, two merges to one cluster landing on
// different replicas are applied one after the other in merge order, and a replica killed in the
// middle of an apply is taken over by the other one, which finishes it without creating anything
// twice (and only then runs the second merge's apply).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore } from "../../src/app/config-from-env.js";
import type { Job, Store } from "../../src/store/store.js";
import { EXAMPLE, withParameter } from "../app/fixtures.js";
import { WEBHOOK_PATH, type AppProcess } from "../support/app-process.js";
import { useMoto } from "../support/aws.js";
import { hostParentZone, testClients } from "../support/engine.js";
import { TOKEN_ROUTE, type GithubStandin } from "../support/github-standin.js";
import { usePostgres } from "../support/postgres.js";
import { startHoldingProxy, type HoldingProxy } from "./holding-proxy.js";
import { clusterResources } from "./moto-queries.js";
import { addDeclarationPullRequest, deliverPullRequestOpened, failureReport, latestCheckRun, mergeAndDeliverPush, startE2e, CLUSTER, TAKEOVER_LEASE, type E2e } from "./okctl-server.js";
import { startRoundRobinProxy, type RoundRobinProxy } from "./round-robin-proxy.js";

const { endpoint: motoEndpoint } = useMoto(); // resets moto before each test
const db = usePostgres();
const clients = testClients();
const isCreateCluster = (request: { method: string; path: string }) => request.method === "POST" && request.path === "/clusters";

let holding: HoldingProxy;
let replicas: Replicas | undefined;

interface Replicas {
  e2e: E2e;
  balancer: RoundRobinProxy;
  /** The e2e set-up with the load balancer's URL as the webhook URL. */
  viaBalancer: E2e;
  /** The replicas' store, read the way an operator would. */
  store: Store;
}

beforeEach(async () => {
  await hostParentZone(clients);
  holding = await startHoldingProxy(motoEndpoint, isCreateCluster);
});

/** Two replicas on a fresh schema, with `env` over startE2e's (e.g. the lease), behind the balancer. */
async function startReplicas(env: Record<string, string> = {}): Promise<Replicas> {
  const databaseUrl = await db.freshSchema();
  // No drift rounds: these tests are about deliveries and jobs shared by replicas, and stay lean.
  const e2e = await startE2e(holding.url, { replicas: 2, env: { OKCTL_DATABASE_URL: databaseUrl, ...TAKEOVER_LEASE, ...env } });
  const store = await openStore({ OKCTL_DATABASE_URL: databaseUrl });
  const balancer = await startRoundRobinProxy(e2e.apps.map((app) => app.url));
  replicas = { e2e, store, balancer, viaBalancer: { ...e2e, app: { ...e2e.app, webhookUrl: `${balancer.url}${WEBHOOK_PATH}` } } };
  return replicas;
}
afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail") {
    console.error(failureReport(replicas?.e2e));
    console.error(`second replica log (tail):\n${replicas?.e2e.apps[1]?.logs().slice(-6000)}`);
  }
  await replicas?.balancer.close();
  await replicas?.store.close();
  await replicas?.e2e.stop();
  replicas = undefined;
  await holding?.close();
});

const jobStarted = (logs: string, kind: string) => logs.split("\n").some((line) => line.includes('"job started"') && line.includes(`"kind":"${kind}"`));

/** Waits for the newest `okctl apply` check run on `sha` to complete, and returns it. */
function applyCompleted(standin: GithubStandin, sha: string, timeoutMs: number, what: string) {
  return standin.waitFor(() => {
    const run = latestCheckRun(standin, sha, "okctl apply");
    return run?.status === "completed" ? run : undefined;
  }, { timeoutMs, what });
}

/** Polls an asynchronous condition (a store query) until it holds. */
async function until(probe: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function metric(url: string, name: string, labels: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${name}{`) && candidate.includes(labels));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(" ") + 1));
}

describe("two replicas on one PostgreSQL database", () => {
  it("share deliveries, do a redelivery nothing twice, apply two merges in order, and finish an apply whose replica was killed", async () => {
    const { e2e, store, balancer, viaBalancer } = await startReplicas();
    const { standin, apps } = e2e;
    for (const app of apps) expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
    const scenario = addDeclarationPullRequest(standin);
    const second = addDeclarationPullRequest(standin, 2, withParameter(EXAMPLE, "app/b", "two"));

    // The plans: #1 delivered to one replica, redelivered (same id) through the balancer to the other; #2 planned too.
    const opened = await deliverPullRequestOpened(viaBalancer, scenario, "delivery-pr-opened");
    const again = await deliverPullRequestOpened(viaBalancer, scenario, "delivery-pr-opened");
    const openedSecond = await deliverPullRequestOpened(viaBalancer, second);
    expect([opened.status, again.status, openedSecond.status]).toEqual([200, 200, 200]);
    expect(balancer.routed()).toEqual([0, 1, 0]);
    for (const pull of [scenario, second]) {
      await standin.waitFor(() => latestCheckRun(standin, pull.headSha, "okctl plan")?.conclusion === "success", { timeoutMs: 60_000, what: `the plan of #${pull.pull.number}` });
    }
    const duplicates = (await metric(apps[0]!.url, "okctl_webhook_deliveries_total", 'outcome="duplicate"')) + (await metric(apps[1]!.url, "okctl_webhook_deliveries_total", 'outcome="duplicate"'));
    expect(duplicates).toBe(1);
    expect(standin.checkRuns(scenario.headSha).filter((run) => run.name === "okctl plan")).toHaveLength(1);

    // The first merge: one replica runs its apply, held at EKS CreateCluster.
    await mergeAndDeliverPush(viaBalancer, scenario);
    await standin.waitFor(() => holding.held().length > 0, { timeoutMs: 90_000, what: "EKS CreateCluster to be held" });
    // The second merge lands on the other replica while the first apply runs: its apply waits in the cluster's queue.
    await mergeAndDeliverPush(viaBalancer, second, scenario.mergeSha);
    expect(balancer.routed().slice(3)).toEqual([1, 0]);
    await until(async () => (await store.listJobs({ kind: "apply" })).length === 2, "the second merge's apply to be enqueued");
    const running = apps.findIndex((app) => jobStarted(app.logs(), "apply"));
    expect(running).toBeGreaterThanOrEqual(0);
    const survivor = apps[1 - running]!;
    expect(jobStarted(survivor.logs(), "apply")).toBe(false);
    expect((await store.listJobs({ kind: "apply" })).map((job) => job.state)).toEqual(["leased", "pending"]);

    // SIGKILL of the replica running the first apply.
    expect((await apps[running]!.kill("SIGKILL")).signal).toBe("SIGKILL");
    await standin.waitFor(() => holding.held().length === 0, { timeoutMs: 5_000, what: "the killed replica's request to be dropped" });
    expect(await clusterResources(clients, CLUSTER)).toMatchObject({ vpcs: 1, eksCluster: null });
    holding.release();

    // The other replica takes the first apply over once the lease (3 s) expires, and finishes it.
    const apply = await applyCompleted(standin, scenario.mergeSha, 120_000, "the taken-over apply to complete");
    expect(apply.conclusion).toBe("success");
    expect(jobStarted(survivor.logs(), "apply")).toBe(true);
    expect(survivor.logs()).toContain("took over a job whose lease had expired");
    expect(await metric(survivor.url, "okctl_job_lease_takeovers_total", 'kind="apply"')).toBe(1);
    expect(await metric(survivor.url, "okctl_aws_calls_total", 'operation="CreateCluster"')).toBeGreaterThanOrEqual(1);
    expect(standin.checkRuns(scenario.mergeSha).filter((run) => run.name === "okctl apply").map((run) => run.status)).toEqual(["completed"]);
    const after = await clusterResources(clients, CLUSTER);
    expect(after).toMatchObject({ vpcs: 1, subnets: 9, natGateways: 3, eksCluster: "1.31", nodegroups: ["generic"] });

    // Then, and only then, the second merge's apply: it re-plans on what the first left, finds the
    // plan changed since review (the cluster exists now), and holds it for `/okctl apply`.
    const held = await applyCompleted(standin, second.mergeSha, 60_000, "the second merge's apply");
    expect(held.conclusion).toBe("neutral");
    await until(async () => (await store.listJobs({ kind: "apply", state: "completed" })).length === 2, "both applies to complete in the store");
    const applies = await store.listJobs({ kind: "apply" });
    expect(applies.map((job) => [job.key.split("@")[0], job.state, job.attempts, job.leaseTakenOver])).toEqual([
      ["oslokommune/booking#1:okctl.yaml", "completed", 2, true],
      ["oslokommune/booking#2:okctl.yaml", "completed", 1, false],
    ]);
    const [first, later] = applies as [Job, Job];
    expect(first.queue).toBe(later.queue);
    expect(later.enqueuedAt.getTime()).toBeLessThan(first.finishedAt!.getTime()); // it waited while the first ran
    const audit = (await store.listApplyAudit({ clusterKey: first.queue!.replace(/^cluster:/, "") })).reverse();
    expect(audit.map((entry) => [entry.pullNumber, entry.mergeSha, entry.result])).toEqual([
      [1, scenario.mergeSha, "succeeded"],
      [2, second.mergeSha, "held"],
    ]);
    expect(audit[1]!.startedAt.getTime()).toBeGreaterThanOrEqual(audit[0]!.finishedAt.getTime()); // never overlapping
    expect(await clusterResources(clients, CLUSTER)).toEqual(after);
    expect(standin.unexpected()).toEqual([]);
  }, 240_000);
});

/** GET /readyz every few milliseconds until the server no longer answers: the statuses it gave. */
async function readinessUntilGone(url: string): Promise<number[]> {
  const statuses: number[] = [];
  for (;;) {
    try {
      statuses.push((await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) })).status);
    } catch {
      return statuses;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Sends SIGTERM and waits at most `withinMs` for the exit (then SIGKILL, and the test fails). */
async function terminate(app: AppProcess, withinMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; tookMs: number; readiness: number[] }> {
  const sentAt = Date.now();
  const exited = app.kill("SIGTERM");
  const readiness = readinessUntilGone(app.url);
  let timer: NodeJS.Timeout | undefined;
  const exit = await Promise.race([exited, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), withinMs)))]);
  clearTimeout(timer);
  if (exit === undefined) {
    await app.kill("SIGKILL");
    throw new Error(`the replica did not exit within ${withinMs / 1000} s of SIGTERM`);
  }
  return { ...exit, tookMs: Date.now() - sentAt, readiness: await readiness };
}

describe("a replica stopped with SIGTERM in the middle of an apply", () => {
  it("hands the job back at once: it exits promptly, and the other replica resumes the apply long before the lease would expire, writing nothing twice", async () => {
    // A lease of 10 minutes: were the job not handed back, the other replica would wait that long.
    const { e2e, store } = await startReplicas({ OKCTL_JOB_LEASE_MS: String(10 * 60_000) });
    const { standin, apps } = e2e;
    const scenario = addDeclarationPullRequest(standin);
    await deliverPullRequestOpened(e2e, scenario);
    await standin.waitFor(() => latestCheckRun(standin, scenario.headSha, "okctl plan")?.conclusion === "success", { timeoutMs: 60_000, what: "the plan" });

    // The merge's apply runs on one replica, held at EKS CreateCluster (the network exists).
    await mergeAndDeliverPush(e2e, scenario);
    await standin.waitFor(() => holding.held().length > 0, { timeoutMs: 90_000, what: "EKS CreateCluster to be held" });
    const running = apps.findIndex((app) => jobStarted(app.logs(), "apply"));
    expect(running).toBeGreaterThanOrEqual(0);
    const [stopping, other] = [apps[running]!, apps[1 - running]!];
    const [before] = (await store.listJobs({ kind: "apply" })) as [Job];
    expect(before).toMatchObject({ state: "leased", attempts: 1, leaseTakenOver: false });
    expect(before.leasedBy).toContain(`-${stopping.pid()}-`);
    expect(latestCheckRun(standin, scenario.mergeSha, "okctl apply")?.status).toBe("in_progress");

    // SIGTERM: not ready any more, the job handed back, and a clean exit within seconds.
    const stopped = await terminate(stopping, 10_000);
    expect({ code: stopped.code, signal: stopped.signal }).toEqual({ code: 0, signal: null });
    expect(stopped.tookMs).toBeLessThan(10_000);
    expect(stopped.readiness).toContain(503);
    expect(stopped.readiness.slice(stopped.readiness.indexOf(503))).not.toContain(200);
    expect(stopping.logs()).toContain("job handed back: another worker runs it now");
    expect(stopping.logs()).toContain("worker stopped; running jobs handed back");

    // The other replica leases it at once (its lease, not a takeover), on the attempt given back.
    await until(async () => (await store.getJob(before.id))?.leasedBy?.includes(`-${other.pid()}-`) === true, "the other replica to lease the handed-back apply", 15_000);
    const resumed = (await store.getJob(before.id))!;
    expect(resumed).toMatchObject({ state: "leased", attempts: 2, maxAttempts: before.maxAttempts + 1, leaseTakenOver: false, leaseToken: before.leaseToken + 1 });
    expect(other.logs()).not.toContain("took over a job whose lease had expired");

    holding.release();
    const apply = await applyCompleted(standin, scenario.mergeSha, 120_000, "the resumed apply to complete");
    expect(apply.conclusion).toBe("success");
    expect(await clusterResources(clients, CLUSTER)).toMatchObject({ vpcs: 1, subnets: 9, natGateways: 3, eksCluster: "1.31", nodegroups: ["generic"] });
    await until(async () => (await store.getJob(before.id))?.state === "completed", "the apply to complete in the store");
    expect(await store.getJob(before.id)).toMatchObject({ attempts: 2, leaseTakenOver: false, lastError: null });

    // Nothing twice on GitHub: one apply check run (the stopped replica's, taken over), one plan
    // and one apply comment; and one audit record, the success (the interrupted run recorded none).
    expect(standin.checkRuns(scenario.mergeSha).map((run) => [run.name, run.status, run.conclusion])).toEqual([["okctl apply", "completed", "success"]]);
    const isResult = (body: string) => body.startsWith("<!-- okctl:apply path=okctl.yaml -->");
    await standin.waitFor(() => standin.appComments(scenario.pull.number).some((c) => isResult(c.body)), { timeoutMs: 20_000, what: "the apply result comment" });
    expect(standin.appComments(scenario.pull.number)).toHaveLength(2);
    const created = standin.requests.filter((r) => r.method === "POST" && r.route !== TOKEN_ROUTE).map((r) => r.route);
    expect(created.sort()).toEqual(["POST /repos/{owner}/{repo}/check-runs", "POST /repos/{owner}/{repo}/check-runs", "POST /repos/{owner}/{repo}/issues/{issue_number}/comments", "POST /repos/{owner}/{repo}/issues/{issue_number}/comments"]);
    const audit = await store.listApplyAudit({ clusterKey: before.queue!.replace(/^cluster:/, "") });
    expect(audit.map((entry) => entry.result)).toEqual(["succeeded"]);
    expect(standin.unexpected()).toEqual([]);
  }, 180_000);
});

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
import { WEBHOOK_PATH } from "../support/app-process.js";
import { useMoto } from "../support/aws.js";
import { hostParentZone, testClients } from "../support/engine.js";
import { usePostgres } from "../support/postgres.js";
import { startHoldingProxy, type HoldingProxy } from "./holding-proxy.js";
import { clusterResources } from "./moto-queries.js";
import { addDeclarationPullRequest, deliverPullRequestOpened, failureReport, latestCheckRun, mergeAndDeliverPush, startE2e, CLUSTER, type E2e } from "./okctl-server.js";
import { startRoundRobinProxy, type RoundRobinProxy } from "./round-robin-proxy.js";

const { endpoint: motoEndpoint } = useMoto(); // resets moto before each test
const db = usePostgres();
const clients = testClients();
const isCreateCluster = (request: { method: string; path: string }) => request.method === "POST" && request.path === "/clusters";

let holding: HoldingProxy;
let balancer: RoundRobinProxy;
let e2e: E2e;
/** The e2e set-up with the load balancer's URL as the webhook URL. */
let viaBalancer: E2e;
/** The replicas' store, read the way an operator would. */
let store: Store;

beforeEach(async () => {
  await hostParentZone(clients);
  holding = await startHoldingProxy(motoEndpoint, isCreateCluster);
  const databaseUrl = await db.freshSchema();
  // No drift rounds: this test is about deliveries and applies shared by replicas, and stays lean.
  e2e = await startE2e(holding.url, { replicas: 2, env: { OKCTL_DATABASE_URL: databaseUrl } });
  store = await openStore({ OKCTL_DATABASE_URL: databaseUrl });
  balancer = await startRoundRobinProxy(e2e.apps.map((app) => app.url));
  viaBalancer = { ...e2e, app: { ...e2e.app, webhookUrl: `${balancer.url}${WEBHOOK_PATH}` } };
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail") {
    console.error(failureReport(e2e));
    console.error(`second replica log (tail):\n${e2e?.apps[1]?.logs().slice(-6000)}`);
  }
  await balancer?.close();
  await store?.close();
  await e2e?.stop();
  await holding?.close();
});

const jobStarted = (logs: string, kind: string) => logs.split("\n").some((line) => line.includes('"job started"') && line.includes(`"kind":"${kind}"`));

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
    const apply = await standin.waitFor(() => {
      const run = latestCheckRun(standin, scenario.mergeSha, "okctl apply");
      return run?.status === "completed" ? run : undefined;
    }, { timeoutMs: 120_000, what: "the taken-over apply to complete" });
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
    const held = await standin.waitFor(() => {
      const run = latestCheckRun(standin, second.mergeSha, "okctl apply");
      return run?.status === "completed" ? run : undefined;
    }, { timeoutMs: 60_000, what: "the second merge's apply" });
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

// Two real server processes (`node dist/src/server.js`) share one PostgreSQL database behind a
// round-robin load balancer, with the GitHub stand-in and moto: deliveries spread over both, a
// redelivery reaching the other replica does nothing twice, and a replica killed in the middle of
// an apply is taken over by the other one, which finishes it without creating anything twice.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
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

beforeEach(async () => {
  await hostParentZone(clients);
  holding = await startHoldingProxy(motoEndpoint, isCreateCluster);
  e2e = await startE2e(holding.url, { replicas: 2, env: { OKCTL_DATABASE_URL: await db.freshSchema() } });
  balancer = await startRoundRobinProxy(e2e.apps.map((app) => app.url));
  viaBalancer = { ...e2e, app: { ...e2e.app, webhookUrl: `${balancer.url}${WEBHOOK_PATH}` } };
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail") {
    console.error(failureReport(e2e));
    console.error(`second replica log (tail):\n${e2e?.apps[1]?.logs().slice(-6000)}`);
  }
  await balancer?.close();
  await e2e?.stop();
  await holding?.close();
});

const jobStarted = (logs: string, kind: string) => logs.split("\n").some((line) => line.includes('"job started"') && line.includes(`"kind":"${kind}"`));

async function metric(url: string, name: string, labels: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${name}{`) && candidate.includes(labels));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(" ") + 1));
}

describe("two replicas on one PostgreSQL database", () => {
  it("share deliveries, do a redelivery nothing twice, and finish an apply whose replica was killed", async () => {
    const { standin, apps } = e2e;
    for (const app of apps) expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
    const scenario = addDeclarationPullRequest(standin);

    // The plan: delivered to one replica, redelivered (same id) through the balancer to the other.
    const opened = await deliverPullRequestOpened(viaBalancer, scenario, "delivery-pr-opened");
    const again = await deliverPullRequestOpened(viaBalancer, scenario, "delivery-pr-opened");
    expect([opened.status, again.status]).toEqual([200, 200]);
    expect(new Set(balancer.routed())).toEqual(new Set([0, 1]));
    await standin.waitFor(() => latestCheckRun(standin, scenario.headSha, "okctl plan")?.conclusion === "success", { timeoutMs: 60_000, what: "the plan" });
    const duplicates = (await metric(apps[0]!.url, "okctl_webhook_deliveries_total", 'outcome="duplicate"')) + (await metric(apps[1]!.url, "okctl_webhook_deliveries_total", 'outcome="duplicate"'));
    expect(duplicates).toBe(1);
    expect(standin.checkRuns(scenario.headSha).filter((run) => run.name === "okctl plan")).toHaveLength(1);

    // The merge: one replica runs the apply; it is killed while EKS CreateCluster is held.
    await mergeAndDeliverPush(viaBalancer, scenario);
    await standin.waitFor(() => holding.held().length > 0, { timeoutMs: 90_000, what: "EKS CreateCluster to be held" });
    const running = apps.findIndex((app) => jobStarted(app.logs(), "apply"));
    expect(running).toBeGreaterThanOrEqual(0);
    const survivor = apps[1 - running]!;
    expect(jobStarted(survivor.logs(), "apply")).toBe(false);
    expect((await apps[running]!.kill("SIGKILL")).signal).toBe("SIGKILL");
    await standin.waitFor(() => holding.held().length === 0, { timeoutMs: 5_000, what: "the killed replica's request to be dropped" });
    expect(await clusterResources(clients, CLUSTER)).toMatchObject({ vpcs: 1, eksCluster: null });
    holding.release();

    // The other replica takes the apply over once the lease (3 s) expires, and finishes it.
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
    expect(standin.unexpected()).toEqual([]);
  }, 240_000);
});

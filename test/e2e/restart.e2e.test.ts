// Killing the real server in the middle of an apply and starting it again completes the apply,
// without duplicating anything in AWS. The apply is stopped at a known point: a proxy in front of
// moto holds EKS CreateCluster, after the network (VPC, subnets, NAT gateways) exists.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useMoto } from "../support/aws.js";
import { hostParentZone, testClients } from "../support/engine.js";
import { startHoldingProxy, type HoldingProxy } from "./holding-proxy.js";
import { clusterResources } from "./moto-queries.js";
import { addDeclarationPullRequest, deliverPullRequestOpened, latestCheckRun, mergeAndDeliverPush, failureReport, startE2e, CLUSTER, type E2e } from "./okctl-server.js";

const { endpoint: motoEndpoint } = useMoto(); // resets moto before each test
const clients = testClients();
const isCreateCluster = (request: { method: string; path: string }) => request.method === "POST" && request.path === "/clusters";

let proxy: HoldingProxy;
let e2e: E2e;

beforeEach(async () => {
  await hostParentZone(clients);
  proxy = await startHoldingProxy(motoEndpoint, isCreateCluster);
  e2e = await startE2e(proxy.url);
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail") console.error(failureReport(e2e));
  await e2e?.stop();
  await proxy?.close();
});

describe("a server killed during an apply", () => {
  it("resumes the apply after a restart and completes it, creating nothing twice", async () => {
    const { standin, app } = e2e;
    const scenario = addDeclarationPullRequest(standin);
    await deliverPullRequestOpened(e2e, scenario);
    await standin.waitFor(() => latestCheckRun(standin, scenario.headSha, "okctl plan")?.conclusion === "success", { timeoutMs: 45_000, what: "the plan" });
    await mergeAndDeliverPush(e2e, scenario);

    await standin.waitFor(() => latestCheckRun(standin, scenario.mergeSha, "okctl apply")?.status === "in_progress", { timeoutMs: 45_000, what: "the apply to start" });
    await standin.waitFor(() => proxy.held().length > 0, { timeoutMs: 45_000, what: "EKS CreateCluster to be held" });
    const killed = await app.kill("SIGKILL");
    expect(killed.signal).toBe("SIGKILL");

    // Interrupted half-way: the network exists, the cluster does not, the check run is still running.
    const midway = await clusterResources(clients, CLUSTER);
    expect(midway).toMatchObject({ vpcs: 1, subnets: 9, eksCluster: null, nodegroups: [] });
    expect(latestCheckRun(standin, scenario.mergeSha, "okctl apply")?.status).toBe("in_progress");
    // The killed server's CreateCluster is dropped with its connection: it never reaches AWS.
    await standin.waitFor(() => proxy.held().length === 0, { timeoutMs: 5_000, what: "the held request to be dropped" });

    proxy.release();
    await app.restart();
    const apply = await standin.waitFor(() => {
      const run = latestCheckRun(standin, scenario.mergeSha, "okctl apply");
      return run?.status === "completed" ? run : undefined;
    }, { timeoutMs: 90_000, what: "the resumed apply to complete" });
    expect(apply.conclusion).toBe("success");
    // The resumed apply took over the interrupted attempt's check run: none is left spinning.
    expect(standin.checkRuns(scenario.mergeSha).filter((run) => run.name === "okctl apply").map((run) => run.status)).toEqual(["completed"]);
    const isResult = (body: string) => body.startsWith("<!-- okctl:apply path=okctl.yaml -->");
    await standin.waitFor(() => standin.appComments(scenario.pull.number).some((c) => isResult(c.body)), { timeoutMs: 20_000, what: "the apply result comment" });

    const after = await clusterResources(clients, CLUSTER);
    expect(after).toMatchObject({ vpcs: 1, subnets: 9, natGateways: 3, eksCluster: "1.31", nodegroups: ["generic"] });
    expect(after.parameters).toHaveLength(2);
    expect(standin.unexpected()).toEqual([]);
  }, 150_000);
});

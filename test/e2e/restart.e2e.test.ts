// Killing the real server and starting it again loses and repeats nothing. In the middle of an
// apply: the apply completes, without duplicating anything in AWS. In the middle of a drift round:
// each declaration is still checked once in the round. The kill lands at a known point: a proxy in
// front of moto holds chosen requests (EKS CreateCluster after the network exists; the drift
// check's read of one cluster).
import { PutParameterCommand } from "@aws-sdk/client-ssm";
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyDirectly, parameterValue } from "../app/aws-state.js";
import { useMoto } from "../support/aws.js";
import { hostParentZone, testClients } from "../support/engine.js";
import { fakeSha } from "../support/webhooks.js";
import { startHoldingProxy, type HeldRequest, type HoldingProxy } from "./holding-proxy.js";
import { clusterResources } from "./moto-queries.js";
import { addDeclarationPullRequest, deliverComment, deliverPullRequestOpened, latestCheckRun, mergeAndDeliverPush, failureReport, startE2e, CLUSTER, TAKEOVER_LEASE, type E2e } from "./okctl-server.js";

const { endpoint: motoEndpoint } = useMoto(); // resets moto before each test
const clients = testClients();

let hold: (request: HeldRequest) => boolean;
let proxy: HoldingProxy;
let e2e: E2e | undefined;

beforeEach(async () => {
  await hostParentZone(clients);
  hold = () => false;
  proxy = await startHoldingProxy(motoEndpoint, (request) => hold(request));
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail") console.error(failureReport(e2e));
  await e2e?.stop();
  e2e = undefined;
  await proxy?.close();
});

describe("a server killed during an apply", () => {
  it("resumes the apply after a restart and completes it, creating nothing twice", async () => {
    hold = (request) => request.method === "POST" && request.path === "/clusters";
    e2e = await startE2e(proxy.url, { env: TAKEOVER_LEASE });
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

const EXAMPLE = readFileSync("examples/okctl.yaml", "utf8");
/** A second cluster in the same repository, never applied: each check finds it all missing. */
const SECOND_PATH = "test/okctl.yaml";
const SECOND = `apiVersion: okctl.io/v1alpha1
kind: Cluster
metadata:
  name: booking-test
  accountID: "123456789012"
clusterRootDomain: booking-test.oslo.systems
`;
const MAIN = fakeSha("main-drift");
const DRIFT_MARKER = "<!-- okctl:drift path=okctl.yaml -->";
const CLEARED = "**No drift any more:**";

function setLogLevel(value: string): Promise<unknown> {
  return clients.ssm.send(new PutParameterCommand({ Name: `/okctl/${CLUSTER}/app/log-level`, Value: value, Type: "String", Overwrite: true }));
}

describe("drift rounds of the real server", () => {
  it("report a drifted cluster on one issue, edited on the next round; a restart mid-round checks each declaration once; /okctl apply on the issue restores AWS and closes it", async () => {
    await applyDirectly(EXAMPLE); // AWS as merged
    await setLogLevel("warn"); // then changed by hand
    // The check of booking-test (the second declaration, in path order) is held at its first EKS read.
    hold = (request) => request.method === "GET" && request.path === "/clusters/booking-test";
    e2e = await startE2e(proxy.url, {
      env: { OKCTL_DRIFT_INTERVAL: "20s", ...TAKEOVER_LEASE },
      beforeStart: (standin) => {
        standin.repository.putFiles(MAIN, { "README.md": "# booking\n", "okctl.yaml": EXAMPLE, [SECOND_PATH]: SECOND });
        standin.repository.setBranch("main", MAIN);
      },
    });
    const { standin, app } = e2e;
    const WAIT = { timeoutMs: 60_000 };
    const driftIssues = () => [...standin.repository.issues.values()].filter((issue) => issue.body?.startsWith(DRIFT_MARKER));
    // The round's checks, in the order their check runs were posted: the path of each.
    const checked = () => standin.checkRuns(MAIN).filter((run) => run.name.startsWith("okctl drift")).map((run) => (run.name === "okctl drift" ? "okctl.yaml" : SECOND_PATH));

    // The first round: the drifted cluster gets one issue and a neutral `okctl drift` check run.
    const [issue] = await standin.waitFor(() => (driftIssues().length > 0 ? driftIssues() : undefined), { ...WAIT, what: "the drift issue" });
    expect(issue).toMatchObject({ title: `okctl: drift in ${CLUSTER} (okctl.yaml)`, labels: ["okctl/drift"], state: "open", viaApp: true });
    expect(issue!.body).toContain("log-level");
    expect(issue!.body).toContain("/okctl apply");
    const firstCheck = await standin.waitFor(() => latestCheckRun(standin, MAIN, "okctl drift"), { ...WAIT, what: "the drift check run" });
    expect(firstCheck).toMatchObject({ status: "completed", conclusion: "neutral" });
    expect(issue!.body).not.toContain("verbose");
    await setLogLevel("verbose"); // changed again before the next round

    // Mid-round, the second declaration's check is held: pull requests are still planned in their usual time.
    await standin.waitFor(() => proxy.held().length > 0, { ...WAIT, what: "the second check to be held" });
    const head = fakeSha("head-50");
    standin.repository.putFiles(head, { "okctl.yaml": EXAMPLE.replace("desiredSize: 2", "desiredSize: 3") }, { from: MAIN });
    const pull = standin.repository.addPullRequest({ number: 50, headSha: head, baseSha: MAIN, mergeable: null });
    const deliveredAt = Date.now();
    await deliverPullRequestOpened(e2e, { pull, baseSha: MAIN, headSha: head, mergeSha: fakeSha("merge-50") });
    const plan = await standin.waitFor(() => {
      const run = latestCheckRun(standin, head, "okctl plan");
      return run?.status === "completed" ? run : undefined;
    }, { timeoutMs: 30_000, what: "the pull request's plan while a drift check runs" });
    expect(Date.now() - deliveredAt).toBeLessThan(20_000);
    expect(plan).toMatchObject({ conclusion: "success" });
    expect(plan.output.title).toMatch(/to update/);
    expect(proxy.held()).toHaveLength(1); // the drift check was running all along

    // Killed mid-round and started again: the held check runs once more, the first is not repeated.
    expect(checked()).toEqual(["okctl.yaml"]);
    await app.kill("SIGKILL");
    await standin.waitFor(() => proxy.held().length === 0, { timeoutMs: 5_000, what: "the held request to be dropped" });
    proxy.release();
    await app.restart();
    await standin.waitFor(() => (checked().length >= 2 ? true : undefined), { ...WAIT, what: "the interrupted check" });
    expect(checked().slice(0, 2)).toEqual(["okctl.yaml", SECOND_PATH]);

    // The next round edits the same issue with the new drift (no second issue), and checks each declaration once again.
    await standin.waitFor(() => issue!.body?.includes("verbose"), { ...WAIT, what: "the next round's edit of the issue" });
    await standin.waitFor(() => (checked().length >= 4 ? true : undefined), { ...WAIT, what: "the next round's checks" });
    expect(checked().slice(0, 4)).toEqual(["okctl.yaml", SECOND_PATH, "okctl.yaml", SECOND_PATH]);
    expect(driftIssues()).toHaveLength(1);
    expect(issue!.state).toBe("open");

    // `/okctl apply` on the issue, from someone with write permission: AWS as declared again, the
    // result on the issue, and the check after it closes the issue with one comment.
    standin.repository.permissions.set("lead", "write");
    await deliverComment(e2e, issue!.number, "/okctl apply", "lead");
    await standin.waitFor(() => standin.appComments(issue!.number).some((c) => c.body.startsWith("<!-- okctl:apply path=okctl.yaml -->")), { ...WAIT, what: "the apply result on the issue" });
    await standin.waitFor(() => issue!.state === "closed", { ...WAIT, what: "the issue to close" });
    expect(await parameterValue("app/log-level")).toBe("info");
    expect(issue!.stateReason).toBe("completed");
    expect(standin.appComments(issue!.number).filter((c) => c.body.includes(CLEARED))).toHaveLength(1);
    expect(driftIssues()).toHaveLength(1);
    expect(standin.unexpected()).toEqual([]);
  }, 180_000);
});

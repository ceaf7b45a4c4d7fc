// The real server end to end: `node dist/src/server.js` (as `npm start` runs it) with GitHub played
// by the stand-in on loopback and AWS by moto; HMAC-signed deliveries over HTTP. A GitHub request
// that hangs is given up after OKCTL_GITHUB_TIMEOUT_MS (the server's clients send through boundedFetch).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useMoto } from "../support/aws.js";
import { hostParentZone, testClients } from "../support/engine.js";
import { pushPayload, sendWebhook } from "../support/webhooks.js";
import { clusterAccess, clusterResources, nodegroupLaunchTemplate } from "./moto-queries.js";
import { addDeclarationPullRequest, deliverPullRequestOpened, latestCheckRun, mergeAndDeliverPush, failureReport, startE2e, CLUSTER, type E2e } from "./okctl-server.js";

const { endpoint: motoEndpoint } = useMoto(); // resets moto before each test
const clients = testClients();
const PLAN_MARKER = "<!-- okctl:plan path=okctl.yaml -->";
const APPLY_MARKER = "<!-- okctl:apply path=okctl.yaml -->";
const WAIT = { timeoutMs: 45_000 };

let e2e: E2e;

afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail") console.error(failureReport(e2e));
  await e2e?.stop();
});

describe("the okctl server, end to end", () => {
  beforeEach(async () => {
    await hostParentZone(clients);
    e2e = await startE2e(motoEndpoint);
  });

  it("plans a pull request that changes okctl.yaml: sticky comment and check run, in at most 6 GitHub requests", async () => {
    const { standin } = e2e;
    const scenario = addDeclarationPullRequest(standin);
    const response = await deliverPullRequestOpened(e2e, scenario);
    expect(response.status).toBe(200);

    const check = await standin.waitFor(() => {
      const run = latestCheckRun(standin, scenario.headSha, "okctl plan");
      return run?.status === "completed" ? run : undefined;
    }, { ...WAIT, what: "the okctl plan check run" });
    expect(check.conclusion).toBe("success");
    expect(check.output.title).toMatch(/^Plan: \d+ to create, 0 to update, 0 to replace, 0 to destroy\.$/);

    const comments = standin.appComments(scenario.pull.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body.startsWith(PLAN_MARKER)).toBe(true);
    expect(comments[0]!.body).toMatch(/\*\*Plan: \d+ to create, 0 to update, 0 to replace, 0 to destroy\.\*\*/);
    expect(comments[0]!.body).toContain(`\`${CLUSTER}\``);

    expect(standin.unexpected()).toEqual([]);
    expect(standin.apiRequests().length).toBeLessThanOrEqual(6);
    // Nothing was created in AWS by a plan.
    expect((await clusterResources(clients, CLUSTER)).vpcs).toBe(0);

    // GitHub redelivers it (same X-GitHub-Delivery): acknowledged, and nothing happens twice.
    const requestsBefore = standin.requests.length;
    const redelivered = await deliverPullRequestOpened(e2e, scenario, response.deliveryId);
    expect(redelivered.status).toBe(200);
    await e2e.app.waitForLog(/"duplicate":true/);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // a few worker polls
    expect(standin.requests.length).toBe(requestsBefore);
  });

  it("applies the reviewed plan on merge: apply check run, result on the pull request, resources in AWS", async () => {
    const { standin } = e2e;
    const scenario = addDeclarationPullRequest(standin);
    await deliverPullRequestOpened(e2e, scenario);
    await standin.waitFor(() => latestCheckRun(standin, scenario.headSha, "okctl plan")?.status === "completed", { ...WAIT, what: "the plan" });

    const response = await mergeAndDeliverPush(e2e, scenario);
    expect(response.status).toBe(200);
    const apply = await standin.waitFor(() => {
      const run = latestCheckRun(standin, scenario.mergeSha, "okctl apply");
      return run?.status === "completed" ? run : undefined;
    }, { timeoutMs: 90_000, what: "the okctl apply check run to complete" });
    expect(apply.conclusion).toBe("success");
    expect(apply.history[0]).toMatchObject({ status: "in_progress" });

    const result = await standin.waitFor(() => standin.appComments(scenario.pull.number).find((c) => c.body.startsWith(APPLY_MARKER)), { ...WAIT, what: "the apply result comment" });
    expect(result.body).toContain(CLUSTER);

    const resources = await clusterResources(clients, CLUSTER);
    expect(resources).toMatchObject({ vpcs: 1, subnets: 9, natGateways: 3, eksCluster: "1.31", nodegroups: ["generic"] });
    expect(resources.parameters).toEqual(["/okctl/booking-dev/app/log-level", "/okctl/booking-dev/argocd/client_secret"]);
    // The node group runs from okctl's hardened launch template.
    const template = await nodegroupLaunchTemplate(clients, CLUSTER, "generic");
    expect(template).toMatchObject({ name: `${CLUSTER}-generic`, rootVolume: { VolumeType: "gp3", Encrypted: true }, metadata: { HttpTokens: "required", HttpPutResponseHopLimit: 2 } });
    // Who may use the cluster, its managed add-ons and its pods' role (EKS served by the stand-in).
    const access = await clusterAccess(clients, CLUSTER);
    expect(access.accessEntries).toMatchObject({
      "arn:aws:iam::123456789012:role/booking-admins": ["AmazonEKSClusterAdminPolicy"],
      "arn:aws:iam::123456789012:role/booking-developers": ["AmazonEKSEditPolicy"],
    });
    expect(Object.keys(access.addons).sort()).toEqual(["aws-ebs-csi-driver", "coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"]);
    expect(Object.values(access.addons).map((addon) => addon.status)).toEqual(Array(5).fill("ACTIVE"));
    expect(access.addons.coredns?.version).toBe("v1.11.3-eksbuild.1"); // the example's pin
    expect(access.podIdentities).toEqual({ "booking/api": "arn:aws:iam::123456789012:role/booking-api" });
    // The result comment shows what the team needs next.
    expect(result.body).toContain("#### Outputs");
    expect(result.body).toContain(`aws eks update-kubeconfig --name ${CLUSTER} --region eu-west-1`);
    expect(result.body).toMatch(/\*\*Hosted zone\*\* `[^`]+` \(`[^`]+`\), name servers:/);
    expect(result.body).toContain("`/okctl/booking-dev/app/log-level`");
    expect(standin.unexpected()).toEqual([]);
    }, 120_000);

  it("rejects a delivery with a bad signature and does nothing", async () => {
    const { standin, app } = e2e;
    const scenario = addDeclarationPullRequest(standin);
    const forged = await sendWebhook({
      url: app.webhookUrl,
      secret: "not-the-webhook-secret",
      event: "push",
      payload: pushPayload({ before: scenario.baseSha, after: scenario.headSha, commits: [{ added: ["okctl.yaml"] }], installationId: standin.installationId }),
    });
    expect(forged.status).toBe(400);
    // Give the worker several polls to (wrongly) pick something up: absence cannot be polled for.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(standin.requests).toEqual([]);
    expect(app.logs()).not.toContain("webhook recorded");
  });

  it("makes no GitHub request at all for a push that touches no okctl.yaml", async () => {
    const { standin, app } = e2e;
    const response = await sendWebhook({
      url: app.webhookUrl,
      secret: app.webhookSecret,
      event: "push",
      payload: pushPayload({ commits: [{ modified: ["README.md", "src/app.ts"] }], installationId: standin.installationId }),
    });
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(standin.requests).toEqual([]);
  });
});

describe("a GitHub request that hangs", () => {
  const TIMEOUT_MS = 1000;
  const PULL_ROUTE = "GET /repos/{owner}/{repo}/pulls/{pull_number}";
  beforeEach(async () => {
    e2e = await startE2e(motoEndpoint, { env: { OKCTL_GITHUB_TIMEOUT_MS: String(TIMEOUT_MS) } });
  });

  it("is abandoned after OKCTL_GITHUB_TIMEOUT_MS and sent again, and the job completes once", async () => {
    const { standin, app } = e2e;
    // A fork's pull request: refused (a comment and a neutral check run) with GitHub calls only.
    const scenario = addDeclarationPullRequest(standin);
    standin.repository.updatePullRequest(scenario.pull.number, { headRepoFullName: "someone/booking" });
    standin.hold(PULL_ROUTE); // the plan job's first GitHub call gets no answer
    await deliverPullRequestOpened(e2e, scenario);

    const held = await standin.waitFor(() => standin.requests.find((r) => r.held), { what: "the plan job's GET of the pull request" });
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const abandonedAfterMs = await standin.waitFor(() => held.held?.abandonedAfterMs, { timeoutMs: 10_000, what: "the server to give up on the held request" });
    // About the timeout: far from the worker's stall detection (120 s) and the job's deadline.
    expect(abandonedAfterMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(abandonedAfterMs).toBeLessThan(TIMEOUT_MS + 2000);

    // Sent again, answered this time: the fork is refused, once.
    const check = await standin.waitFor(() => {
      const run = latestCheckRun(standin, scenario.headSha, "okctl plan");
      return run?.status === "completed" ? run : undefined;
    }, { ...WAIT, what: "the okctl plan check run" });
    expect(check.conclusion).toBe("neutral");
    expect(standin.checkRuns(scenario.headSha)).toHaveLength(1);
    expect(standin.appComments(scenario.pull.number)).toHaveLength(1);
    expect(standin.requests.filter((r) => r.route === PULL_ROUTE).map((r) => r.status)).toEqual([0, 200]);
    expect(standin.unexpected()).toEqual([]);
  });
});

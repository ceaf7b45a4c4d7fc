// Refusals before any AWS call: a fork's pull request, a repository without an access entry, an
// account, region or DNS name the entry does not allow. Each gets a clear comment and a neutral
// check, and okctl makes no AWS call (counted at a loopback endpoint standing in for AWS).
import { beforeEach, describe, expect, it } from "vitest";
import { useMoto } from "../support/aws.js";
import { countAwsCalls } from "../support/aws-call-counter.js";
import { pullRequestPayload } from "../support/webhooks.js";
import { eksClusters, vpcCount } from "./aws-state.js";
import { EXAMPLE, HEAD } from "./fixtures.js";
import { useApp, type AppHarness } from "./harness.js";
import { expectPlanJob, PLAN_MARKER } from "./scenarios.js";

useMoto();
const currentApp = useApp({ access: { regions: ["eu-west-1"] } });
let app: AppHarness;
beforeEach(() => {
  app = currentApp();
});

/** A refusal by the access entry's accounts or regions: the declaration is read, no AWS call made. */
async function refusedPlan(content: string, payload = pullRequestPayload({ number: 1, headSha: HEAD(1) })) {
  app.github.pull(1, payload.pull_request as unknown as Record<string, unknown>);
  const { comment, check } = expectPlanJob(app, 1, HEAD(1), content);
  const awsCalls = await countAwsCalls(async () => {
    await app.receive("pull_request", payload);
    await app.runJobs();
  });
  expect(awsCalls).toBe(0);
  app.github.verify();
  expect(app.github.requests).toHaveLength(6);
  expect(check.bodies[0]).toMatchObject({ name: "okctl plan", head_sha: HEAD(1), status: "completed", conclusion: "neutral" });
  expect(app.sessions).toHaveLength(1);
  const [session] = app.sessions;
  if (session?.result.ok !== false) throw new Error("expected a refused session");
  return { reason: session.result.reason, body: await refusalBody(comment.bodies) };
}

/** A refusal by the repository alone (a fork, no access entry): before any file is fetched. */
async function refusedEarly(payload = pullRequestPayload({ number: 1, headSha: HEAD(1) })) {
  app.github.pull(1, payload.pull_request as unknown as Record<string, unknown>);
  app.github.pullFiles(1, [{ filename: "okctl.yaml", status: "modified" }]);
  const comment = app.github.stickyUpsert(1, PLAN_MARKER);
  const check = app.github.createCheckRun(101);
  await app.receive("pull_request", payload);
  await app.runJobs();
  app.github.verify();
  expect(app.github.requests).toEqual([
    "GET /repos/oslokommune/booking/pulls/1",
    "GET /repos/oslokommune/booking/pulls/1/files",
    "GET /repos/oslokommune/booking/issues/1/comments",
    "POST /repos/oslokommune/booking/issues/1/comments",
    "POST /repos/oslokommune/booking/check-runs",
  ]);
  expect(check.bodies[0]).toMatchObject({ name: "okctl plan", head_sha: HEAD(1), status: "completed", conclusion: "neutral" });
  expect(app.sessions).toEqual([]);
  const body = await refusalBody(comment.bodies);
  return { reason: /forks/.test(body) ? "fork-not-allowed" : "no-entry", body };
}

async function refusalBody(bodies: Array<Record<string, unknown>>): Promise<string> {
  expect(await vpcCount()).toBe(0);
  expect(await eksClusters()).toEqual([]);
  expect(await app.store.latestPublishedPlan("oslokommune/booking", 1, "okctl.yaml")).toBeNull();
  const body = String(bodies[0]?.body);
  expect(body).toContain("okctl will not plan or apply this declaration.");
  const plain = body.replaceAll("\\", ""); // Markdown escapes aside
  // Never the server's side: the access configuration's path, its entries' patterns, accounts or roles.
  expect(plain).toContain("ask your platform team");
  for (const secret of ["access.yaml", "access configuration (", "arn:aws:iam", "okctl-deploy", "administrator"]) expect(plain).not.toContain(secret);
  return plain;
}

describe("okctl refuses, without AWS calls (a fork or a repository without an entry: without fetching any file)", () => {
  it("a pull request from a fork", async () => {
    const refusal = await refusedEarly(pullRequestPayload({ number: 1, headSha: HEAD(1), headRepoFullName: "stranger/booking" }));
    expect(refusal.reason).toBe("fork-not-allowed");
    expect(refusal.body).toContain("does not plan pull requests from forks of oslokommune/booking");
    expect(refusal.body).not.toContain("allowForkPullRequests");
  });

  it("a region the access entry does not allow", async () => {
    const refusal = await refusedPlan(EXAMPLE.replace("region: eu-west-1", "region: eu-north-1"));
    expect(refusal.reason).toBe("region-not-allowed");
    expect(refusal.body).toContain("declares region eu-north-1");
    expect(refusal.body).not.toContain("eu-west-1"); // the regions allowed
  });

  it("an account the access entry does not allow", async () => {
    // Every ARN of the example moves with it (pod roles must be in the declared account).
    const refusal = await refusedPlan(EXAMPLE.replaceAll("123456789012", "111122223333"));
    expect(refusal.reason).toBe("account-not-allowed");
    expect(refusal.body).toContain("declares account 111122223333");
    expect(refusal.body).not.toContain("123456789012"); // the accounts allowed
  });
});

describe("a repository without an access entry", () => {
  const other = useApp({ access: { repository: "oslokommune/other" } });
  it("is refused, sending the team to its platform team without naming other entries", async () => {
    app = other();
    const refusal = await refusedEarly();
    expect(refusal.reason).toBe("no-entry");
    expect(refusal.body).toContain("okctl has no access entry for oslokommune/booking");
    expect(refusal.body).not.toContain("oslokommune/other");
    expect(refusal.body).not.toContain("oslokommune/*");
  });
});

describe("a declaration outside the access entry's allowedDomains", () => {
  const narrow = useApp({ access: { allowedDomains: ["booking.oslo.systems", "*.booking.oslo.systems"] } });
  it("is refused with the names and fields outside, and zero AWS calls", async () => {
    app = narrow();
    // examples/okctl.yaml: clusterRootDomain booking-dev.oslo.systems, delegated from oslo.systems
    const refusal = await refusedPlan(EXAMPLE);
    expect(refusal.reason).toBe("domain-not-allowed");
    expect(refusal.body).toContain("booking-dev.oslo.systems (clusterRootDomain), oslo.systems (dns.delegateFrom)");
    expect(refusal.body).toContain("argocd.booking-dev.oslo.systems");
    expect(refusal.body).not.toMatch(/\*\.booking\.oslo\.systems|booking\.oslo\.systems,|allowedDomains/); // the names allowed
  });
});

describe("a declaration whose access entries or pod identities the access entry does not allow", () => {
  it("is refused for a principal outside the account, with zero AWS calls", async () => {
    const refusal = await refusedPlan(EXAMPLE.replace("arn:aws:iam::123456789012:role/booking-developers", "arn:aws:iam::999999999999:role/outsiders"));
    expect(refusal.reason).toBe("principal-not-allowed");
    expect(refusal.body).toContain("gives cluster access to a principal of another AWS account (eks.accessEntries[1].principalArn)");
    expect(refusal.body).toContain("ask your platform team");
  });

  it("is refused for a pod role that workloadRoles does not match, with zero AWS calls", async () => {
    const refusal = await refusedPlan(EXAMPLE.replace("arn:aws:iam::123456789012:role/booking-api", "arn:aws:iam::123456789012:role/okctl-deploy"));
    expect(refusal.reason).toBe("workload-role-not-allowed");
    expect(refusal.body).toContain("gives pods an IAM role (eks.podIdentities[0].roleArn) that oslokommune/booking may not hand to its pods");
    expect(refusal.body).not.toContain("booking-*"); // the entry's patterns stay on the server's side
  });
});

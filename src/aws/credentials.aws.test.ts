// Per-repository credentials against moto: AssumeRole and GetCallerIdentity reach the emulator
// through AWS_ENDPOINT_URL, and moto's assumed sessions act in the role's own account.
import { AssumeRoleCommand, STSClient, type AssumeRoleCommandInput } from "@aws-sdk/client-sts";
import { DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { afterEach, describe, expect, it, vi } from "vitest";
import { TEST_ACCOUNT, useMoto } from "../../test/support/aws.js";
import type { AccessConfig, AccessEntry } from "./access-config-types.js";
import { assumeRepositoryRole } from "./credentials.js";
import { openRepositorySession } from "./repository-session.js";
import { createStsClient } from "./sts-client.js";
import { accessEntry } from "./testing.js";

useMoto();

const OTHER_ACCOUNT = "210987654321";

function entry(overrides: Partial<AccessEntry> = {}): AccessEntry {
  return accessEntry({ externalId: "ext-123", ...overrides });
}

const config: AccessConfig = { file: "access.yaml", repositories: [entry()] };
const request = {
  repository: "oslokommune/booking",
  repositoryId: "1001",
  accountId: TEST_ACCOUNT,
  region: "eu-west-1",
  domains: [{ field: "clusterRootDomain", name: "booking-dev.oslo.systems" }],
  iam: { principals: [], workloadRoles: [] },
  runId: "17",
};

/** okctl's own STS client, with every AssumeRole request recorded. */
function recordingSts() {
  const sts = createStsClient({ region: "eu-west-1" });
  const assumed: AssumeRoleCommandInput[] = [];
  const send = sts.send.bind(sts);
  vi.spyOn(sts, "send").mockImplementation(((command: unknown) => {
    if (command instanceof AssumeRoleCommand) assumed.push(command.input);
    return send(command as AssumeRoleCommand);
  }) as typeof sts.send);
  return { sts, assumed };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("assuming a repository's role (moto)", () => {
  it("assumes the role with session name, external id and tags, and verifies the account", async () => {
    const { sts, assumed } = recordingSts();
    const result = await openRepositorySession(config, { ...request, stsClient: sts });
    if (!result.ok) throw new Error(result.message);
    expect(result.entry.repository).toBe("oslokommune/*");
    expect(result.sessionName).toMatch(/^okctl-oslokommune-booking-17-[0-9a-f]{8}$/);
    // moto answered (dummy keys would be refused by AWS): the session is the role's, in 123456789012.
    expect(result.identityArn).toBe(`arn:aws:sts::${TEST_ACCOUNT}:assumed-role/okctl-deploy/${result.sessionName}`);
    expect(assumed).toEqual([
      {
        RoleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/okctl-deploy`,
        RoleSessionName: result.sessionName,
        DurationSeconds: 3600,
        ExternalId: "ext-123",
        Tags: [
          { Key: "okctl:repository", Value: "oslokommune/booking" },
          { Key: "okctl:repository-id", Value: "1001" },
        ],
        TransitiveTagKeys: ["okctl:repository", "okctl:repository-id"],
      },
    ]);
    const credentials = await result.credentials();
    expect(credentials.accessKeyId).not.toBe("testing");
    expect(credentials.sessionToken).toBeTruthy();

    const vpcs = await result.clients.ec2.send(new DescribeVpcsCommand({}));
    expect(vpcs.Vpcs?.length).toBeGreaterThan(0); // moto's default VPC
    expect(result.clients.calls.byOperation.get("EC2.DescribeVpcs")).toBe(1);
  });

  it("uses the default credential chain when no STS client is given, and omits an unset external id", async () => {
    const sent = vi.spyOn(STSClient.prototype, "send");
    const result = await assumeRepositoryRole({ ...request, entry: entry({ externalId: undefined }) });
    expect(result).toMatchObject({ ok: true });
    const assumeRole = sent.mock.calls.map(([command]) => command).find((c) => c instanceof AssumeRoleCommand);
    expect(assumeRole?.input).toMatchObject({ RoleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/okctl-deploy` });
    expect(assumeRole?.input).not.toHaveProperty("ExternalId");
  });

  it("refuses when the assumed role is in another account than okctl.yaml declares", async () => {
    const elsewhere = entry({ roleArn: `arn:aws:iam::${OTHER_ACCOUNT}:role/x` });
    const result = await assumeRepositoryRole({ ...request, entry: elsewhere });
    expect(result).toMatchObject({ ok: false, reason: "account-mismatch" });
    if (result.ok) return;
    expect(result.message).toContain(
      `assumed role arn:aws:iam::${OTHER_ACCOUNT}:role/x is in account ${OTHER_ACCOUNT} but okctl.yaml declares ${TEST_ACCOUNT}`,
    );
  });

  it("assumes the role of the declared account when the entry writes {accountId}", async () => {
    const templated = entry({ roleArn: "arn:aws:iam::{accountId}:role/okctl-deploy", accounts: [TEST_ACCOUNT, OTHER_ACCOUNT] });
    const result = await openRepositorySession({ file: "access.yaml", repositories: [templated] }, { ...request, accountId: OTHER_ACCOUNT });
    if (!result.ok) throw new Error(result.message);
    expect(result.entry.roleArn).toBe(`arn:aws:iam::${OTHER_ACCOUNT}:role/okctl-deploy`);
    expect(result.identityArn).toBe(`arn:aws:sts::${OTHER_ACCOUNT}:assumed-role/okctl-deploy/${result.sessionName}`);
  });

  it("keeps session names within 64 characters for very long repository names", async () => {
    const repository = `${"o".repeat(39)}/${"a-very-long-repository-name-".repeat(3)}`;
    const result = await openRepositorySession(
      { file: "access.yaml", repositories: [entry({ repository: "*/*" })] },
      { ...request, repository, runId: "run-0123456789abcdef" },
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.sessionName.length).toBeLessThanOrEqual(64);
    expect(result.identityArn.endsWith(`/${result.sessionName}`)).toBe(true);
  });

  it("re-assumes the role when the session nears expiry, with the same request", async () => {
    const { sts, assumed } = recordingSts();
    let offset = 0;
    const result = await openRepositorySession(config, { ...request, stsClient: sts, now: () => Date.now() + offset });
    if (!result.ok) throw new Error(result.message);
    const first = await result.credentials();
    offset = 56 * 60_000; // 4 minutes before the one-hour session expires
    const second = await result.credentials();
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(assumed).toHaveLength(2);
    expect(assumed[1]).toEqual(assumed[0]);
  });
});

describe("refusals before any AWS call", () => {
  it.each([
    ["no-entry", { repository: "someone/else" }],
    ["account-not-allowed", { accountId: OTHER_ACCOUNT }],
    ["region-not-allowed", { region: "us-east-1" }],
    ["fork-not-allowed", { fromFork: true }],
    ["domain-not-allowed", { domains: [{ field: "certificates[0].domain", name: "shop.example.com" }] }],
    ["principal-not-allowed", { iam: { principals: [{ field: "eks.accessEntries[0].principalArn", arn: `arn:aws:iam::${OTHER_ACCOUNT}:role/admin` }], workloadRoles: [] } }],
    ["workload-role-not-allowed", { iam: { principals: [], workloadRoles: [{ field: "eks.podIdentities[0].roleArn", arn: `arn:aws:iam::${TEST_ACCOUNT}:role/payments-app` }] } }],
  ])("%s", async (reason, change) => {
    const anySts = vi.spyOn(STSClient.prototype, "send");
    const forbidden = createStsClient({ region: "eu-west-1" });
    vi.spyOn(forbidden, "send").mockImplementation(() => {
      throw new Error("no AWS call may be made for a refused repository");
    });
    const result = await openRepositorySession(config, { ...request, ...change, stsClient: forbidden });
    expect(result).toMatchObject({ ok: false, reason });
    expect(forbidden.send).not.toHaveBeenCalled();
    expect(anySts).not.toHaveBeenCalled();
  });

  it("treats assuming for an account or region the entry does not allow as a bug", async () => {
    await expect(assumeRepositoryRole({ ...request, region: "us-east-1", entry: entry() })).rejects.toThrow(/call authorize\(\) first/);
  });
});

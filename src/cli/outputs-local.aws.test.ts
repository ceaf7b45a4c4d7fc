import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useMoto } from "../../test/support/aws.js";
import { recordAwsOperations } from "../../test/support/aws-operations.js";
import { captureIo } from "../../test/support/cli-io.js";
import { awsCalls } from "../metrics/metrics.js";
import type { ClusterOutputs } from "../outputs/cluster-outputs.js";
import { main } from "./main.js";

const { endpoint } = useMoto();

const dir = mkdtempSync(join(tmpdir(), "okctl-outputs-"));
const ACCESS = `repositories:
  - repository: oslokommune/booking
    roleArn: arn:aws:iam::123456789012:role/okctl-deploy
    accounts: ["123456789012"]
    regions: [eu-west-1]
    allowedDomains: [example.org, "*.example.org"]
    eksClusterRoleArn: arn:aws:iam::123456789012:role/okctl-eks-cluster
    eksNodeRoleArn: arn:aws:iam::123456789012:role/okctl-eks-node
    workloadRoles: ["arn:aws:iam::{accountId}:role/out-test-*"]
    allowDestroy: false
`;
const DECLARATION = (account = "123456789012", logLevel = "info") => `apiVersion: okctl.io/v1alpha1
kind: Cluster
metadata:
  name: out-test
  accountID: "${account}"
clusterRootDomain: out-test.example.org
dns:
  delegateFrom: example.org
certificates:
  - domain: out-test.example.org
parameters:
  - name: app/log-level
    type: String
    value: ${logLevel}
`;

/** With the server's access configuration, or (local) without it. */
function io(options: { local?: boolean; declaration?: string } = {}) {
  writeFileSync(join(dir, "access.yaml"), ACCESS);
  writeFileSync(join(dir, "okctl.yaml"), options.declaration ?? DECLARATION());
  const { OKCTL_ACCESS_CONFIG: _unset, ...env } = process.env;
  return captureIo(options.local ? env : { ...env, OKCTL_ACCESS_CONFIG: join(dir, "access.yaml") }, dir);
}

const REPOSITORY = ["--repository", "oslokommune/booking", "--repository-id", "1001"];

async function applied(): Promise<void> {
  const applyIo = io();
  expect(await main(["apply", "--yes", ...REPOSITORY], applyIo)).toBe(0);
}

describe("okctl outputs", () => {
  it("prints the endpoint, kubeconfig command, name servers with the delegation to do by hand, certificates and parameters, from AWS", async () => {
    await applied();
    const text = io();
    expect(await main(["outputs", ...REPOSITORY], text)).toBe(0);
    const out = text.out();
    expect(out).toContain("Cluster out-test · account 123456789012 · region eu-west-1");
    expect(out).toMatch(/ {2}endpoint: {4}https:\/\/\S+/);
    expect(out).toContain("  kubeconfig:  aws eks update-kubeconfig --name out-test --region eu-west-1\n");
    expect(out).toContain("only okctl's deploy role (arn:aws:iam::123456789012:role/okctl-deploy)");
    expect(out).toMatch(/ {2}name servers:\n {4}\S+\n/);
    expect(out).toContain("TO DO BY HAND: in example.org, add NS out-test.example.org.");
    expect(out).toMatch(/ {2}out-test\.example\.org {2}(ISSUED|PENDING_VALIDATION) {2}arn:aws:acm:eu-west-1:123456789012:certificate\//);
    expect(out).toContain("  /okctl/out-test/app/log-level  (String)");

    const json = io();
    expect(await main(["outputs", "--format", "json", ...REPOSITORY], json)).toBe(0);
    const value = JSON.parse(json.out()) as ClusterOutputs;
    expect(value.kubernetes?.clusterName).toBe("out-test");
    expect(value.kubernetes?.endpoint).toMatch(/^https:\/\//);
    expect(value.dns?.nameServers.length).toBeGreaterThan(0);
    expect(value.dns?.delegation).toMatchObject({ kind: "manual", parentZone: "example.org", recordName: "out-test.example.org" });
    expect(value.certificates).toEqual([{ domain: "out-test.example.org", arn: expect.stringMatching(/^arn:aws:acm:/), status: expect.any(String) }]);
    expect(value.parameters).toEqual([{ path: "/okctl/out-test/app/log-level", type: "String" }]);
  });

  it("works with the developer's own credentials too, and shows nothing of a cluster that does not exist", async () => {
    const none = io({ local: true });
    expect(await main(["outputs", ...REPOSITORY], none)).toBe(0);
    expect(none.out()).toContain("the EKS cluster does not exist yet");
    await applied();
    const local = io({ local: true });
    expect(await main(["outputs", ...REPOSITORY], local)).toBe(0);
    expect(local.out()).toContain("/okctl/out-test/app/log-level");
  });
});

/** The README's list of the read permissions a developer's local plan needs, as IAM actions. */
function readmePermissions(): Set<string> {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const block = /need these read permissions[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error("README.md: no JSON list after 'need these read permissions'");
  return new Set(JSON.parse(block) as string[]);
}

/** The IAM actions of the AWS calls a run makes in this process, by the SDK's own operation names. */
async function iamActionsOf(run: () => Promise<void>): Promise<string[]> {
  const counts = async () => new Map((await awsCalls.get()).values.map((v) => [`${String(v.labels.service)}.${String(v.labels.operation)}`, v.value]));
  const before = await counts();
  await run();
  const prefix: Record<string, string> = { EC2: "ec2", EKS: "eks", Route53: "route53", ACM: "acm", SSM: "ssm", STS: "sts" };
  const made = [...(await counts())].filter(([key, value]) => value > (before.get(key) ?? 0)).map(([key]) => key.split("."));
  return made.map(([service, operation]) => `${prefix[service!] ?? `unknown-service-${service}`}:${operation}`).sort();
}

// Every new EKS kind in use, so that the local plan reads each of them.
const WITH_EKS_ACCESS = (logLevel = "info") => `${DECLARATION("123456789012", logLevel)}eks:
  accessEntries:
    - principalArn: arn:aws:iam::123456789012:role/out-test-admins
      accessPolicy: cluster-admin
  addons:
    - name: aws-ebs-csi-driver
  podIdentities:
    - namespace: app
      serviceAccount: api
      roleArn: arn:aws:iam::123456789012:role/out-test-api
`;

describe("a developer's local plan (no OKCTL_ACCESS_CONFIG)", () => {
  it("plans with the caller's own credentials, reads only what the README lists, and sees no change after an apply", async () => {
    const local = (logLevel?: string) => io({ local: true, declaration: WITH_EKS_ACCESS(logLevel) });
    // On an empty account everything is to be created, so the plan also looks for what would collide.
    const first = await iamActionsOf(async () => {
      expect(await main(["plan", ...REPOSITORY], local())).toBe(0);
    });
    expect(await main(["apply", "--yes", ...REPOSITORY], io({ declaration: WITH_EKS_ACCESS() }))).toBe(0);
    const planIo = local("debug");
    let exitCode: number | undefined;
    let operations: Awaited<ReturnType<typeof recordAwsOperations>> = [];
    const again = await iamActionsOf(async () => {
      operations = await recordAwsOperations(endpoint, async () => {
        exitCode = await main(["plan", ...REPOSITORY], planIo);
      });
    });
    expect(exitCode).toBe(0);
    expect(planIo.err()).toContain("no OKCTL_ACCESS_CONFIG: reading AWS read-only as arn:aws:");
    expect(planIo.out()).toContain("~ parameter parameter/app/log-level");
    expect(planIo.out()).toContain("Plan: 0 to create, 1 to update, 0 to replace, 0 to destroy.");
    expect(operations.length).toBeGreaterThan(5);
    expect(operations.filter((op) => !op.readOnly)).toEqual([]);
    expect(operations[0]!.operation).toBe("Action=GetCallerIdentity");
    expect(operations.some((op) => op.operation === "Action=AssumeRole")).toBe(false);

    const outputs = await iamActionsOf(async () => {
      expect(await main(["outputs", ...REPOSITORY], local())).toBe(0);
    });
    const made = new Set([...first, ...again, ...outputs].filter((action) => action !== "sts:GetCallerIdentity"));
    // Each of the new EKS kinds was read, down to its per-item reads.
    const eksReads = ["ListAccessEntries", "DescribeAccessEntry", "ListAssociatedAccessPolicies", "ListAddons", "DescribeAddon", "DescribeAddonVersions", "ListPodIdentityAssociations", "DescribePodIdentityAssociation"];
    for (const action of [...eksReads.map((operation) => `eks:${operation}`), "ec2:DescribeLaunchTemplateVersions"]) expect(made).toContain(action);
    expect([...made].filter((action) => !readmePermissions().has(action))).toEqual([]);
  });

  it("refuses credentials of another account after GetCallerIdentity alone", async () => {
    const other = io({ local: true, declaration: DECLARATION("210987654321") });
    let exitCode: number | undefined;
    const operations = await recordAwsOperations(endpoint, async () => {
      exitCode = await main(["plan", ...REPOSITORY], other);
    });
    expect(exitCode).toBe(1);
    expect(other.err()).toContain("refused (account-mismatch)");
    expect(other.err()).toContain("are for account 123456789012, but okctl.yaml declares account 210987654321");
    expect(operations.map((op) => op.operation)).toEqual(["Action=GetCallerIdentity"]);
  });

  it("never applies: apply without the access configuration is refused before any AWS call", async () => {
    const local = io({ local: true });
    let exitCode: number | undefined;
    const operations = await recordAwsOperations(endpoint, async () => {
      exitCode = await main(["apply", "--yes", ...REPOSITORY], local);
    });
    expect(exitCode).toBe(2);
    expect(local.err()).toContain("apply needs the access configuration (OKCTL_ACCESS_CONFIG)");
    expect(operations).toEqual([]);
  });
});

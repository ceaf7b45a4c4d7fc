import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateTagsCommand, DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { GetParameterCommand } from "@aws-sdk/client-ssm";
import { describe, expect, it } from "vitest";
import { useMoto } from "../../test/support/aws.js";
import { countAwsCalls } from "../../test/support/aws-call-counter.js";
import { captureIo } from "../../test/support/cli-io.js";
import { testClients } from "../../test/support/engine.js";
import { hashPlan } from "../plan/hash.js";
import type { Plan } from "../plan/types.js";
import { main } from "./main.js";

useMoto();

const dir = mkdtempSync(join(tmpdir(), "okctl-cli-"));
const ACCESS = (allowDestroy: boolean) => `repositories:
  - repository: oslokommune/booking
    roleArn: arn:aws:iam::123456789012:role/okctl-deploy
    accounts: ["123456789012"]
    regions: [eu-west-1]
    allowedDomains: [oslo.systems, "*.oslo.systems", example.org, "*.example.org"]
    eksClusterRoleArn: arn:aws:iam::123456789012:role/okctl-eks-cluster
    eksNodeRoleArn: arn:aws:iam::123456789012:role/okctl-eks-node
    allowDestroy: ${allowDestroy}
`;
const DECLARATION = (parameters: string) => `apiVersion: okctl.io/v1alpha1
kind: Cluster
metadata:
  name: cli-test
  accountID: "123456789012"
clusterRootDomain: cli-test.example.org
parameters:
${parameters}`;

function setUp(parameters: string, allowDestroy = false) {
  writeFileSync(join(dir, "access.yaml"), ACCESS(allowDestroy));
  writeFileSync(join(dir, "okctl.yaml"), DECLARATION(parameters));
  return captureIo({ ...process.env, OKCTL_ACCESS_CONFIG: join(dir, "access.yaml") }, dir);
}

const TWO = `  - name: app/log-level
    type: String
    value: info
  - name: app/mode
    type: String
    value: fast
`;
const ONE = TWO.split("\n").slice(0, 3).join("\n") + "\n";

describe("okctl plan and okctl apply", () => {
  it("plans like Terraform, applies with --yes, and then plans no changes", async () => {
    const planIo = setUp(TWO);
    expect(await main(["plan", "--repository", "oslokommune/booking", "--repository-id", "1001"], planIo)).toBe(0);
    expect(planIo.out()).toContain("+ parameter parameter/app/mode");
    expect(planIo.out()).toMatch(/Plan: \d+ to create, 0 to update, 0 to replace, 0 to destroy\./);

    const applyIo = setUp(TWO);
    expect(await main(["apply", "--yes", "--repository", "oslokommune/booking", "--repository-id", "1001"], applyIo)).toBe(0);
    expect(applyIo.out()).toContain("Apply complete");
    const clients = testClients();
    const vpcs = await clients.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: "tag:okctl.io/cluster", Values: ["cli-test"] }] }));
    expect(vpcs.Vpcs).toHaveLength(1);

    const again = setUp(TWO);
    expect(await main(["plan", "--repository", "oslokommune/booking", "--repository-id", "1001"], again)).toBe(0);
    expect(again.out()).toContain("No changes.");

    // Hostile text from AWS (a Name tag set by hand) and from the declaration is shown as escapes,
    // never obeyed as terminal controls or bidi reordering; JSON output stays JSON.
    const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
    const hostileName = "cli-test\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eevil\u2066";
    await clients.ec2.send(new CreateTagsCommand({ Resources: [vpcs.Vpcs![0]!.VpcId!], Tags: [{ Key: "Name", Value: hostileName }] }));
    const hostileValue = `  - name: app/hostile
    type: String
    value: "fast\\u202e\\u001b[8mhidden"
`;
    for (const format of [[], ["--format", "json"]]) {
      const io = setUp(TWO + hostileValue);
      expect(await main(["plan", "--repository", "oslokommune/booking", "--repository-id", "1001", ...format], io)).toBe(0);
      expect(io.out()).not.toMatch(RAW);
      expect(io.out()).toContain("\\u202eevil");
      expect(io.out()).toContain("fast\\u202e");
      if (format.length > 0) expect(JSON.stringify(JSON.parse(io.out()))).toContain("\\u001b]0;pwned");
    }
    const outputs = setUp(TWO);
    expect(await main(["outputs", "--repository", "oslokommune/booking", "--repository-id", "1001"], outputs)).toBe(0);
    expect(outputs.out() + outputs.err()).not.toMatch(RAW);
  });

  it("prints the whole plan value with --format json: every change, the notes and its own hash", async () => {
    const io = setUp(TWO);
    expect(await main(["plan", "--format", "json", "--repository", "oslokommune/booking", "--repository-id", "1001"], io)).toBe(0);
    const plan = JSON.parse(io.out()) as Plan;
    const { hash, ...content } = plan;
    expect(hashPlan(content)).toBe(hash);
    expect(Object.keys(plan).sort()).toEqual(["accountId", "changes", "cluster", "conflicts", "errors", "formatVersion", "hash", "notes", "region", "repository", "summary"]);
    const ids = plan.changes.map((change) => change.id);
    expect(ids).toEqual(expect.arrayContaining(["vpc", "subnet/private-a", "eks-cluster", "parameter/app/mode", "parameter/app/log-level"]));
    expect(plan.summary.create).toBe(plan.changes.length);
    for (const change of plan.changes) expect(change.desired).toBeDefined();
  });

  it("refuses a deletion without --allow-destroy and the access entry's allowDestroy, and does it with both", async () => {
    expect(await main(["apply", "--yes", "--repository", "oslokommune/booking", "--repository-id", "1001"], setUp(TWO))).toBe(0);
    const refused = setUp(ONE, true);
    expect(await main(["apply", "--yes", "--repository", "oslokommune/booking", "--repository-id", "1001"], refused)).toBe(1);
    expect(refused.err()).toContain("delete parameter/app/mode");
    expect(refused.err()).toContain("pass --allow-destroy");
    const entryForbids = setUp(ONE, false);
    expect(await main(["apply", "--yes", "--allow-destroy", "--repository", "oslokommune/booking", "--repository-id", "1001"], entryForbids)).toBe(1);
    expect(entryForbids.err()).toContain("allowDestroy: true");
    const clients = testClients();
    await expect(clients.ssm.send(new GetParameterCommand({ Name: "/okctl/cli-test/app/mode" }))).resolves.toBeDefined();

    const allowed = setUp(ONE, true);
    expect(await main(["apply", "--yes", "--allow-destroy", "--repository", "oslokommune/booking", "--repository-id", "1001"], allowed)).toBe(0);
    await expect(clients.ssm.send(new GetParameterCommand({ Name: "/okctl/cli-test/app/mode" }))).rejects.toThrow();
  });

  it("asks for confirmation and refuses to guess without a terminal", async () => {
    const io = setUp(TWO);
    expect(await main(["apply", "--repository", "oslokommune/booking", "--repository-id", "1001"], io)).toBe(2);
    expect(io.err()).toContain("pass --yes");
  });

  it("refuses an unknown repository before any AWS call, and requires --repository", async () => {
    const io = setUp(TWO);
    expect(await main(["plan", "--repository", "someone/else"], io)).toBe(1);
    expect(io.err()).toContain("no access entry for someone/else");
    const usage = setUp(TWO);
    expect(await main(["plan"], usage)).toBe(2);
  });

  it("refuses a declaration outside its entry's allowedDomains with zero AWS calls, naming the field", async () => {
    let exitCode: number | undefined;
    const io = setUp(TWO);
    writeFileSync(join(dir, "okctl.yaml"), DECLARATION(TWO).replace("cli-test.example.org", "cli-test.example.com"));
    const calls = await countAwsCalls(async () => {
      exitCode = await main(["plan", "--repository", "oslokommune/booking", "--repository-id", "1001"], io);
    });
    expect(exitCode).toBe(1);
    expect(calls).toBe(0);
    expect(io.err()).toContain("refused (domain-not-allowed)");
    expect(io.err()).toContain("uses DNS name cli-test.example.com (clusterRootDomain) outside the names");
    expect(io.err()).toContain("add cli-test.example.com to that entry's allowedDomains");

    // The same command within the allowed names does reach AWS (so the count above means something).
    const allowed = setUp(TWO);
    const reached = await countAwsCalls(async () => {
      await main(["plan", "--repository", "oslokommune/booking", "--repository-id", "1001"], allowed);
    });
    expect(reached).toBeGreaterThan(0);
  });

  it("refuses cluster access for another account's principal, or a pod role workloadRoles does not match, with zero AWS calls; allowedPrincipals lets the principal in", async () => {
    const OUTSIDER = "arn:aws:iam::999999999999:role/auditors";
    const eks = (principalArn: string, roleArn: string) =>
      `eks:\n  accessEntries:\n    - principalArn: ${principalArn}\n      accessPolicy: view\n  podIdentities:\n    - namespace: app\n      serviceAccount: api\n      roleArn: ${roleArn}\n`;
    /** Plans; counted, AWS is a loopback endpoint that answers every call with an error. */
    const plan = async (entryFields: string, declaration: string, counted = true) => {
      const io = setUp(TWO);
      writeFileSync(join(dir, "access.yaml"), `${ACCESS(false)}    workloadRoles: ["arn:aws:iam::{accountId}:role/cli-test-*"]\n${entryFields}`);
      writeFileSync(join(dir, "okctl.yaml"), `${DECLARATION(TWO)}${declaration}`);
      let exitCode: number | undefined;
      const run = async () => {
        exitCode = await main(["plan", "--repository", "oslokommune/booking", "--repository-id", "1001"], io);
      };
      const calls = counted ? await countAwsCalls(run) : (await run(), undefined);
      return { exitCode, calls, out: io.out(), err: io.err() };
    };

    const foreign = await plan("", eks(OUTSIDER, "arn:aws:iam::123456789012:role/cli-test-api"));
    expect(foreign).toMatchObject({ exitCode: 1, calls: 0 });
    expect(foreign.err).toContain("refused (principal-not-allowed)");
    expect(foreign.err).toContain(`gives cluster access to ${OUTSIDER} (eks.accessEntries[0].principalArn) outside account 123456789012`);

    const podRole = await plan("", eks("arn:aws:iam::123456789012:role/cli-test-admins", "arn:aws:iam::123456789012:role/okctl-deploy"));
    expect(podRole).toMatchObject({ exitCode: 1, calls: 0 });
    expect(podRole.err).toContain("refused (workload-role-not-allowed)");
    expect(podRole.err).toContain("arn:aws:iam::123456789012:role/okctl-deploy (eks.podIdentities[0].roleArn)");

    // Against moto: planned, the outsider's entry and the pod identity to be created.
    const allowed = await plan(`    allowedPrincipals: ["arn:aws:iam::999999999999:role/*"]\n`, eks(OUTSIDER, "arn:aws:iam::123456789012:role/cli-test-api"), false);
    expect(allowed.err).not.toContain("refused");
    expect(allowed.exitCode).toBe(0);
    expect(allowed.out).toMatch(new RegExp(`\\+ eks-access-entry .*999999999999:role/auditors`));
    expect(allowed.out).toMatch(/\+ eks-pod-identity .*app\/api/);
  });
});

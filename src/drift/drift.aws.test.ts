// Drift on moto: the full example applied, then AWS changed by hand the ways people do (a node
// group scaled, a parameter edited, a subnet's route table association removed, a parameter
// deleted): the report shows exactly those; applying brings AWS back; `okctl drift` exits 0/2/1.
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DescribeRouteTablesCommand, DescribeSubnetsCommand, DisassociateRouteTableCommand } from "@aws-sdk/client-ec2";
import { UpdateNodegroupConfigCommand } from "@aws-sdk/client-eks";
import { DeleteParameterCommand, PutParameterCommand } from "@aws-sdk/client-ssm";
import { describe, expect, it } from "vitest";
import { useMoto } from "../../test/support/aws.js";
import { captureIo } from "../../test/support/cli-io.js";
import { fullDeclaration, TEST_EKS_CLUSTER_ROLE_ARN, TEST_EKS_NODE_ROLE_ARN, TEST_REPOSITORY, TEST_REPOSITORY_ID } from "../../test/support/declarations.js";
import { applyExample, applyFor, planFor, testClients } from "../../test/support/engine.js";
import type { AwsClients } from "../aws/clients.js";
import { main } from "../cli/main.js";
import { driftReport } from "./report.js";
import type { DriftReport } from "./types.js";

useMoto();

const dir = mkdtempSync(join(tmpdir(), "okctl-drift-"));
copyFileSync(new URL("../../examples/okctl.yaml", import.meta.url), join(dir, "okctl.yaml"));
writeFileSync(join(dir, "access.yaml"), `repositories:
  - repository: ${TEST_REPOSITORY}
    roleArn: arn:aws:iam::123456789012:role/okctl-deploy
    accounts: ["123456789012"]
    regions: [eu-west-1]
    allowedDomains: [oslo.systems, "*.oslo.systems"]
    eksClusterRoleArn: ${TEST_EKS_CLUSTER_ROLE_ARN}
    eksNodeRoleArn: ${TEST_EKS_NODE_ROLE_ARN}
    workloadRoles: ["arn:aws:iam::{accountId}:role/booking-*"]
    allowDestroy: false
`);
writeFileSync(join(dir, "invalid.yaml"), "apiVersion: okctl.io/v1alpha1\nkind: Cluster\nmetadata: {name: Booking}\n");

async function drift(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo({ ...process.env, OKCTL_ACCESS_CONFIG: join(dir, "access.yaml") }, dir);
  // The repository's id as the app would know it (no GitHub lookup from a test).
  const code = await main(["drift", ...args, "--repository-id", TEST_REPOSITORY_ID], io);
  return { code, out: io.out(), err: io.err() };
}

async function driftJson(): Promise<{ code: number; report: DriftReport }> {
  const { code, out } = await drift("--repository", TEST_REPOSITORY, "--format", "json");
  return { code, report: JSON.parse(out) as DriftReport };
}

const PUBLIC_SUBNET_NAME = "booking-dev-public-a";

/** What people do in the console. */
async function changeByHand(clients: AwsClients): Promise<void> {
  await clients.eks.send(new UpdateNodegroupConfigCommand({ clusterName: "booking-dev", nodegroupName: "generic", scalingConfig: { minSize: 1, desiredSize: 5, maxSize: 10 } }));
  await clients.ssm.send(new PutParameterCommand({ Name: "/okctl/booking-dev/app/log-level", Value: "debug", Type: "String", Overwrite: true }));
  await clients.ssm.send(new DeleteParameterCommand({ Name: "/okctl/booking-dev/argocd/client_secret" }));
  const tables = await clients.ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: "tag:Name", Values: ["booking-dev-rt-public"] }] }));
  const subnetId = (await subnetIdNamed(clients, PUBLIC_SUBNET_NAME))!;
  const association = tables.RouteTables?.[0]?.Associations?.find((entry) => entry.SubnetId === subnetId);
  await clients.ec2.send(new DisassociateRouteTableCommand({ AssociationId: association!.RouteTableAssociationId! }));
}

async function subnetIdNamed(clients: AwsClients, name: string): Promise<string | undefined> {
  const result = await clients.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: "tag:Name", Values: [name] }] }));
  return result.Subnets?.[0]?.SubnetId;
}

describe("drift of the full example", () => {
  it("shows exactly the hand changes, with the values that would match AWS; applying brings AWS back; okctl drift exits 0, 2, 1", async () => {
    const clients = testClients();
    const applied = await applyExample(clients, fullDeclaration()); // the plan after applying
    expect(driftReport(applied, { declaration: fullDeclaration() })).toMatchObject({ drifted: false, resources: [], errors: [] });

    await changeByHand(clients);
    const plan = await planFor(fullDeclaration(), clients);
    const report = driftReport(plan, { declaration: fullDeclaration() });
    expect(report.errors).toEqual([]);
    expect(report.drifted).toBe(true);
    const subnetId = await subnetIdNamed(clients, PUBLIC_SUBNET_NAME);
    expect(report.resources.map((resource) => [resource.id, resource.drift, resource.attributes.map((attribute) => attribute.attribute)])).toEqual([
      ["route-table/public", "changed", ["subnetIds"]],
      ["eks-nodegroup/generic", "changed", ["desiredSize"]],
      ["parameter/app/log-level", "changed", ["value"]],
      ["parameter/argocd/client_secret", "missing", expect.any(Array)],
    ]);
    const routeTable = report.resources[0]!.attributes[0]!;
    expect(routeTable.declared).toContain(subnetId);
    expect(routeTable.inAws).not.toContain(subnetId);
    expect((routeTable.inAws as string[]).length).toBe(2);
    expect(report.resources[1]!.attributes).toEqual([{ attribute: "desiredSize", declared: 2, inAws: 5 }]);
    expect(report.resources[2]!.attributes).toEqual([{ attribute: "value", declared: "info", inAws: "debug" }]);
    expect(report.matchingValues.map((value) => [value.op, value.display, value.op === "remove" ? value.item : value.value])).toEqual([
      ["set", "eks.nodeGroups[0].desiredSize", 5],
      ["remove", "parameters[0]", "name: argocd/client_secret"],
      ["set", "parameters[1].value", "debug"],
    ]);
    expect(report.unmatchable.map((entry) => [entry.resource, entry.attribute])).toEqual([["route-table/public", "subnetIds"]]);

    // The command line says the same, in JSON and in text, and exits 2.
    const json = await driftJson();
    expect(json.code).toBe(2);
    expect(json.report.resources).toEqual(report.resources);
    expect(json.report.matchingValues).toEqual(report.matchingValues.map((value) => ({ ...value, line: expect.any(Number) })));
    const text = await drift("-f", "okctl.yaml", "--repository", TEST_REPOSITORY);
    expect(text.code).toBe(2);
    expect(text.out).toContain("Drift in booking-dev (okctl.yaml, account 123456789012, eu-west-1): 4 resources differ from the declaration.");
    expect(text.out).toContain("  eks.nodeGroups[0].desiredSize (line 30): 5   (now 2)");
    expect(text.out).toContain("Plan: 1 to create, 3 to update, 0 to replace, 0 to destroy.");

    // Applying the declaration (what /okctl apply on the drift issue does) brings AWS back.
    const result = await applyFor(plan, clients);
    expect(result.outcome === "applied" && result.ok).toBe(true);
    const after = await drift("--repository", TEST_REPOSITORY);
    expect(after).toMatchObject({ code: 0 });
    expect(after.out).toContain("No drift: AWS matches the declaration of booking-dev");

    // Everything else is 1 (2 means drift): an invalid declaration, a repository without access, a bad option.
    expect((await drift("-f", "invalid.yaml", "--repository", TEST_REPOSITORY)).code).toBe(1);
    expect((await drift("-f", "missing.yaml", "--repository", TEST_REPOSITORY)).code).toBe(1);
    const refused = await drift("--repository", "someone/else");
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("refused");
    const usage = await drift("--repository", TEST_REPOSITORY, "--format", "yaml");
    expect(usage.code).toBe(1);
    expect(usage.err).toContain("--format must be text or json");
  });
});

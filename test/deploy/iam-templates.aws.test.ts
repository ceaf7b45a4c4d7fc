// The administrators' IAM as code (deploy/aws/*.yaml): created in moto's CloudFormation, read back
// from IAM, compared statement by statement with the policies docs/access.md explains, checked against
// every AWS operation okctl calls, and then used: okctl plans and applies the full example through
// the roles the stacks created.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import { DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { GetRoleCommand, GetRolePolicyCommand, IAMClient, ListRolePoliciesCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { main } from "../../src/cli/main.js";
import { useMoto } from "../support/aws.js";
import { captureIo } from "../support/cli-io.js";
import { testClients } from "../support/engine.js";
import { externalImports } from "./module-closure.js";

useMoto();

const ROOT = new URL("../../", import.meta.url).pathname;
const REGION = "eu-west-1";
// The values docs/access.md's examples use, so that the created policies must equal the documented ones.
const DOCUMENTED = {
  appRoleArn: "arn:aws:iam::444455556666:role/okctl-app",
  repository: "oslokommune/booking",
  externalId: "b3c1f0e4-okctl-booking",
  regions: "eu-west-1,eu-north-1",
  recordNames: "booking.oslo.systems,*.booking.oslo.systems",
  workloadRoles: "arn:aws:iam::123456789012:role/booking-*",
};

interface Statement { Sid?: string; Effect: string; Action?: string | string[]; NotAction?: string | string[]; Resource?: string | string[]; Condition?: object; Principal?: object }
interface PolicyDocument { Version: string; Statement: Statement[] }

const cloudFormation = () => new CloudFormationClient({ region: REGION });
const iam = () => new IAMClient({ region: REGION });

async function createStack(name: string, template: string, parameters: Record<string, string>): Promise<Record<string, string>> {
  const client = cloudFormation();
  await client.send(new CreateStackCommand({
    StackName: name,
    TemplateBody: readFileSync(join(ROOT, "deploy/aws", template), "utf8"),
    Parameters: Object.entries(parameters).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
    Capabilities: ["CAPABILITY_NAMED_IAM"],
  }));
  for (let attempt = 0; attempt < 50; attempt++) {
    const stack = (await client.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0];
    if (stack?.StackStatus === "CREATE_COMPLETE") {
      return Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
    }
    if (stack?.StackStatus?.endsWith("FAILED") || stack?.StackStatus?.includes("ROLLBACK")) {
      throw new Error(`${name}: ${stack.StackStatus} ${stack.StackStatusReason ?? ""}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} was not created`);
}

function decode(document: string | undefined): PolicyDocument {
  const text = decodeURIComponent(document ?? "{}");
  // moto 5.2.1 stores the inline policies of a CloudFormation-made role as Python's repr of the
  // template's mapping ({'Version': …}); AWS returns JSON. None of okctl's policy strings holds a
  // quote, so swapping the quotes gives back the JSON the template had.
  const json = text.startsWith("{'") && !text.includes('"') ? text.replaceAll("'", '"') : text;
  return JSON.parse(json) as PolicyDocument;
}
async function inlinePolicies(roleName: string): Promise<Map<string, PolicyDocument>> {
  const names = (await iam().send(new ListRolePoliciesCommand({ RoleName: roleName }))).PolicyNames ?? [];
  const policies = new Map<string, PolicyDocument>();
  for (const name of names) {
    policies.set(name, decode((await iam().send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: name }))).PolicyDocument));
  }
  return policies;
}
async function trustPolicy(roleName: string): Promise<PolicyDocument> {
  return decode((await iam().send(new GetRoleCommand({ RoleName: roleName }))).Role?.AssumeRolePolicyDocument);
}

/** The JSON blocks of docs/access.md, found by a statement id they contain. */
function documentedBlock(sid: string): unknown {
  const blocks = [...readFileSync(join(ROOT, "docs/access.md"), "utf8").matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as unknown);
  const block = blocks.find((b) => JSON.stringify(b).includes(`"Sid":"${sid}"`));
  if (!block) throw new Error(`docs/access.md has no JSON block with the statement ${sid}`);
  return block;
}

/** A role's managed policy names as the template lists them (CloudFormation's short tags kept as data). */
function managedPolicyNames(template: string, resource: string): string[] {
  const tags = ["Sub", "Ref", "GetAtt", "FindInMap"].map((name) => ({ tag: `!${name}`, resolve: (value: unknown) => ({ [`Fn::${name}`]: value }) }));
  const parsed = parse(readFileSync(join(ROOT, "deploy/aws", template), "utf8"), { customTags: tags }) as {
    Resources: Record<string, { Properties: { ManagedPolicyArns?: { "Fn::Sub": string }[] } }>;
  };
  return (parsed.Resources[resource]?.Properties.ManagedPolicyArns ?? []).map((arn) => arn["Fn::Sub"].split("/").at(-1)!).sort();
}

const asList = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
function allows(policy: PolicyDocument, action: string): boolean {
  return policy.Statement.some((s) => s.Effect === "Allow" && asList(s.Action).some((pattern) =>
    new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`, "i").test(action)));
}

/** The IAM actions behind the AWS SDK commands the compiled server and CLI import, by service. */
function actionsOkctlCalls(): string[] {
  const prefixes: Record<string, string> = {
    "@aws-sdk/client-ec2": "ec2", "@aws-sdk/client-eks": "eks", "@aws-sdk/client-route-53": "route53",
    "@aws-sdk/client-acm": "acm", "@aws-sdk/client-ssm": "ssm", "@aws-sdk/client-sts": "sts", "@aws-sdk/client-pricing": "pricing",
  };
  const actions = new Set<string>();
  for (const { packageName, names } of externalImports()) {
    const prefix = prefixes[packageName];
    if (!prefix) continue;
    for (const name of names) if (name.endsWith("Command")) actions.add(`${prefix}:${name.slice(0, -"Command".length)}`);
  }
  return [...actions].sort();
}

async function createAll() {
  const app = await createStack("okctl-app", "okctl-app-role.yaml", {});
  const account = await createStack("okctl-account", "okctl-account.yaml", {});
  const deploy = await createStack("okctl-deploy-booking", "okctl-deploy-role.yaml", {
    RoleName: "okctl-deploy-booking",
    Repository: DOCUMENTED.repository,
    ExternalId: DOCUMENTED.externalId,
    OkctlAppRoleArn: DOCUMENTED.appRoleArn,
    AllowedRegions: DOCUMENTED.regions,
    AllowedRecordNames: DOCUMENTED.recordNames,
    WorkloadRoleArns: DOCUMENTED.workloadRoles,
  });
  return { app, account, deploy };
}

describe("the administrators' CloudFormation templates", () => {
  it("create exactly the roles and policies docs/access.md explains", async () => {
    const { app, account, deploy } = await createAll();
    expect(app.OkctlAppRoleArn).toMatch(/:role\/okctl-app$/);
    expect(deploy.DeployRoleArn).toMatch(/:role\/okctl-deploy-booking$/);

    // okctl's own identity may only assume deploy roles.
    expect([...(await inlinePolicies("okctl-app")).values()]).toEqual([documentedBlock("AssumeOkctlDeployRoles")]);
    // The deploy role: trust with external id and session tag, the permissions, the region guard.
    expect(await trustPolicy("okctl-deploy-booking")).toEqual(documentedBlock("OkctlAssumesWithExternalId"));
    const deployPolicies = await inlinePolicies("okctl-deploy-booking");
    expect(deployPolicies.get("okctl-deploy")).toEqual(documentedBlock("Ec2CreateOnlyTaggedForThisRepository"));
    expect(deployPolicies.get("okctl-only-allowed-regions")?.Statement).toEqual([documentedBlock("OnlyAllowedRegions")]);
    // Ownership in IAM is the repository id, as in okctl: every tag condition keys on the session's id
    // tag, but the one that lets the first apply add the id tag to resources from before ids.
    const tagConditions = deployPolicies.get("okctl-deploy")!.Statement.flatMap(({ Sid, Condition }) =>
      Object.entries(Condition ?? {}).flatMap(([operator, keys]) =>
        Object.entries(keys as Record<string, unknown>).filter(([key]) => /^aws:(Request|Resource)Tag\//.test(key)).map(([key, value]) => `${Sid} ${operator} ${key} ${String(value)}`),
      ),
    );
    const byId = / StringEquals(IfExists)? aws:(Request|Resource)Tag\/okctl\.io\/repository-id \$\{aws:PrincipalTag\/okctl:repository-id\}$/;
    expect(tagConditions.filter((condition) => !condition.startsWith("AddTheIdTagToThisRepositorysResourcesFromBeforeIds ") && !byId.test(condition))).toEqual([]);
    expect(tagConditions.filter((condition) => condition.startsWith("AddTheIdTagToThisRepositorysResourcesFromBeforeIds ")).map((condition) => condition.split(" ").slice(1).join(" "))).toEqual([
      "StringEqualsIgnoreCase aws:ResourceTag/okctl.io/repository ${aws:PrincipalTag/okctl:repository}",
      "Null aws:ResourceTag/okctl.io/repository-id true",
      "StringEquals aws:RequestTag/okctl.io/repository-id ${aws:PrincipalTag/okctl:repository-id}",
    ]);
    expect(tagConditions.length).toBeGreaterThan(8);
    // Tagging at creation (allowed on any resource) cannot re-tag what carries another repository's id.
    for (const sid of ["EksCreateOnlyTaggedForThisRepository", "AcmRequestOnlyTaggedForThisRepository"]) {
      expect(tagConditions).toContain(`${sid} StringEqualsIfExists aws:ResourceTag/okctl.io/repository-id \${aws:PrincipalTag/okctl:repository-id}`);
    }
    const tagSession = (await trustPolicy("okctl-deploy-booking")).Statement.find((statement) => statement.Action === "sts:TagSession");
    expect(tagSession?.Condition).toMatchObject({ "ForAllValues:StringEquals": { "aws:TagKeys": ["okctl:repository", "okctl:repository-id"] }, Null: { "aws:RequestTag/okctl:repository-id": "false" } });

    // The EKS roles, trusted by EKS and EC2, with the managed policies the docs name.
    expect(account.EksClusterRoleArn).toMatch(/:role\/okctl-eks-cluster$/);
    expect((await trustPolicy("okctl-eks-cluster")).Statement[0]?.Principal).toEqual({ Service: "eks.amazonaws.com" });
    expect((await trustPolicy("okctl-eks-node")).Statement[0]?.Principal).toEqual({ Service: "ec2.amazonaws.com" });
    // moto 5.2.1's CloudFormation does not attach a role's ManagedPolicyArns: read them from the template.
    const managed = (resource: string) => managedPolicyNames("okctl-account.yaml", resource);
    expect(managed("EksClusterRole")).toEqual(["AmazonEKSClusterPolicy"]);
    expect(managed("EksNodeRole")).toEqual(["AmazonEC2ContainerRegistryReadOnly", "AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy"]);
  });

  it("allow every AWS operation okctl calls: the deploy role's, and okctl's own identity's", async () => {
    await createAll();
    const deploy = (await inlinePolicies("okctl-deploy-booking")).get("okctl-deploy")!;
    const own = [...(await inlinePolicies("okctl-app")).values()][0]!;
    const called = actionsOkctlCalls();
    expect(called).toContain("ec2:CreateVpc"); // the scan finds the SDK commands
    // GetCallerIdentity needs no permission; STS and the Price List API run as okctl's own identity.
    const missing = called.filter((action) => action !== "sts:GetCallerIdentity")
      .filter((action) => !(/^(sts|pricing):/.test(action) ? allows(own, action) : allows(deploy, action)));
    expect(missing).toEqual([]);
  });

  it("okctl plans and applies the full example through the roles the stacks created", async () => {
    const { account, deploy } = await createAll();
    // okctl's own identity: a session of the app role (moto acts in the role's account).
    const session = await new STSClient({ region: REGION }).send(new AssumeRoleCommand({ RoleArn: deploy.DeployRoleArn!.replace("okctl-deploy-booking", "okctl-app"), RoleSessionName: "okctl-server" }));
    const dir = mkdtempSync(join(tmpdir(), "okctl-iam-"));
    writeFileSync(join(dir, "access.yaml"), `repositories:
  - repository: ${DOCUMENTED.repository}
    roleArn: ${deploy.DeployRoleArn}
    externalId: "${DOCUMENTED.externalId}"
    accounts: ["123456789012"]
    regions: [eu-west-1, eu-north-1]
    allowedDomains: [oslo.systems, "*.oslo.systems"]
    eksClusterRoleArn: ${account.EksClusterRoleArn}
    eksNodeRoleArn: ${account.EksNodeRoleArn}
    workloadRoles: ["${DOCUMENTED.workloadRoles}"]
`);
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: session.Credentials!.AccessKeyId!,
      AWS_SECRET_ACCESS_KEY: session.Credentials!.SecretAccessKey!,
      AWS_SESSION_TOKEN: session.Credentials!.SessionToken!,
    });
    try {
      const env = { ...process.env, OKCTL_ACCESS_CONFIG: join(dir, "access.yaml") };
      const example = join(ROOT, "examples/okctl.yaml");
      const plan = captureIo(env, dir);
      expect(await main(["plan", "-f", example, "--repository", DOCUMENTED.repository, "--repository-id", "1001"], plan), plan.err()).toBe(0);
      expect(plan.out()).toMatch(/Plan: \d+ to create/);
      const apply = captureIo(env, dir);
      expect(await main(["apply", "--yes", "-f", example, "--repository", DOCUMENTED.repository, "--repository-id", "1001"], apply), apply.err()).toBe(0);
      expect(apply.out()).toContain("Apply complete");
    } finally {
      for (const key of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"] as const) {
        if (saved[key] === undefined) delete process.env[key]; else process.env[key] = saved[key];
      }
    }
    const vpcs = await testClients().ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: "tag:okctl.io/cluster", Values: ["booking-dev"] }] }));
    expect(vpcs.Vpcs).toHaveLength(1);
  });
});

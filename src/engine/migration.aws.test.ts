// Issue 8, done-when (b): an account as the original okctl left it. The plain plan reports every
// collision and creates nothing; the adoption plan takes everything over with no duplicate, leaves
// the parent's NS record and the zone's records as they were, and never touches the secret's value.
import { GetParameterCommand, ListTagsForResourceCommand } from "@aws-sdk/client-ssm";
import { DescribeAddressesCommand, DescribeInternetGatewaysCommand, DescribeNatGatewaysCommand, DescribeRouteTablesCommand, DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { ListClustersCommand } from "@aws-sdk/client-eks";
import { ListHostedZonesCommand, ListResourceRecordSetsCommand } from "@aws-sdk/client-route-53";
import { describe, expect, it } from "vitest";
import { useMoto } from "../../test/support/aws.js";
import { fullDeclaration } from "../../test/support/declarations.js";
import { applyFor, pending, planFor, testClients } from "../../test/support/engine.js";
import { ORIGINAL_SECRET_NAME, ORIGINAL_SECRET_VALUE, seedOriginalOkctl } from "../../test/support/original-okctl.js";
import type { AwsClients } from "../aws/clients.js";

useMoto();

async function records(clients: AwsClients, zoneId: string): Promise<string> {
  return JSON.stringify((await clients.route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }))).ResourceRecordSets);
}

async function counts(clients: AwsClients) {
  const zones = (await clients.route53.send(new ListHostedZonesCommand({}))).HostedZones ?? [];
  const vpcs = (await clients.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: "cidr", Values: ["192.168.0.0/20"] }] }))).Vpcs ?? [];
  const natGateways = (await clients.ec2.send(new DescribeNatGatewaysCommand({}))).NatGateways ?? [];
  return {
    zones: zones.filter((zone) => zone.Name === "booking-dev.oslo.systems.").length,
    vpcs: vpcs.length,
    clusters: ((await clients.eks.send(new ListClustersCommand({}))).clusters ?? []).length,
    internetGateways: ((await clients.ec2.send(new DescribeInternetGatewaysCommand({}))).InternetGateways ?? []).length,
    natGateways: natGateways.filter((gateway) => gateway.State !== "deleted" && gateway.State !== "deleting").length,
    elasticIps: ((await clients.ec2.send(new DescribeAddressesCommand({}))).Addresses ?? []).length,
    // The VPC's main table and the original's five (public, three private, database).
    routeTables: ((await clients.ec2.send(new DescribeRouteTablesCommand({}))).RouteTables ?? []).filter((table) => vpcs.some((vpc) => vpc.VpcId === table.VpcId)).length,
  };
}

/** The example, keeping the original okctl's aws-auth ConfigMap working beside access entries (it may not go straight to API). */
function declarationWith(overrides: Parameters<typeof fullDeclaration>[0] = {}) {
  const declaration = fullDeclaration(overrides);
  return { ...declaration, eks: { ...declaration.eks, authenticationMode: "API_AND_CONFIG_MAP" as const } };
}

/** Everything the original okctl made, once: what neither plan may duplicate. */
const ORIGINAL_COUNTS = { zones: 1, vpcs: 1, clusters: 1, internetGateways: 1, natGateways: 3, elasticIps: 3, routeTables: 6 };

async function secretValue(clients: AwsClients): Promise<string | undefined> {
  return (await clients.ssm.send(new GetParameterCommand({ Name: ORIGINAL_SECRET_NAME, WithDecryption: true }))).Parameter?.Value;
}

describe("an account the original okctl built", () => {
  it("without adopt entries: every collision is a plan error, the delegation a conflict, and nothing is created", async () => {
    const clients = testClients();
    const original = await seedOriginalOkctl(clients);
    const parentBefore = await records(clients, original.parentZoneId);
    const plan = await planFor(fullDeclaration(), clients);

    const byId = (id: string) => plan.errors.filter((error) => error.startsWith(`${id}: `));
    expect(byId("hosted-zone")).toEqual([expect.stringContaining(`the public hosted zone booking-dev.oslo.systems (${original.zoneId}, 5 records, made by the original okctl for cluster booking-dev)`)]);
    expect(byId("hosted-zone")[0]).toContain(`Either adopt it (add to okctl.yaml: adopt: [{ resource: hosted-zone, id: ${original.zoneId} }]) or choose another name.`);
    expect(byId("vpc")).toEqual([expect.stringContaining(`VPC ${original.vpcId} (192.168.0.0/20, tagged alpha.okctl.io/cluster-name=booking-dev)`)]);
    expect(byId("eks-cluster")).toEqual([expect.stringContaining("the EKS cluster booking-dev (Kubernetes 1.31, ACTIVE, made by the original okctl for cluster booking-dev)")]);
    expect(byId("parameter/argocd/client_secret")).toEqual([expect.stringContaining(`the SSM parameter ${ORIGINAL_SECRET_NAME} (SecureString`)]);
    expect(byId("zone-delegation")).toEqual([expect.stringContaining("is not proven to be this repository's")]);
    expect(plan.conflicts.map((conflict) => [conflict.id, conflict.physicalId])).toEqual([["zone-delegation", `${original.parentZoneId}/booking-dev.oslo.systems`]]);
    expect(JSON.stringify(plan)).not.toContain(ORIGINAL_SECRET_VALUE);

    const before = await counts(clients);
    const fresh = testClients();
    expect(await applyFor(plan, fresh, { allowDestroy: true })).toMatchObject({ outcome: "refused", reason: "plan-has-errors" });
    expect(fresh.calls.total).toBe(0);
    expect(await counts(clients)).toEqual(before);
    expect(before).toEqual(ORIGINAL_COUNTS);
    expect(await records(clients, original.parentZoneId)).toBe(parentBefore);
  });

  it("with adopt entries: everything is taken over with no duplicate; the delegation, the zone's records and the secret's value stay as they were", async () => {
    const clients = testClients();
    const original = await seedOriginalOkctl(clients);
    const parentBefore = await records(clients, original.parentZoneId);
    const zoneRecordsBefore = JSON.parse(await records(clients, original.zoneId)) as unknown[];
    const declaration = declarationWith({ adopt: original.adopt });
    const plan = await planFor(declaration, clients);

    expect(plan.errors).toEqual([]);
    expect(plan.conflicts).toEqual([]);
    const adopted = plan.changes.filter((change) => change.action === "adopt");
    expect(adopted.map((change) => [change.id, change.physicalId]).sort()).toEqual(original.adopt.map((entry) => [entry.resource, entry.id]).sort());
    expect(plan.summary.adopt).toBe(original.adopt.length);
    // The whole network is adopted: only what the original never made is created (its add-ons were
    // self-managed: EKS's managed ones take them over).
    expect(plan.changes.filter((change) => change.action === "create").map((change) => change.id).sort()).toEqual([
      "certificate/argocd.booking-dev.oslo.systems",
      "eks-access-entry/123456789012:role/booking-admins",
      "eks-access-entry/123456789012:role/booking-developers",
      "eks-addon/aws-ebs-csi-driver",
      "eks-addon/coredns",
      "eks-addon/eks-pod-identity-agent",
      "eks-addon/kube-proxy",
      "eks-addon/vpc-cni",
      "eks-nodegroup/generic",
      "eks-pod-identity/booking/api",
      "launch-template/generic",
      "parameter/app/log-level",
    ]);
    // The delegation names the adopted zone's name servers: proven ours, nothing to change.
    expect(plan.changes.find((change) => change.id === "zone-delegation")?.action).toBe("no-op");
    // The secret is adopted with its tags only: no value in the plan, nothing to regenerate.
    const secret = plan.changes.find((change) => change.id === "parameter/argocd/client_secret")!;
    expect(secret.attributes.map((attribute) => attribute.attribute)).toEqual(["tags"]);
    expect(JSON.stringify(plan)).not.toContain(ORIGINAL_SECRET_VALUE);
    // The cluster's tags change (okctl's are added), and access entries are turned on beside the ConfigMap.
    expect(plan.changes.find((change) => change.id === "eks-cluster")?.attributes.map((attribute) => attribute.attribute)).toEqual(["authenticationMode", "tags"]);

    const result = await applyFor(plan, clients);
    expect(result).toMatchObject({ outcome: "applied", ok: true });
    expect(await counts(clients)).toEqual(ORIGINAL_COUNTS);
    expect(await records(clients, original.parentZoneId)).toBe(parentBefore);
    const zoneRecordsAfter = JSON.parse(await records(clients, original.zoneId)) as unknown[];
    for (const record of zoneRecordsBefore) expect(zoneRecordsAfter).toContainEqual(record);
    expect(await secretValue(clients)).toBe(ORIGINAL_SECRET_VALUE);
    const secretTags = (await clients.ssm.send(new ListTagsForResourceCommand({ ResourceType: "Parameter", ResourceId: ORIGINAL_SECRET_NAME }))).TagList;
    expect(secretTags).toContainEqual({ Key: "okctl.io/repository", Value: "oslokommune/booking" });

    // Now okctl's by tag: the next plan has nothing to do, adopt entries or not.
    const again = await planFor(declaration, clients);
    expect(again.errors).toEqual([]);
    expect(pending(again)).toEqual([]);
    expect(pending(await planFor(declarationWith(), clients))).toEqual([]);
  });

  it("refuses to adopt what another repository's okctl owns", async () => {
    const clients = testClients();
    const original = await seedOriginalOkctl(clients);
    const plan = await planFor(declarationWith({ adopt: original.adopt }), clients);
    expect(await applyFor(plan, clients)).toMatchObject({ outcome: "applied", ok: true });
    const theirs = await planFor(declarationWith({ adopt: original.adopt }), clients, "oslokommune/someone-else");
    expect(theirs.errors.join("\n")).toContain(`hosted-zone: a hosted-zone with this id already exists (${original.zoneId}) and belongs to the repository oslokommune/booking`);
    expect(await applyFor(theirs, clients)).toMatchObject({ outcome: "refused" });
  });
});

import { ListAccessEntriesCommand, ListAssociatedAccessPoliciesCommand } from "@aws-sdk/client-eks";
import { describe, expect, it } from "vitest";
import { useMoto } from "../../../test/support/aws.js";
import { desiredEksCluster } from "../eks-cluster/desired.js";
import { eksClusterHandler } from "../eks-cluster/handler.js";
import { createInput, FAKE_SUBNETS, testApplyContext, testReadContext } from "../shared/test-context.js";
import { fullInput } from "../shared/test-input.js";
import type { Json } from "../types.js";
import { ACCESS_POLICY_ARNS, desiredEksAccessEntries } from "./desired.js";
import { eksAccessEntryHandler } from "./handler.js";

useMoto();

const [admins, developers] = desiredEksAccessEntries(fullInput());
const ADMINS = "arn:aws:iam::123456789012:role/booking-admins";
const DEVELOPERS = "arn:aws:iam::123456789012:role/booking-developers";

async function withCluster(repository = "oslokommune/booking"): Promise<Record<string, Record<string, Json>>> {
  const [cluster] = desiredEksCluster(fullInput({}, repository));
  const { outputs } = await eksClusterHandler.create(testApplyContext({ repository }), createInput(cluster!, FAKE_SUBNETS));
  return { ...FAKE_SUBNETS, "eks-cluster": outputs };
}

describe("the eks-access-entry kind against moto and the EKS stand-in", () => {
  it("creates entries with their policy and scope, once, and reads only okctl's back", async () => {
    const outputs = await withCluster();
    const ctx = testApplyContext();
    const created = await eksAccessEntryHandler.create(ctx, createInput(admins!, outputs));
    await eksAccessEntryHandler.create(ctx, createInput(admins!, outputs)); // a retried create carries on
    await eksAccessEntryHandler.create(ctx, createInput(developers!, outputs));
    expect(created.physicalId).toBe(`booking-dev/${ADMINS}`);
    const actual = await eksAccessEntryHandler.read(testReadContext());
    // The deploy role's bootstrap entry is EKS's, not okctl's: it is not read as ours.
    const all = await ctx.clients.eks.send(new ListAccessEntriesCommand({ clusterName: "booking-dev" }));
    expect(all.accessEntries).toHaveLength(3);
    expect(actual.map((resource) => [resource.id, resource.properties])).toEqual([
      ["eks-access-entry/123456789012:role/booking-admins", { clusterName: "booking-dev", principalArn: ADMINS, accessPolicy: ACCESS_POLICY_ARNS["cluster-admin"], namespaces: [] }],
      ["eks-access-entry/123456789012:role/booking-developers", { clusterName: "booking-dev", principalArn: DEVELOPERS, accessPolicy: ACCESS_POLICY_ARNS.edit, namespaces: ["booking"] }],
    ]);
    expect(actual[0]!.tags).toEqual(admins!.tags);
    expect(actual[0]!.repository).toBe("oslokommune/booking");
  });

  it("changes the policy (the new one first, then the old one goes) and the namespaces in place", async () => {
    const outputs = await withCluster();
    const ctx = testApplyContext();
    const input = createInput(developers!, outputs);
    const { physicalId } = await eksAccessEntryHandler.create(ctx, input);
    const properties = { ...input.properties, accessPolicy: ACCESS_POLICY_ARNS.view, namespaces: ["booking", "tools"] };
    await eksAccessEntryHandler.update(ctx, { ...input, physicalId, properties, changed: ["accessPolicy", "namespaces"], before: input.properties });
    const policies = await ctx.clients.eks.send(new ListAssociatedAccessPoliciesCommand({ clusterName: "booking-dev", principalArn: DEVELOPERS }));
    expect(policies.associatedAccessPolicies?.map((p) => [p.policyArn, p.accessScope])).toEqual([[ACCESS_POLICY_ARNS.view, { type: "namespace", namespaces: ["booking", "tools"] }]]);
    const [actual] = await eksAccessEntryHandler.read(testReadContext());
    expect(actual!.properties).toMatchObject({ accessPolicy: ACCESS_POLICY_ARNS.view, namespaces: ["booking", "tools"] });
    await eksAccessEntryHandler.update(ctx, { ...input, physicalId, properties: { ...properties, namespaces: [] }, changed: ["namespaces"], before: properties });
    const [cluster] = await eksAccessEntryHandler.read(testReadContext());
    expect(cluster!.properties).toMatchObject({ accessPolicy: ACCESS_POLICY_ARNS.view, namespaces: [] });
  });

  it("deletes, and deleting again (or on a deleted cluster) is not an error", async () => {
    const outputs = await withCluster();
    const ctx = testApplyContext();
    const created = await eksAccessEntryHandler.create(ctx, createInput(admins!, outputs));
    await eksAccessEntryHandler.delete(ctx, { id: admins!.id, ...created });
    expect(await eksAccessEntryHandler.read(testReadContext())).toEqual([]);
    await eksAccessEntryHandler.delete(ctx, { id: admins!.id, ...created });
    await eksClusterHandler.delete(ctx, { id: "eks-cluster", physicalId: "booking-dev", outputs: {} });
    await eksAccessEntryHandler.delete(ctx, { id: admins!.id, ...created });
  });

  it("refuses to take over another repository's entry for the same principal", async () => {
    const outputs = await withCluster("someone/else");
    const [theirs] = desiredEksAccessEntries(fullInput({}, "someone/else"));
    await eksAccessEntryHandler.create(testApplyContext({ repository: "someone/else" }), createInput(theirs!, outputs));
    await expect(eksAccessEntryHandler.create(testApplyContext(), createInput(admins!, outputs))).rejects.toThrow(/belongs to repository someone\/else/);
  });

  it("finds nothing when there is no cluster", async () => {
    expect(await eksAccessEntryHandler.read(testReadContext())).toEqual([]);
  });
});

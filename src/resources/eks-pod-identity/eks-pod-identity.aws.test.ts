import { ListPodIdentityAssociationsCommand } from "@aws-sdk/client-eks";
import { describe, expect, it } from "vitest";
import { useMoto } from "../../../test/support/aws.js";
import { desiredEksCluster } from "../eks-cluster/desired.js";
import { eksClusterHandler } from "../eks-cluster/handler.js";
import { createInput, FAKE_SUBNETS, testApplyContext, testReadContext } from "../shared/test-context.js";
import { fullInput } from "../shared/test-input.js";
import type { Json } from "../types.js";
import { desiredEksPodIdentities } from "./desired.js";
import { eksPodIdentityHandler } from "./handler.js";

useMoto();

const [api] = desiredEksPodIdentities(fullInput());
const OTHER_ROLE = "arn:aws:iam::123456789012:role/booking-api-v2";

async function withCluster(): Promise<Record<string, Record<string, Json>>> {
  const [cluster] = desiredEksCluster(fullInput());
  const { outputs } = await eksClusterHandler.create(testApplyContext(), createInput(cluster!, FAKE_SUBNETS));
  return { ...FAKE_SUBNETS, "eks-cluster": outputs };
}

describe("the eks-pod-identity kind against moto and the EKS stand-in", () => {
  it("creates an association that read finds with its role and tags, once", async () => {
    const outputs = await withCluster();
    const ctx = testApplyContext();
    const created = await eksPodIdentityHandler.create(ctx, createInput(api!, outputs));
    const again = await eksPodIdentityHandler.create(ctx, createInput(api!, outputs));
    expect(again.physicalId).toBe(created.physicalId);
    expect(created.physicalId).toMatch(/^booking-dev\/a-[a-z0-9]{17}$/);
    const actual = await eksPodIdentityHandler.read(testReadContext());
    expect(actual).toHaveLength(1);
    expect(actual[0]).toMatchObject({
      id: "eks-pod-identity/booking/api",
      physicalId: created.physicalId,
      properties: { clusterName: "booking-dev", namespace: "booking", serviceAccount: "api", roleArn: "arn:aws:iam::123456789012:role/booking-api" },
      tags: api!.tags,
      repository: "oslokommune/booking",
    });
  });

  it("points the service account at another role in place", async () => {
    const outputs = await withCluster();
    const ctx = testApplyContext();
    const input = createInput(api!, outputs);
    const { physicalId } = await eksPodIdentityHandler.create(ctx, input);
    await eksPodIdentityHandler.update(ctx, { ...input, physicalId, properties: { ...input.properties, roleArn: OTHER_ROLE }, changed: ["roleArn"], before: input.properties });
    const [actual] = await eksPodIdentityHandler.read(testReadContext());
    expect(actual!.properties.roleArn).toBe(OTHER_ROLE);
    expect(actual!.physicalId).toBe(physicalId);
  });

  it("deletes, and deleting again is not an error", async () => {
    const outputs = await withCluster();
    const ctx = testApplyContext();
    const created = await eksPodIdentityHandler.create(ctx, createInput(api!, outputs));
    await eksPodIdentityHandler.delete(ctx, { id: api!.id, ...created });
    await eksPodIdentityHandler.delete(ctx, { id: api!.id, ...created });
    expect((await ctx.clients.eks.send(new ListPodIdentityAssociationsCommand({ clusterName: "booking-dev" }))).associations).toEqual([]);
  });
});

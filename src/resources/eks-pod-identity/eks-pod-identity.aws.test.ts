import {
  CreatePodIdentityAssociationCommand,
  DeletePodIdentityAssociationCommand,
  ListPodIdentityAssociationsCommand,
  type EKSClient,
} from "@aws-sdk/client-eks";
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

/** Runs `before` ahead of each ListPodIdentityAssociations this client sends, with its input (to change it, or the world). */
function beforeEachList(eks: EKSClient, before: (input: Record<string, unknown>) => Promise<void> | void): void {
  eks.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === "ListPodIdentityAssociationsCommand") await before(args.input as Record<string, unknown>);
      return next(args);
    },
    { step: "initialize" },
  );
}

/** An association made outside this create (an earlier apply whose request token EKS no longer honours), with these tags. */
async function madeEarlier(ctx: ReturnType<typeof testApplyContext>, serviceAccount: string, tags: Record<string, string>): Promise<string> {
  const made = await ctx.clients.eks.send(
    new CreatePodIdentityAssociationCommand({ clusterName: "booking-dev", namespace: "booking", serviceAccount, roleArn: "arn:aws:iam::123456789012:role/booking-api", tags }),
  );
  return made.association!.associationId!;
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

  it("a create that finds its association existing takes only the one for its namespace and service account, ours by tag", async () => {
    const outputs = await withCluster();
    const ctx = testApplyContext();
    // Tagged like ours but for another service account (listed first), then ours.
    const other = await madeEarlier(ctx, "worker", api!.tags);
    const ours = await madeEarlier(ctx, "api", api!.tags);
    // A listing that does not narrow to the service account asked for: the check must not rely on it.
    beforeEachList(ctx.clients.eks, (input) => {
      delete input.namespace;
      delete input.serviceAccount;
    });
    const created = await eksPodIdentityHandler.create(ctx, createInput(api!, outputs));
    expect(created.physicalId).toBe(`booking-dev/${ours}`);
    expect(created.physicalId).not.toBe(`booking-dev/${other}`);
  });

  it("a create that EKS refuses as existing, whose association is gone by the time it looks, fails saying so", async () => {
    const outputs = await withCluster();
    const ctx = testApplyContext();
    const ours = await madeEarlier(ctx, "api", api!.tags);
    beforeEachList(ctx.clients.eks, async () => {
      await testApplyContext().clients.eks.send(new DeletePodIdentityAssociationCommand({ clusterName: "booking-dev", associationId: ours }));
    });
    await expect(eksPodIdentityHandler.create(ctx, createInput(api!, outputs))).rejects.toThrow(
      /EKS refused a pod identity association for booking\/api on cluster booking-dev as one that exists, but lists none for that service account now \(deleted meanwhile\?\): apply again/,
    );
  });

  it("a create that finds another's association for its service account refuses it", async () => {
    const outputs = await withCluster();
    const ctx = testApplyContext();
    const theirs = await madeEarlier(ctx, "api", { team: "someone-else" });
    await expect(eksPodIdentityHandler.create(ctx, createInput(api!, outputs))).rejects.toThrow(
      `EKS cluster booking-dev already has a pod identity association for booking/api (${theirs}), which belongs to something other than okctl`,
    );
  });
});

import { DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { useMoto } from "../../../test/support/aws.js";
import { createNetwork, desiredById } from "../ec2/test-network.js";
import { createInput, testApplyContext, testReadContext } from "../shared/test-context.js";
import { vpcHandler } from "./handler.js";

useMoto();

describe("vpcHandler against moto", () => {
  it("creates a tagged VPC with DNS support and hostnames, which read finds as desired", async () => {
    const ctx = testApplyContext();
    const { physicalId, outputs } = await vpcHandler.create(ctx, createInput(desiredById("vpc")));
    expect(outputs).toEqual({ id: physicalId });

    const actual = await vpcHandler.read(testReadContext({ clients: ctx.clients }));
    expect(actual).toEqual([
      {
        id: "vpc",
        kind: "vpc",
        physicalId,
        properties: { cidrBlock: "192.168.0.0/20", enableDnsSupport: true, enableDnsHostnames: true },
        outputs: { id: physicalId },
        tags: desiredById("vpc").tags,
        repository: "oslokommune/booking",
        repositoryId: expect.stringMatching(/^\d+$/), // ownership is by repository id
      },
    ]);
  });

  it("never returns the default VPC nor another cluster's", async () => {
    const ctx = testApplyContext();
    const all = await ctx.clients.ec2.send(new DescribeVpcsCommand({}));
    expect(all.Vpcs?.some((vpc) => vpc.IsDefault)).toBe(true);
    await vpcHandler.create(testApplyContext({ cluster: "other", clients: ctx.clients }), {
      ...createInput(desiredById("vpc")),
      tags: { ...desiredById("vpc").tags, "okctl.io/cluster": "other" },
    });
    expect(await vpcHandler.read(testReadContext({ clients: ctx.clients }))).toEqual([]);
  });

  it("adopts the VPC a crashed create left instead of making a second one", async () => {
    const ctx = testApplyContext();
    const first = await vpcHandler.create(ctx, createInput(desiredById("vpc")));
    const second = await vpcHandler.create(ctx, createInput(desiredById("vpc")));
    expect(second.physicalId).toBe(first.physicalId);
    expect(await vpcHandler.read(testReadContext({ clients: ctx.clients }))).toHaveLength(1);
  });

  it("returns another repository's VPC with that repository, and does not adopt it", async () => {
    const ctx = testApplyContext();
    const theirs = { ...desiredById("vpc").tags, "okctl.io/repository": "someone/else", "okctl.io/repository-id": "1" };
    const other = await vpcHandler.create(ctx, { ...createInput(desiredById("vpc")), tags: theirs });
    const mine = await vpcHandler.create(ctx, createInput(desiredById("vpc")));
    expect(mine.physicalId).not.toBe(other.physicalId);
    const actual = await vpcHandler.read(testReadContext({ clients: ctx.clients }));
    expect(Object.fromEntries(actual.map((vpc) => [vpc.physicalId, vpc.repository]))).toEqual({
      [other.physicalId]: "someone/else",
      [mine.physicalId]: "oslokommune/booking",
    });
  });

  it("updates only the changed DNS attribute", async () => {
    const ctx = testApplyContext();
    const desired = createInput(desiredById("vpc"));
    const { physicalId } = await vpcHandler.create(ctx, desired);
    const before = ctx.clients.calls.total;
    await vpcHandler.update(ctx, {
      ...desired,
      physicalId,
      properties: { ...desired.properties, enableDnsHostnames: false },
      changed: ["enableDnsHostnames"],
      before: desired.properties,
    });
    expect(ctx.clients.calls.total - before).toBe(1);
    const [actual] = await vpcHandler.read(testReadContext({ clients: ctx.clients }));
    expect(actual!.properties).toMatchObject({ enableDnsSupport: true, enableDnsHostnames: false });
  });

  it("deletes the VPC, and deleting it again succeeds", async () => {
    const ctx = testApplyContext();
    const { physicalId, outputs } = await vpcHandler.create(ctx, createInput(desiredById("vpc")));
    await vpcHandler.delete(ctx, { id: "vpc", physicalId, outputs });
    expect(await vpcHandler.read(testReadContext({ clients: ctx.clients }))).toEqual([]);
    await vpcHandler.delete(ctx, { id: "vpc", physicalId, outputs });
  });

  it("retries a VPC deletion blocked by a dependency, then says what still blocks it", async () => {
    const ctx = testApplyContext();
    const { physicalIds, outputs } = await createNetwork(ctx, { include: (id) => id === "vpc" || id === "subnet/public-a" });
    await expect(vpcHandler.delete(ctx, { id: "vpc", physicalId: physicalIds["vpc"]!, outputs: outputs["vpc"]! })).rejects.toThrow(
      /deleting VPC vpc-\w+ still failed after \d+s of retries/,
    );
    expect(ctx.slept.length).toBeGreaterThan(1);
  });
});

import { DescribeSubnetsCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { useMoto } from "../../../test/support/aws.js";
import { createNetwork, desiredById } from "../ec2/test-network.js";
import { createInput, testApplyContext, testReadContext } from "../shared/test-context.js";
import { subnetHandler } from "./handler.js";

useMoto();

const onlyVpc = { include: (id: string) => id === "vpc" };

describe("subnetHandler against moto", () => {
  it("creates the nine subnets, which read finds with the desired properties and tags", async () => {
    const ctx = testApplyContext();
    const { physicalIds } = await createNetwork(ctx, { include: (id) => id === "vpc" || id.startsWith("subnet/") });
    const actual = await subnetHandler.read(testReadContext({ clients: ctx.clients }));
    expect(actual).toHaveLength(9);
    const publicB = actual.find((subnet) => subnet.id === "subnet/public-b")!;
    expect(publicB).toEqual({
      id: "subnet/public-b",
      kind: "subnet",
      physicalId: physicalIds["subnet/public-b"],
      properties: { vpcId: physicalIds["vpc"], cidrBlock: "192.168.3.0/24", availabilityZone: "eu-west-1b", mapPublicIpOnLaunch: true },
      outputs: { id: physicalIds["subnet/public-b"] },
      tags: desiredById("subnet/public-b").tags,
      repository: "oslokommune/booking",
      repositoryId: expect.stringMatching(/^\d+$/), // ownership is by repository id
    });
    expect(actual.find((subnet) => subnet.id === "subnet/private-b")!.properties["mapPublicIpOnLaunch"]).toBe(false);
  });

  it("never returns the default subnets", async () => {
    const ctx = testApplyContext();
    const all = await ctx.clients.ec2.send(new DescribeSubnetsCommand({}));
    expect(all.Subnets?.length).toBeGreaterThan(0);
    expect(await subnetHandler.read(testReadContext({ clients: ctx.clients }))).toEqual([]);
  });

  it("adopts the subnet a crashed create left instead of making a second one", async () => {
    const ctx = testApplyContext();
    const { outputs } = await createNetwork(ctx, onlyVpc);
    const input = createInput(desiredById("subnet/public-a"), outputs);
    const first = await subnetHandler.create(ctx, input);
    const second = await subnetHandler.create(ctx, input);
    expect(second.physicalId).toBe(first.physicalId);
    expect(await subnetHandler.read(testReadContext({ clients: ctx.clients }))).toHaveLength(1);
  });

  it("updates mapPublicIpOnLaunch in place", async () => {
    const ctx = testApplyContext();
    const { outputs } = await createNetwork(ctx, onlyVpc);
    const input = createInput(desiredById("subnet/private-a"), outputs);
    const { physicalId } = await subnetHandler.create(ctx, input);
    await subnetHandler.update(ctx, {
      ...input,
      physicalId,
      properties: { ...input.properties, mapPublicIpOnLaunch: true },
      changed: ["mapPublicIpOnLaunch"],
      before: input.properties,
    });
    const [actual] = await subnetHandler.read(testReadContext({ clients: ctx.clients }));
    expect(actual!.properties["mapPublicIpOnLaunch"]).toBe(true);
  });

  it("deletes a subnet, and deleting it again succeeds", async () => {
    const ctx = testApplyContext();
    const { outputs } = await createNetwork(ctx, onlyVpc);
    const { physicalId } = await subnetHandler.create(ctx, createInput(desiredById("subnet/database-c"), outputs));
    await subnetHandler.delete(ctx, { id: "subnet/database-c", physicalId, outputs: { id: physicalId } });
    expect(await subnetHandler.read(testReadContext({ clients: ctx.clients }))).toEqual([]);
    await subnetHandler.delete(ctx, { id: "subnet/database-c", physicalId, outputs: { id: physicalId } });
  });
});

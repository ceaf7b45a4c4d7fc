import { CreateVpcCommand, DescribeInternetGatewaysCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { useMoto } from "../../../test/support/aws.js";
import { createNetwork, desiredById } from "../ec2/test-network.js";
import { createInput, testApplyContext, testReadContext } from "../shared/test-context.js";
import { internetGatewayHandler } from "./handler.js";

useMoto();

const onlyVpc = { include: (id: string) => id === "vpc" };

describe("internetGatewayHandler against moto", () => {
  it("creates a tagged gateway attached to the VPC, which read finds as desired", async () => {
    const ctx = testApplyContext();
    const { outputs } = await createNetwork(ctx, onlyVpc);
    const { physicalId } = await internetGatewayHandler.create(ctx, createInput(desiredById("internet-gateway"), outputs));
    expect(await internetGatewayHandler.read(testReadContext({ clients: ctx.clients }))).toEqual([
      {
        id: "internet-gateway",
        kind: "internet-gateway",
        physicalId,
        properties: { vpcId: outputs["vpc"]!["id"] },
        outputs: { id: physicalId },
        tags: desiredById("internet-gateway").tags,
        repository: "oslokommune/booking",
        repositoryId: expect.stringMatching(/^\d+$/), // ownership is by repository id
      },
    ]);
  });

  it("adopts (and leaves attached) the gateway a crashed create left", async () => {
    const ctx = testApplyContext();
    const { outputs } = await createNetwork(ctx, onlyVpc);
    const input = createInput(desiredById("internet-gateway"), outputs);
    const first = await internetGatewayHandler.create(ctx, input);
    const second = await internetGatewayHandler.create(ctx, input);
    expect(second.physicalId).toBe(first.physicalId);
    const actual = await internetGatewayHandler.read(testReadContext({ clients: ctx.clients }));
    expect(actual.map((gateway) => gateway.properties)).toEqual([{ vpcId: outputs["vpc"]!["id"] }]);
  });

  it("moves the gateway to another VPC by detaching and attaching", async () => {
    const ctx = testApplyContext();
    const { outputs } = await createNetwork(ctx, onlyVpc);
    const input = createInput(desiredById("internet-gateway"), outputs);
    const { physicalId } = await internetGatewayHandler.create(ctx, input);
    const other = await ctx.clients.ec2.send(new CreateVpcCommand({ CidrBlock: "10.1.0.0/16" }));
    const otherVpc = other.Vpc!.VpcId!;
    await internetGatewayHandler.update(ctx, { ...input, physicalId, properties: { vpcId: otherVpc }, changed: ["vpcId"], before: input.properties });
    const [actual] = await internetGatewayHandler.read(testReadContext({ clients: ctx.clients }));
    expect(actual!.properties).toEqual({ vpcId: otherVpc });
  });

  it("detaches and deletes the gateway, and deleting it again succeeds", async () => {
    const ctx = testApplyContext();
    const { outputs } = await createNetwork(ctx, onlyVpc);
    const { physicalId } = await internetGatewayHandler.create(ctx, createInput(desiredById("internet-gateway"), outputs));
    await internetGatewayHandler.delete(ctx, { id: "internet-gateway", physicalId, outputs: { id: physicalId } });
    const all = await ctx.clients.ec2.send(new DescribeInternetGatewaysCommand({}));
    expect(all.InternetGateways?.map((gateway) => gateway.InternetGatewayId)).not.toContain(physicalId);
    await internetGatewayHandler.delete(ctx, { id: "internet-gateway", physicalId, outputs: { id: physicalId } });
  });
});

import { DescribeNatGatewaysCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { useMoto } from "../../../test/support/aws.js";
import { createNetwork, desiredById } from "../ec2/test-network.js";
import { createInput, testApplyContext, testReadContext } from "../shared/test-context.js";
import { natGatewayHandler } from "./handler.js";

useMoto();

const prerequisites = { include: (id: string) => ["vpc", "internet-gateway", "subnet/public-a", "elastic-ip/a"].includes(id) };

describe("natGatewayHandler against moto", () => {
  it("creates a tagged NAT gateway, waits for it, and read finds it as desired", async () => {
    const ctx = testApplyContext();
    const { outputs } = await createNetwork(ctx, prerequisites);
    const { physicalId } = await natGatewayHandler.create(ctx, createInput(desiredById("nat-gateway/a"), outputs));
    expect(await natGatewayHandler.read(testReadContext({ clients: ctx.clients }))).toEqual([
      {
        id: "nat-gateway/a",
        kind: "nat-gateway",
        physicalId,
        properties: { subnetId: outputs["subnet/public-a"]!["id"], allocationId: outputs["elastic-ip/a"]!["id"], connectivityType: "public" },
        outputs: { id: physicalId },
        tags: desiredById("nat-gateway/a").tags,
        repository: "oslokommune/booking",
        repositoryId: expect.stringMatching(/^\d+$/), // ownership is by repository id
      },
    ]);
  });

  it("reads only this cluster's NAT gateways although moto ignores the tag filter", async () => {
    const ctx = testApplyContext();
    const { outputs } = await createNetwork(ctx, prerequisites);
    const input = createInput(desiredById("nat-gateway/a"), outputs);
    await natGatewayHandler.create(testApplyContext({ clients: ctx.clients, cluster: "other" }), {
      ...input,
      tags: { ...input.tags, "okctl.io/cluster": "other" },
    });
    expect(await natGatewayHandler.read(testReadContext({ clients: ctx.clients }))).toEqual([]);
    expect(await natGatewayHandler.read(testReadContext({ clients: ctx.clients, cluster: "other" }))).toHaveLength(1);
  });

  it("deletes the NAT gateway and waits until it is deleted; read then treats it as absent", async () => {
    const ctx = testApplyContext();
    const { outputs } = await createNetwork(ctx, prerequisites);
    const { physicalId } = await natGatewayHandler.create(ctx, createInput(desiredById("nat-gateway/a"), outputs));
    await natGatewayHandler.delete(ctx, { id: "nat-gateway/a", physicalId, outputs: { id: physicalId } });
    const listed = await ctx.clients.ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [physicalId] }));
    expect(listed.NatGateways?.[0]?.State).toBe("deleted");
    expect(await natGatewayHandler.read(testReadContext({ clients: ctx.clients }))).toEqual([]);
    await natGatewayHandler.delete(ctx, { id: "nat-gateway/a", physicalId, outputs: { id: physicalId } });
  });

  it("adopts the NAT gateway a crashed create left instead of making a second one", async () => {
    const ctx = testApplyContext();
    const { outputs } = await createNetwork(ctx, prerequisites);
    const input = createInput(desiredById("nat-gateway/a"), outputs);
    const first = await natGatewayHandler.create(ctx, input);
    const second = await natGatewayHandler.create(ctx, input);
    expect(second.physicalId).toBe(first.physicalId);
    expect(await natGatewayHandler.read(testReadContext({ clients: ctx.clients }))).toHaveLength(1);
  });
});

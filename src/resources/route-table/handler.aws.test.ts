import { DescribeRouteTablesCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { useMoto } from "../../../test/support/aws.js";
import { createNetwork, desiredById } from "../ec2/test-network.js";
import { createInput, testApplyContext, testReadContext } from "../shared/test-context.js";
import { routeTableHandler } from "./handler.js";

useMoto();

const everythingButTables = { include: (id: string) => !id.startsWith("route-table/") };

describe("routeTableHandler against moto", () => {
  it("creates every route table with its default route and associations, which read finds as desired", async () => {
    const ctx = testApplyContext();
    const { outputs, physicalIds } = await createNetwork(ctx);
    const actual = new Map((await routeTableHandler.read(testReadContext({ clients: ctx.clients }))).map((table) => [table.id, table]));
    expect([...actual.keys()].sort()).toEqual([
      "route-table/database",
      "route-table/private-a",
      "route-table/private-b",
      "route-table/private-c",
      "route-table/public",
    ]);
    const id = (logical: string) => outputs[logical]!["id"] as string;
    expect(actual.get("route-table/public")).toMatchObject({
      physicalId: physicalIds["route-table/public"],
      properties: {
        vpcId: id("vpc"),
        routes: [{ destinationCidrBlock: "0.0.0.0/0", gatewayId: id("internet-gateway") }],
        subnetIds: [id("subnet/public-a"), id("subnet/public-b"), id("subnet/public-c")].sort(),
      },
      tags: desiredById("route-table/public").tags,
      repository: "oslokommune/booking",
    });
    expect(actual.get("route-table/private-b")!.properties).toEqual({
      vpcId: id("vpc"),
      routes: [{ destinationCidrBlock: "0.0.0.0/0", natGatewayId: id("nat-gateway/b") }],
      subnetIds: [id("subnet/private-b")],
    });
    expect(actual.get("route-table/database")!.properties).toMatchObject({ routes: [] });
  });

  it("never returns the VPCs' main route tables", async () => {
    const ctx = testApplyContext();
    await createNetwork(ctx, { include: (id) => id === "vpc" });
    const all = await ctx.clients.ec2.send(new DescribeRouteTablesCommand({}));
    expect(all.RouteTables?.length).toBeGreaterThan(0);
    expect(await routeTableHandler.read(testReadContext({ clients: ctx.clients }))).toEqual([]);
  });

  it("adopts the table a crashed create left, completing its routes and associations", async () => {
    const ctx = testApplyContext();
    const { outputs } = await createNetwork(ctx, everythingButTables);
    const input = createInput(desiredById("route-table/public"), outputs);
    const first = await routeTableHandler.create(ctx, { ...input, properties: { ...input.properties, routes: [], subnetIds: [] } });
    const second = await routeTableHandler.create(ctx, input);
    expect(second.physicalId).toBe(first.physicalId);
    const tables = await routeTableHandler.read(testReadContext({ clients: ctx.clients }));
    expect(tables).toHaveLength(1);
    expect(tables[0]!.properties["subnetIds"]).toHaveLength(3);
    expect(tables[0]!.properties["routes"]).toHaveLength(1);
  });

  it("updates routes (replace and delete) and associations (add and remove) in place", async () => {
    const ctx = testApplyContext();
    const { outputs, physicalIds } = await createNetwork(ctx);
    const id = (logical: string) => outputs[logical]!["id"] as string;
    const input = createInput(desiredById("route-table/private-a"), outputs);
    const physicalId = physicalIds["route-table/private-a"]!;
    const moved = { vpcId: id("vpc"), routes: [{ destinationCidrBlock: "0.0.0.0/0", natGatewayId: id("nat-gateway/b") }], subnetIds: [id("subnet/database-a")] };
    await routeTableHandler.update(ctx, { ...input, physicalId, properties: moved, changed: ["routes", "subnetIds"], before: input.properties });
    const read = async () =>
      (await routeTableHandler.read(testReadContext({ clients: ctx.clients }))).find((table) => table.physicalId === physicalId)!.properties;
    expect(await read()).toEqual(moved);

    const bare = { ...moved, routes: [] };
    await routeTableHandler.update(ctx, { ...input, physicalId, properties: bare, changed: ["routes"], before: moved });
    expect(await read()).toEqual(bare);
  });

  it("disassociates and deletes a table, and deleting it again succeeds", async () => {
    const ctx = testApplyContext();
    const { physicalIds } = await createNetwork(ctx);
    const physicalId = physicalIds["route-table/public"]!;
    await routeTableHandler.delete(ctx, { id: "route-table/public", physicalId, outputs: { id: physicalId } });
    const ids = (await routeTableHandler.read(testReadContext({ clients: ctx.clients }))).map((table) => table.id);
    expect(ids).not.toContain("route-table/public");
    expect(ids).toHaveLength(4);
    await routeTableHandler.delete(ctx, { id: "route-table/public", physicalId, outputs: { id: physicalId } });
  });
});

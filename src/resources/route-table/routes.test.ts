import { describe, expect, it } from "vitest";
import { clientsWith, ec2Error, FakeEc2 } from "../ec2/fake-ec2.js";
import { testApplyContext } from "../shared/test-context.js";
import { convergeRoutes, routesFromEc2, routesFromJson, routesToJson, type RouteSpec } from "./routes.js";

const toIgw: RouteSpec = { destinationCidrBlock: "0.0.0.0/0", target: "gatewayId", targetId: "igw-1" };
const toNat: RouteSpec = { destinationCidrBlock: "0.0.0.0/0", target: "natGatewayId", targetId: "nat-1" };
const peering: RouteSpec = { destinationCidrBlock: "10.9.0.0/16", target: "vpcPeeringConnectionId", targetId: "pcx-1" };

describe("routesFromEc2", () => {
  it("keeps every IPv4 route but the local one, sorted by destination, with its target", () => {
    expect(
      routesFromEc2([
        { DestinationCidrBlock: "192.168.0.0/20", GatewayId: "local", Origin: "CreateRouteTable" },
        { DestinationCidrBlock: "10.9.0.0/16", VpcPeeringConnectionId: "pcx-1", Origin: "CreateRoute" },
        { DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: "nat-1", Origin: "CreateRoute", State: "blackhole" },
        { DestinationPrefixListId: "pl-1", GatewayId: "vpce-1" },
      ]),
    ).toEqual([toNat, peering]);
  });

  it("round-trips through the property shape", () => {
    const json = routesToJson([toIgw, peering]);
    expect(json).toEqual([
      { destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-1" },
      { destinationCidrBlock: "10.9.0.0/16", vpcPeeringConnectionId: "pcx-1" },
    ]);
    expect(routesFromJson(json)).toEqual([toIgw, peering]);
  });

  it("rejects a route without exactly one target", () => {
    expect(() => routesFromJson([{ destinationCidrBlock: "0.0.0.0/0" }])).toThrow(/exactly one target/);
    expect(() => routesFromJson([{ destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-1", natGatewayId: "nat-1" }])).toThrow(/exactly one target/);
  });
});

describe("convergeRoutes", () => {
  const ok = () => ({});

  it("creates missing routes, replaces changed targets and deletes routes no longer wanted", async () => {
    const fake = new FakeEc2({ CreateRoute: ok, ReplaceRoute: ok, DeleteRoute: ok });
    const ctx = testApplyContext({ clients: clientsWith(fake) });
    await convergeRoutes(ctx, "rtb-1", [toIgw, peering], [toNat, { ...peering, destinationCidrBlock: "10.8.0.0/16" }]);
    expect(fake.calls).toEqual([
      { operation: "DeleteRoute", input: { RouteTableId: "rtb-1", DestinationCidrBlock: "10.9.0.0/16" } },
      { operation: "ReplaceRoute", input: { RouteTableId: "rtb-1", DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: "nat-1" } },
      { operation: "CreateRoute", input: { RouteTableId: "rtb-1", DestinationCidrBlock: "10.8.0.0/16", VpcPeeringConnectionId: "pcx-1" } },
    ]);
  });

  it("does nothing when the routes already match", async () => {
    const fake = new FakeEc2({});
    await convergeRoutes(testApplyContext({ clients: clientsWith(fake) }), "rtb-1", [toIgw], [toIgw]);
    expect(fake.calls).toEqual([]);
  });

  it("replaces a route that appeared since the table was read, and retries a target not visible yet", async () => {
    const fake = new FakeEc2({
      CreateRoute: [() => Promise.reject(ec2Error("InvalidNatGatewayID.NotFound")), () => Promise.reject(ec2Error("RouteAlreadyExists"))],
      ReplaceRoute: ok,
    });
    const ctx = testApplyContext({ clients: clientsWith(fake) });
    await convergeRoutes(ctx, "rtb-1", [], [toNat]);
    expect(fake.operations()).toEqual(["CreateRoute", "CreateRoute", "ReplaceRoute"]);
    expect(ctx.slept).toHaveLength(1);
  });
});

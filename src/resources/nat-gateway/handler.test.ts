import { describe, expect, it } from "vitest";
import { clientsWith, ec2Error, FakeEc2, type Ec2Input } from "../ec2/fake-ec2.js";
import { testApplyContext } from "../shared/test-context.js";
import { natGatewayHandler, NAT_POLL_INTERVAL_MS } from "./handler.js";

const tags = { "okctl.io/resource": "nat-gateway/a", "okctl.io/cluster": "booking-dev", "okctl.io/repository": "oslokommune/booking", "okctl.io/repository-id": "1001" };
const resource = {
  id: "nat-gateway/a",
  name: "booking-dev-nat-a",
  properties: { subnetId: "subnet-1", allocationId: "eipalloc-1", connectivityType: "public" },
  tags,
};
const none = () => ({ NatGateways: [] });
const gateway = (State: string, extra: Record<string, unknown> = {}) => () => ({ NatGateways: [{ NatGatewayId: "nat-1", State, ...extra }] });
const created = (State = "pending", id = "nat-1") => () => ({ NatGateway: { NatGatewayId: id, State } });

function context(fake: FakeEc2, natGateway = 60_000) {
  const ctx = testApplyContext({ clients: clientsWith(fake) });
  return { ...ctx, timeouts: { ...ctx.timeouts, natGateway } };
}

describe("natGatewayHandler.create (AWS behaviour moto does not show)", () => {
  it("waits until the gateway is available, saying so once", async () => {
    const fake = new FakeEc2({ DescribeNatGateways: [none, gateway("pending"), gateway("pending"), gateway("available")], CreateNatGateway: created() });
    const ctx = context(fake);
    await expect(natGatewayHandler.create(ctx, resource)).resolves.toEqual({ physicalId: "nat-1", outputs: { id: "nat-1" } });
    expect(ctx.waits).toEqual(["NAT gateway nat-1 (nat-gateway/a) to become available"]);
    expect(ctx.slept).toEqual([NAT_POLL_INTERVAL_MS, NAT_POLL_INTERVAL_MS]);
  });

  it("times out with an error that names the slow NAT gateway", async () => {
    const fake = new FakeEc2({ DescribeNatGateways: [none, gateway("pending")], CreateNatGateway: created() });
    await expect(natGatewayHandler.create(context(fake, 45_000), resource)).rejects.toThrow(
      "timed out after 45s waiting for NAT gateway nat-1 (nat-gateway/a) to become available (last state: pending)",
    );
  });

  it("fails with AWS's reason when the gateway fails", async () => {
    const failed = gateway("failed", { FailureCode: "Gateway.NotAttached", FailureMessage: "Network vpc-1 has no Internet gateway attached" });
    const fake = new FakeEc2({ DescribeNatGateways: [none, failed], CreateNatGateway: created() });
    await expect(natGatewayHandler.create(context(fake), resource)).rejects.toThrow(
      "NAT gateway nat-1 (nat-gateway/a) is failed: Gateway.NotAttached: Network vpc-1 has no Internet gateway attached",
    );
  });

  it("sends a deterministic client token of at most 64 characters, new for other properties", async () => {
    const tokens: unknown[] = [];
    const record = (input: Ec2Input) => {
      tokens.push(input["ClientToken"]);
      return created("available")();
    };
    const fake = new FakeEc2({ DescribeNatGateways: [none, gateway("available")], CreateNatGateway: record });
    await natGatewayHandler.create(context(fake), resource);
    await natGatewayHandler.create(context(fake), resource);
    await natGatewayHandler.create(context(fake), { ...resource, properties: { ...resource.properties, allocationId: "eipalloc-2" } });
    expect(tokens[0]).toBe(tokens[1]);
    expect(tokens[2]).not.toBe(tokens[0]);
    expect(String(tokens[0]).length).toBeLessThanOrEqual(64);
  });

  it("takes a fresh token when the old one returns a gateway that has since been deleted", async () => {
    const fake = new FakeEc2({
      DescribeNatGateways: [none, gateway("available")],
      CreateNatGateway: [created("deleted", "nat-old"), created("pending", "nat-1")],
    });
    await expect(natGatewayHandler.create(context(fake), resource)).resolves.toMatchObject({ physicalId: "nat-1" });
    const [first, second] = fake.calls.filter((call) => call.operation === "CreateNatGateway");
    expect(second!.input["ClientToken"]).not.toBe(first!.input["ClientToken"]);
  });

  it("adopts a pending gateway of the same owner instead of creating one", async () => {
    const existing = gateway("pending", { Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) });
    const fake = new FakeEc2({ DescribeNatGateways: [existing, gateway("available")] });
    await expect(natGatewayHandler.create(context(fake), resource)).resolves.toMatchObject({ physicalId: "nat-1" });
    expect(fake.operations()).not.toContain("CreateNatGateway");
  });
});

describe("natGatewayHandler.delete", () => {
  it("waits until the gateway is deleted", async () => {
    const fake = new FakeEc2({ DeleteNatGateway: () => ({}), DescribeNatGateways: [gateway("deleting"), gateway("deleting"), gateway("deleted")] });
    const ctx = context(fake);
    await natGatewayHandler.delete(ctx, { id: "nat-gateway/a", physicalId: "nat-1", outputs: {} });
    expect(ctx.waits).toEqual(["NAT gateway nat-1 (nat-gateway/a) to be deleted"]);
    expect(ctx.slept).toHaveLength(2);
  });

  it("succeeds at once when the gateway is already gone", async () => {
    const fake = new FakeEc2({ DeleteNatGateway: () => Promise.reject(ec2Error("NatGatewayNotFound")) });
    await natGatewayHandler.delete(context(fake), { id: "nat-gateway/a", physicalId: "nat-1", outputs: {} });
    expect(fake.operations()).toEqual(["DeleteNatGateway"]);
  });

  it("times out naming the gateway that is slow to go", async () => {
    const fake = new FakeEc2({ DeleteNatGateway: () => ({}), DescribeNatGateways: gateway("deleting") });
    await expect(natGatewayHandler.delete(context(fake, 30_000), { id: "nat-gateway/a", physicalId: "nat-1", outputs: {} })).rejects.toThrow(
      /waiting for NAT gateway nat-1 \(nat-gateway\/a\) to be deleted \(last state: deleting\)/,
    );
  });
});

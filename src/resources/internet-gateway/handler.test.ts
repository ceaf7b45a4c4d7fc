import { describe, expect, it } from "vitest";
import { clientsWith, ec2Error, FakeEc2 } from "../ec2/fake-ec2.js";
import { testApplyContext } from "../shared/test-context.js";
import { internetGatewayHandler } from "./handler.js";

const attached = () => ({ InternetGateways: [{ InternetGatewayId: "igw-1", Attachments: [{ VpcId: "vpc-1", State: "available" }] }] });
const target = { id: "internet-gateway", physicalId: "igw-1", outputs: {} };

describe("internetGatewayHandler.delete (AWS behaviour moto does not show)", () => {
  it("retries the detach while public addresses are still mapped, then deletes", async () => {
    const mapped = () => Promise.reject(ec2Error("DependencyViolation", "Network vpc-1 has some mapped public address(es)"));
    const fake = new FakeEc2({ DescribeInternetGateways: attached, DetachInternetGateway: [mapped, () => ({})], DeleteInternetGateway: () => ({}) });
    const ctx = testApplyContext({ clients: clientsWith(fake) });
    await internetGatewayHandler.delete(ctx, target);
    expect(fake.operations()).toEqual(["DescribeInternetGateways", "DetachInternetGateway", "DetachInternetGateway", "DeleteInternetGateway"]);
    expect(ctx.slept).toHaveLength(1);
  });

  it("carries on when the gateway was detached meanwhile", async () => {
    const fake = new FakeEc2({
      DescribeInternetGateways: attached,
      DetachInternetGateway: () => Promise.reject(ec2Error("Gateway.NotAttached")),
      DeleteInternetGateway: () => ({}),
    });
    await internetGatewayHandler.delete(testApplyContext({ clients: clientsWith(fake) }), target);
    expect(fake.operations()).toContain("DeleteInternetGateway");
  });
});

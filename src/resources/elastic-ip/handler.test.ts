import { describe, expect, it } from "vitest";
import { clientsWith, ec2Error, FakeEc2 } from "../ec2/fake-ec2.js";
import { testApplyContext } from "../shared/test-context.js";
import { elasticIpHandler } from "./handler.js";

const target = { id: "elastic-ip/a", physicalId: "eipalloc-1", outputs: {} };

describe("elasticIpHandler.delete (AWS behaviour moto does not show)", () => {
  it("disassociates an associated address before releasing it", async () => {
    const fake = new FakeEc2({
      DescribeAddresses: () => ({ Addresses: [{ AllocationId: "eipalloc-1", AssociationId: "eipassoc-1" }] }),
      DisassociateAddress: () => ({}),
      ReleaseAddress: () => ({}),
    });
    await elasticIpHandler.delete(testApplyContext({ clients: clientsWith(fake) }), target);
    expect(fake.operations()).toEqual(["DescribeAddresses", "DisassociateAddress", "ReleaseAddress"]);
  });

  it("retries an address a just-deleted NAT gateway still holds", async () => {
    const fake = new FakeEc2({
      DescribeAddresses: () => ({ Addresses: [{ AllocationId: "eipalloc-1" }] }),
      ReleaseAddress: [() => Promise.reject(ec2Error("InvalidIPAddress.InUse")), () => ({})],
    });
    const ctx = testApplyContext({ clients: clientsWith(fake) });
    await elasticIpHandler.delete(ctx, target);
    expect(fake.operations()).toEqual(["DescribeAddresses", "ReleaseAddress", "ReleaseAddress"]);
    expect(ctx.slept).toHaveLength(1);
  });

  it("succeeds when the address is already released", async () => {
    const fake = new FakeEc2({ DescribeAddresses: () => Promise.reject(ec2Error("InvalidAllocationID.NotFound")) });
    await elasticIpHandler.delete(testApplyContext({ clients: clientsWith(fake) }), target);
    expect(fake.operations()).toEqual(["DescribeAddresses"]);
  });
});

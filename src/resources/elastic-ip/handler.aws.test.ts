import { AllocateAddressCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { useMoto } from "../../../test/support/aws.js";
import { desiredById } from "../ec2/test-network.js";
import { createInput, testApplyContext, testReadContext } from "../shared/test-context.js";
import { elasticIpHandler } from "./handler.js";

useMoto();

describe("elasticIpHandler against moto", () => {
  it("allocates a tagged VPC address, which read finds with its public IP", async () => {
    const ctx = testApplyContext();
    const { physicalId, outputs } = await elasticIpHandler.create(ctx, createInput(desiredById("elastic-ip/a")));
    expect(physicalId).toMatch(/^eipalloc-/);
    expect(outputs).toEqual({ id: physicalId, publicIp: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/) });
    expect(await elasticIpHandler.read(testReadContext({ clients: ctx.clients }))).toEqual([
      {
        id: "elastic-ip/a",
        kind: "elastic-ip",
        physicalId,
        properties: { domain: "vpc" },
        outputs,
        tags: desiredById("elastic-ip/a").tags,
        repository: "oslokommune/booking",
        repositoryId: expect.stringMatching(/^\d+$/), // ownership is by repository id
      },
    ]);
  });

  it("ignores untagged addresses and adopts the one a crashed create left", async () => {
    const ctx = testApplyContext();
    await ctx.clients.ec2.send(new AllocateAddressCommand({ Domain: "vpc" }));
    const first = await elasticIpHandler.create(ctx, createInput(desiredById("elastic-ip/b")));
    const second = await elasticIpHandler.create(ctx, createInput(desiredById("elastic-ip/b")));
    expect(second.physicalId).toBe(first.physicalId);
    expect((await elasticIpHandler.read(testReadContext({ clients: ctx.clients }))).map((eip) => eip.physicalId)).toEqual([first.physicalId]);
  });

  it("releases the address, and releasing it again succeeds", async () => {
    const ctx = testApplyContext();
    const { physicalId, outputs } = await elasticIpHandler.create(ctx, createInput(desiredById("elastic-ip/a")));
    await elasticIpHandler.delete(ctx, { id: "elastic-ip/a", physicalId, outputs });
    expect(await elasticIpHandler.read(testReadContext({ clients: ctx.clients }))).toEqual([]);
    await elasticIpHandler.delete(ctx, { id: "elastic-ip/a", physicalId, outputs });
  });
});

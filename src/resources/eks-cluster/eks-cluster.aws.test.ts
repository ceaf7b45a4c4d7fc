import { describe, expect, it } from "vitest";
import { useMoto } from "../../../test/support/aws.js";
import { createInput, FAKE_SUBNETS, testApplyContext, testReadContext } from "../shared/test-context.js";
import { fullInput } from "../shared/test-input.js";
import { desiredEksCluster } from "./desired.js";
import { eksClusterHandler } from "./handler.js";

useMoto();

const [cluster] = desiredEksCluster(fullInput());

describe("the eks-cluster kind against moto", () => {
  it("creates a cluster that read finds with its properties and tags, once", async () => {
    const ctx = testApplyContext();
    const created = await eksClusterHandler.create(ctx, createInput(cluster!, FAKE_SUBNETS));
    const again = await eksClusterHandler.create(ctx, createInput(cluster!, FAKE_SUBNETS));
    expect(again.physicalId).toBe(created.physicalId);
    expect(created.outputs).toMatchObject({ name: "booking-dev", arn: expect.stringContaining(":cluster/booking-dev") });

    const actual = await eksClusterHandler.read(testReadContext());
    expect(actual).toHaveLength(1);
    expect(actual[0]).toMatchObject({
      id: "eks-cluster",
      kind: "eks-cluster",
      physicalId: "booking-dev",
      properties: {
        name: "booking-dev",
        version: "1.31",
        roleArn: "arn:aws:iam::123456789012:role/okctl-eks-cluster",
        subnetIds: ["subnet-0000000000000000a", "subnet-0000000000000000b", "subnet-0000000000000000c"],
        endpointPublicAccess: true,
        endpointPrivateAccess: true,
        publicAccessCidrs: ["0.0.0.0/0"],
        logging: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
      },
      tags: cluster!.tags,
      repository: "oslokommune/booking",
    });
  });

  it("updates logging in place and waits for the cluster", async () => {
    const ctx = testApplyContext();
    const { physicalId } = await eksClusterHandler.create(ctx, createInput(cluster!, FAKE_SUBNETS));
    const input = createInput(cluster!, FAKE_SUBNETS);
    await eksClusterHandler.update(ctx, {
      ...input,
      physicalId,
      properties: { ...input.properties, logging: ["api", "audit"] },
      changed: ["logging"],
      before: input.properties,
    });
    const [actual] = await eksClusterHandler.read(testReadContext());
    expect(actual!.properties.logging).toEqual(["api", "audit"]);
  });

  it("re-applies changed tags in place", async () => {
    const ctx = testApplyContext();
    const { physicalId } = await eksClusterHandler.create(ctx, createInput(cluster!, FAKE_SUBNETS));
    const input = createInput(cluster!, FAKE_SUBNETS);
    const tags = { ...cluster!.tags, "okctl.io/environment": "prod" };
    await eksClusterHandler.update(ctx, { ...input, physicalId, tags, changed: ["tags"], before: input.properties });
    const [actual] = await eksClusterHandler.read(testReadContext());
    expect(actual!.tags).toEqual(tags);
  });

  it("deletes, and deleting again is not an error", async () => {
    const ctx = testApplyContext();
    const { physicalId, outputs } = await eksClusterHandler.create(ctx, createInput(cluster!, FAKE_SUBNETS));
    await eksClusterHandler.delete(ctx, { id: cluster!.id, physicalId, outputs });
    expect(await eksClusterHandler.read(testReadContext())).toEqual([]);
    await eksClusterHandler.delete(ctx, { id: cluster!.id, physicalId, outputs });
  });

  it("reads another repository's cluster with its repository, and refuses to adopt it", async () => {
    const [other] = desiredEksCluster(fullInput({}, "someone/else"));
    await eksClusterHandler.create(testApplyContext({ repository: "someone/else" }), createInput(other!, FAKE_SUBNETS));
    const [actual] = await eksClusterHandler.read(testReadContext());
    expect(actual!.repository).toBe("someone/else");
    await expect(eksClusterHandler.create(testApplyContext(), createInput(cluster!, FAKE_SUBNETS))).rejects.toThrow(/someone\/else/);
  });

  it("ignores clusters of other okctl clusters", async () => {
    const [other] = desiredEksCluster(fullInput({ metadata: { name: "other", accountID: "123456789012", region: "eu-west-1" } }));
    await eksClusterHandler.create(testApplyContext({ cluster: "other" }), createInput(other!, FAKE_SUBNETS));
    expect(await eksClusterHandler.read(testReadContext())).toEqual([]);
  });
});

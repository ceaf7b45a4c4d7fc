import { describe, expect, it } from "vitest";
import { useMoto } from "../../../test/support/aws.js";
import { desiredEksCluster } from "../eks-cluster/desired.js";
import { eksClusterHandler } from "../eks-cluster/handler.js";
import { desiredLaunchTemplates } from "../launch-template/desired.js";
import { launchTemplateHandler } from "../launch-template/handler.js";
import { createInput, FAKE_SUBNETS, testApplyContext, testReadContext } from "../shared/test-context.js";
import { fullInput } from "../shared/test-input.js";
import type { Json } from "../types.js";
import { desiredEksNodegroups } from "./desired.js";
import { eksNodegroupHandler } from "./handler.js";

useMoto();

const [group] = desiredEksNodegroups(fullInput());

async function withCluster(repository = "oslokommune/booking"): Promise<Record<string, Record<string, Json>>> {
  const [cluster] = desiredEksCluster(fullInput({}, repository));
  const [template] = desiredLaunchTemplates(fullInput({}, repository));
  const ctx = testApplyContext({ repository });
  const { outputs } = await eksClusterHandler.create(ctx, createInput(cluster!, FAKE_SUBNETS));
  // Launch template names are unique per account: another repository's is already there.
  const [existing] = await launchTemplateHandler.read(testReadContext());
  const made = existing ?? (await launchTemplateHandler.create(ctx, createInput(template!)));
  return { ...FAKE_SUBNETS, "eks-cluster": outputs, [template!.id]: made.outputs };
}

describe("the eks-nodegroup kind against moto", () => {
  it("creates a node group that read finds with its properties and tags, once", async () => {
    const outputs = await withCluster();
    const ctx = testApplyContext();
    const created = await eksNodegroupHandler.create(ctx, createInput(group!, outputs));
    const again = await eksNodegroupHandler.create(ctx, createInput(group!, outputs));
    expect(created.physicalId).toBe("booking-dev/generic");
    expect(again.physicalId).toBe(created.physicalId);

    const actual = await eksNodegroupHandler.read(testReadContext());
    expect(actual).toHaveLength(1);
    expect(actual[0]).toMatchObject({
      id: "eks-nodegroup/generic",
      physicalId: "booking-dev/generic",
      properties: {
        name: "generic",
        clusterName: "booking-dev",
        nodeRole: "arn:aws:iam::123456789012:role/okctl-eks-node",
        subnetIds: ["subnet-0000000000000000a", "subnet-0000000000000000b", "subnet-0000000000000000c"],
        instanceTypes: ["m5.large"],
        capacityType: "ON_DEMAND",
        launchTemplateId: outputs["launch-template/generic"]!.id!,
        launchTemplateVersion: "1",
        minSize: 1,
        desiredSize: 2,
        maxSize: 10,
        labels: { pool: "generic" },
        taints: [],
      },
      tags: group!.tags,
      repository: "oslokommune/booking",
    });
  });

  it("updates sizes and labels in place", async () => {
    const outputs = await withCluster();
    const ctx = testApplyContext();
    const { physicalId } = await eksNodegroupHandler.create(ctx, createInput(group!, outputs));
    const input = createInput(group!, outputs);
    await eksNodegroupHandler.update(ctx, {
      ...input,
      physicalId,
      properties: { ...input.properties, minSize: 2, desiredSize: 3, maxSize: 5, labels: { team: "booking" } },
      changed: ["minSize", "desiredSize", "maxSize", "labels"],
      before: input.properties,
    });
    const [actual] = await eksNodegroupHandler.read(testReadContext());
    expect(actual!.properties).toMatchObject({ minSize: 2, desiredSize: 3, maxSize: 5, labels: { team: "booking" } });
  });

  it("deletes before the cluster, and deleting again is not an error", async () => {
    const outputs = await withCluster();
    const ctx = testApplyContext();
    const created = await eksNodegroupHandler.create(ctx, createInput(group!, outputs));
    await eksNodegroupHandler.delete(ctx, { id: group!.id, ...created });
    expect(await eksNodegroupHandler.read(testReadContext())).toEqual([]);
    await eksNodegroupHandler.delete(ctx, { id: group!.id, ...created });
    await eksClusterHandler.delete(ctx, { id: "eks-cluster", physicalId: "booking-dev", outputs: {} });
    expect(await eksClusterHandler.read(testReadContext())).toEqual([]);
  });

  it("reads another repository's node group with its repository", async () => {
    const outputs = await withCluster("someone/else");
    const [other] = desiredEksNodegroups(fullInput({}, "someone/else"));
    await eksNodegroupHandler.create(testApplyContext({ repository: "someone/else" }), createInput(other!, outputs));
    const [actual] = await eksNodegroupHandler.read(testReadContext());
    expect(actual!.repository).toBe("someone/else");
    await expect(eksNodegroupHandler.create(testApplyContext(), createInput(group!, outputs))).rejects.toThrow(/someone\/else/);
  });

  it("finds nothing when there is no cluster", async () => {
    expect(await eksNodegroupHandler.read(testReadContext())).toEqual([]);
  });
});

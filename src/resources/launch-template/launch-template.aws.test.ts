import { CreateLaunchTemplateCommand, DescribeLaunchTemplatesCommand, DescribeLaunchTemplateVersionsCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { useMoto } from "../../../test/support/aws.js";
import { fullDeclaration } from "../../../test/support/declarations.js";
import { createAwsClients } from "../../aws/clients.js";
import { desiredEksCluster } from "../eks-cluster/desired.js";
import { eksClusterHandler } from "../eks-cluster/handler.js";
import { desiredEksNodegroups } from "../eks-nodegroup/desired.js";
import { eksNodegroupHandler } from "../eks-nodegroup/handler.js";
import { createInput, FAKE_SUBNETS, testApplyContext, testReadContext } from "../shared/test-context.js";
import { fullInput } from "../shared/test-input.js";
import type { Json } from "../types.js";
import { desiredLaunchTemplates } from "./desired.js";
import { launchTemplateHandler } from "./handler.js";

useMoto();

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const generic = fullDeclaration().eks.nodeGroups[0]!;

function inputWith(group: Partial<typeof generic>, repository?: string) {
  return fullInput({ eks: { ...fullDeclaration().eks, nodeGroups: [{ ...generic, ...group }] } }, repository);
}

/** The latest version's data of a launch template, straight from EC2. */
async function latestData(id: string) {
  const ec2 = createAwsClients({ region: "eu-west-1" }).ec2;
  const { LaunchTemplateVersions } = await ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: id, Versions: ["$Latest"] }));
  return LaunchTemplateVersions![0]!;
}

describe("the launch-template kind against moto's EC2", () => {
  it("creates a template with an encrypted gp3 root volume and IMDSv2 required at hop limit 2, found by tag, once", async () => {
    const [template] = desiredLaunchTemplates(inputWith({ diskSize: 120 }));
    const ctx = testApplyContext();
    const created = await launchTemplateHandler.create(ctx, createInput(template!));
    expect(created.outputs).toEqual({ id: created.physicalId, name: "booking-dev-generic", version: "1" });
    const again = await launchTemplateHandler.create(ctx, createInput(template!));
    expect(again.physicalId).toBe(created.physicalId);

    const version = await latestData(created.physicalId);
    expect(version.LaunchTemplateData).toMatchObject({
      BlockDeviceMappings: [{ DeviceName: "/dev/xvda", Ebs: { VolumeSize: 120, VolumeType: "gp3", Encrypted: true, DeleteOnTermination: true } }],
      MetadataOptions: { HttpTokens: "required", HttpPutResponseHopLimit: 2, HttpEndpoint: "enabled" },
    });
    expect(version.LaunchTemplateData!.BlockDeviceMappings![0]!.Ebs!.KmsKeyId).toBeUndefined();

    const actual = await launchTemplateHandler.read(testReadContext());
    expect(actual).toEqual([
      {
        id: "launch-template/generic",
        kind: "launch-template",
        physicalId: created.physicalId,
        properties: template!.properties,
        outputs: { id: created.physicalId, name: "booking-dev-generic", version: "1" },
        tags: template!.tags,
        repository: "oslokommune/booking",
        repositoryId: expect.stringMatching(/^\d+$/), // ownership is by repository id
      },
    ]);
  });

  it("changes by a new version, made the default, with the declared key", async () => {
    const [template] = desiredLaunchTemplates(inputWith({}));
    const ctx = testApplyContext();
    const { physicalId } = await launchTemplateHandler.create(ctx, createInput(template!));
    const [changed] = desiredLaunchTemplates(inputWith({ diskSize: 200, diskKmsKeyArn: KEY }));
    const input = createInput(changed!);
    const result = await launchTemplateHandler.update(ctx, {
      ...input,
      physicalId,
      changed: ["rootVolumeSize", "rootVolumeKmsKeyArn"],
      before: { rootVolumeSize: 80, rootVolumeKmsKeyArn: null },
    });
    expect(result.outputs).toEqual({ id: physicalId, name: "booking-dev-generic", version: "2" });
    expect((await latestData(physicalId)).LaunchTemplateData!.BlockDeviceMappings![0]!.Ebs).toMatchObject({ VolumeSize: 200, KmsKeyId: KEY, Encrypted: true });
    const ec2 = createAwsClients({ region: "eu-west-1" }).ec2;
    const { LaunchTemplates } = await ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [physicalId] }));
    expect(LaunchTemplates![0]).toMatchObject({ DefaultVersionNumber: 2, LatestVersionNumber: 2 });
    const [actual] = await launchTemplateHandler.read(testReadContext());
    expect(actual!.properties).toEqual(changed!.properties);
    expect(actual!.outputs.version).toBe("2");
  });

  it("deletes, and deleting again is not an error", async () => {
    const [template] = desiredLaunchTemplates(inputWith({}));
    const ctx = testApplyContext();
    const created = await launchTemplateHandler.create(ctx, createInput(template!));
    await launchTemplateHandler.delete(ctx, { id: template!.id, ...created });
    expect(await launchTemplateHandler.read(testReadContext())).toEqual([]);
    await launchTemplateHandler.delete(ctx, { id: template!.id, ...created });
  });

  it("refuses to adopt another repository's template of the same name, and reads it as theirs", async () => {
    const [theirs] = desiredLaunchTemplates(inputWith({}, "someone/else"));
    await launchTemplateHandler.create(testApplyContext({ repository: "someone/else" }), createInput(theirs!));
    const [ours] = desiredLaunchTemplates(inputWith({}));
    await expect(launchTemplateHandler.create(testApplyContext(), createInput(ours!))).rejects.toThrow(/belongs to repository someone\/else/);
    const [actual] = await launchTemplateHandler.read(testReadContext());
    expect(actual!.repository).toBe("someone/else");
  });

  it("finds only this cluster's templates", async () => {
    const [other] = desiredLaunchTemplates(fullInput({ metadata: { ...fullDeclaration().metadata, name: "other-dev" } }));
    await launchTemplateHandler.create(testApplyContext({ cluster: "other-dev" }), createInput(other!));
    expect(await launchTemplateHandler.read(testReadContext())).toEqual([]);
  });
});

describe("launch-templated node groups against moto", () => {
  async function withClusterAndTemplate(group: Partial<typeof generic>): Promise<Record<string, Record<string, Json>>> {
    const input = inputWith(group);
    const ctx = testApplyContext();
    const [cluster] = desiredEksCluster(input);
    const [template] = desiredLaunchTemplates(input);
    const { outputs } = await eksClusterHandler.create(ctx, createInput(cluster!, FAKE_SUBNETS));
    const made = await launchTemplateHandler.create(ctx, createInput(template!));
    return { ...FAKE_SUBNETS, "eks-cluster": outputs, [template!.id]: made.outputs };
  }

  it("start from the template's version, with labels and taints, and no disk size of their own", async () => {
    const outputs = await withClusterAndTemplate({ taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }] });
    const [group] = desiredEksNodegroups(inputWith({ taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }] }));
    await eksNodegroupHandler.create(testApplyContext(), createInput(group!, outputs));
    const [actual] = await eksNodegroupHandler.read(testReadContext());
    expect(actual!.properties).toMatchObject({
      launchTemplateId: outputs["launch-template/generic"]!.id,
      launchTemplateVersion: "1",
      labels: { pool: "generic" },
      taints: [{ key: "dedicated", value: "gpu", effect: "NO_SCHEDULE" }],
    });
    expect(actual!.properties).not.toHaveProperty("diskSize");
  });

  it("one per availability zone, each in its zone's subnet", async () => {
    const outputs = await withClusterAndTemplate({ perAvailabilityZone: true });
    const groups = desiredEksNodegroups(inputWith({ perAvailabilityZone: true }));
    for (const group of groups) await eksNodegroupHandler.create(testApplyContext(), createInput(group, outputs));
    const actual = await eksNodegroupHandler.read(testReadContext());
    expect(actual.map((g) => [g.id, g.properties.subnetIds, g.properties.launchTemplateId]).sort()).toEqual([
      ["eks-nodegroup/generic-a", ["subnet-0000000000000000a"], outputs["launch-template/generic"]!.id],
      ["eks-nodegroup/generic-b", ["subnet-0000000000000000b"], outputs["launch-template/generic"]!.id],
      ["eks-nodegroup/generic-c", ["subnet-0000000000000000c"], outputs["launch-template/generic"]!.id],
    ]);
  });

  it("change taints in place", async () => {
    const outputs = await withClusterAndTemplate({});
    const [group] = desiredEksNodegroups(inputWith({}));
    const ctx = testApplyContext();
    const { physicalId } = await eksNodegroupHandler.create(ctx, createInput(group!, outputs));
    const [tainted] = desiredEksNodegroups(inputWith({ taints: [{ key: "dedicated", value: "", effect: "NoExecute" }] }));
    const input = createInput(tainted!, outputs);
    await eksNodegroupHandler.update(ctx, { ...input, physicalId, changed: ["taints"], before: { taints: [] } });
    const [actual] = await eksNodegroupHandler.read(testReadContext());
    expect(actual!.properties.taints).toEqual([{ key: "dedicated", value: "", effect: "NO_EXECUTE" }]);
  });

  it("adopts a template made outside okctl by its id, and reports one of the same name when creating", async () => {
    const [template] = desiredLaunchTemplates(inputWith({}));
    const ec2 = createAwsClients({ region: "eu-west-1" }).ec2;
    const made = await ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: "booking-dev-generic",
        LaunchTemplateData: { MetadataOptions: { HttpTokens: "optional" } },
        TagSpecifications: [{ ResourceType: "launch-template", Tags: [{ Key: "alpha.okctl.io/cluster-name", Value: "booking-dev" }] }],
      }),
    );
    const id = made.LaunchTemplate!.LaunchTemplateId!;
    // Not ours by tag: the cluster's read does not see it, but a create would collide with its name.
    expect(await launchTemplateHandler.read(testReadContext())).toEqual([]);
    expect(await launchTemplateHandler.collisions!(testReadContext(), [template!])).toEqual([
      { id: "launch-template/generic", kind: "launch-template", physicalId: id, description: `the launch template booking-dev-generic (${id}, made by the original okctl for cluster booking-dev)` },
    ]);

    const candidate = await launchTemplateHandler.adoption!.read(testReadContext(), id, "launch-template/generic");
    expect(candidate).toMatchObject({ id: "launch-template/generic", physicalId: id, properties: { name: "booking-dev-generic" }, outputs: { id, version: "1" } });
    expect(candidate!.repository).toBeUndefined();
    expect(await launchTemplateHandler.adoption!.read(testReadContext(), "lt-0123456789abcdef0", "launch-template/generic")).toBeUndefined();

    await launchTemplateHandler.adoption!.tag(testApplyContext(), id, template!.tags);
    // moto keeps tags added by CreateTags out of DescribeLaunchTemplates' Tags (AWS shows them), but filters by them.
    const tagged = await ec2.send(
      new DescribeLaunchTemplatesCommand({ Filters: Object.entries(template!.tags).map(([key, value]) => ({ Name: `tag:${key}`, Values: [value] })) }),
    );
    expect(tagged.LaunchTemplates?.map((found) => found.LaunchTemplateId)).toEqual([id]);
  });
});

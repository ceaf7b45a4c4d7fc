import { describe, expect, it } from "vitest";
import { fullDeclaration } from "../../../test/support/declarations.js";
import { desiredEksNodegroups } from "../eks-nodegroup/desired.js";
import { fullInput } from "../shared/test-input.js";
import { launchTemplateData, propertiesOfData } from "./data.js";
import { desiredLaunchTemplates } from "./desired.js";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const [generic] = fullDeclaration().eks.nodeGroups;

function withGroups(groups: Partial<typeof generic>[]) {
  return fullInput({ eks: { ...fullDeclaration().eks, nodeGroups: groups.map((g) => ({ ...generic!, ...g })) } });
}

describe("the launch template builder", () => {
  it("makes one hardened template per declared group: encrypted gp3 root volume, IMDSv2 only, hop limit 2", () => {
    const templates = desiredLaunchTemplates(withGroups([{ name: "generic" }, { name: "secure", diskSize: 200, diskKmsKeyArn: KEY, perAvailabilityZone: true }]));
    expect(templates.map((t) => [t.id, t.name, t.properties, t.dependsOn])).toEqual([
      [
        "launch-template/generic",
        "booking-dev-generic",
        { name: "booking-dev-generic", rootVolumeSize: 80, rootVolumeType: "gp3", rootVolumeEncrypted: true, rootVolumeKmsKeyArn: null, httpTokens: "required", httpPutResponseHopLimit: 2 },
        [],
      ],
      [
        "launch-template/secure",
        "booking-dev-secure",
        { name: "booking-dev-secure", rootVolumeSize: 200, rootVolumeType: "gp3", rootVolumeEncrypted: true, rootVolumeKmsKeyArn: KEY, httpTokens: "required", httpPutResponseHopLimit: 2 },
        [],
      ],
    ]);
    expect(templates[1]!.tags).toMatchObject({ "okctl.io/resource": "launch-template/secure", "okctl.io/cluster": "booking-dev", Name: "booking-dev-secure" });
  });

  it("turns the properties into EC2 launch template data and reads them back the same", () => {
    const [template] = desiredLaunchTemplates(withGroups([{ name: "generic", diskKmsKeyArn: KEY }]));
    const data = launchTemplateData(template!.properties as Record<string, never>);
    expect(data).toEqual({
      BlockDeviceMappings: [{ DeviceName: "/dev/xvda", Ebs: { VolumeSize: 80, VolumeType: "gp3", Encrypted: true, KmsKeyId: KEY, DeleteOnTermination: true } }],
      MetadataOptions: { HttpEndpoint: "enabled", HttpTokens: "required", HttpPutResponseHopLimit: 2 },
    });
    const { name: _name, ...versioned } = template!.properties;
    expect(propertiesOfData(data as never)).toEqual(versioned);
  });

  it("reads data made elsewhere (no root mapping, IMDSv1 allowed) as differing settings", () => {
    expect(propertiesOfData({ MetadataOptions: { HttpTokens: "optional", HttpPutResponseHopLimit: 1 } })).toEqual({
      rootVolumeSize: null,
      rootVolumeType: null,
      rootVolumeEncrypted: false,
      rootVolumeKmsKeyArn: null,
      httpTokens: "optional",
      httpPutResponseHopLimit: 1,
    });
  });
});

describe("node groups from the declared groups", () => {
  it("make one group per zone when asked, each in its zone's private subnet, all from the declared group's template", () => {
    const groups = desiredEksNodegroups(
      withGroups([
        { name: "generic" },
        { name: "batch", perAvailabilityZone: true, taints: [{ key: "dedicated", value: "batch", effect: "NoSchedule" }, { key: "spot", value: "", effect: "PreferNoSchedule" }] },
      ]),
    );
    expect(groups.map((g) => [g.id, g.properties.subnetIds])).toEqual([
      ["eks-nodegroup/generic", [1, 4, 7].map(() => expect.anything())],
      ["eks-nodegroup/batch-a", [{ $ref: "subnet/private-a", output: "id" }]],
      ["eks-nodegroup/batch-b", [{ $ref: "subnet/private-b", output: "id" }]],
      ["eks-nodegroup/batch-c", [{ $ref: "subnet/private-c", output: "id" }]],
    ]);
    const zoneB = groups[2]!;
    expect(zoneB.name).toBe("batch-b");
    expect(zoneB.tags).toMatchObject({ Name: "booking-dev-batch-b", "okctl.io/resource": "eks-nodegroup/batch-b" });
    expect(zoneB.properties).toMatchObject({
      name: "batch-b",
      launchTemplateId: { $ref: "launch-template/batch", output: "id" },
      launchTemplateVersion: { $ref: "launch-template/batch", output: "version" },
      minSize: 1,
      desiredSize: 2,
      maxSize: 10,
      taints: [
        { key: "dedicated", value: "batch", effect: "NO_SCHEDULE" },
        { key: "spot", value: "", effect: "PREFER_NO_SCHEDULE" },
      ],
    });
    expect(zoneB.dependsOn).toEqual(["eks-cluster", "launch-template/batch", "subnet/private-b"]);
    expect(zoneB.properties).not.toHaveProperty("diskSize");
  });
});

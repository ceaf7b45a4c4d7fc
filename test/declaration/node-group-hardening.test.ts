import { describe, expect, it } from "vitest";
import { loadValid, problemLines, withRequired } from "./helpers.js";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("hardened node group fields", () => {
  it("default to the account's EBS key, one group across all zones and no taints", () => {
    const [group] = loadValid(withRequired("eks:\n  nodeGroups: [{name: a}]\n")).eks.nodeGroups;
    expect(group).toMatchObject({ diskSize: 80, perAvailabilityZone: false, taints: [] });
    expect(group).not.toHaveProperty("diskKmsKeyArn");
  });

  it("read a key, per-zone groups and taints (value optional)", () => {
    const yaml = `eks:\n  nodeGroups:\n    - name: gpu\n      diskKmsKeyArn: ${KEY}\n      perAvailabilityZone: true\n      taints:\n        - {key: nvidia.com/gpu, effect: NoSchedule}\n        - {key: team, value: ml, effect: NoExecute}\n`;
    const [group] = loadValid(withRequired(yaml)).eks.nodeGroups;
    expect(group).toMatchObject({
      diskKmsKeyArn: KEY,
      perAvailabilityZone: true,
      taints: [
        { key: "nvidia.com/gpu", value: "", effect: "NoSchedule" },
        { key: "team", value: "ml", effect: "NoExecute" },
      ],
    });
  });

  it("report bad values where they are written", () => {
    const yaml = [
      "eks:",
      "  nodeGroups:",
      "    - name: a",
      "      diskKmsKeyArn: alias/aws/ebs",
      "      perAvailabilityZone: yes please",
      "      taints:",
      "        - {key: dedicated, effect: NoSchedul}",
      "        - {value: x, effect: NoSchedule}",
      "",
    ].join("\n");
    expect(problemLines(withRequired(yaml))).toEqual([
      '10:22 /eks/nodeGroups/0/diskKmsKeyArn eks.nodeGroups[0].diskKmsKeyArn must be a KMS key ARN such as arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab, not "alias/aws/ebs"',
      expect.stringMatching(/^11:28 \/eks\/nodeGroups\/0\/perAvailabilityZone eks\.nodeGroups\[0\]\.perAvailabilityZone must be /),
      '13:36 /eks/nodeGroups/0/taints/0/effect eks.nodeGroups[0].taints[0].effect must be one of NoSchedule, PreferNoSchedule or NoExecute, not "NoSchedul" — did you mean NoSchedule?',
      '14:11 /eks/nodeGroups/0/taints/1/key eks.nodeGroups[0].taints[1] is missing required key "key"',
    ]);
  });

  it("refuse a key of another region, a taint key repeated with the same effect, and per-zone names that clash or are too long", () => {
    const long = `g${"x".repeat(61)}`;
    const yaml = [
      "eks:",
      "  nodeGroups:",
      "    - name: batch",
      "      perAvailabilityZone: true",
      `      diskKmsKeyArn: ${KEY.replace("eu-west-1", "eu-north-1")}`,
      "      taints:",
      "        - {key: dedicated, value: a, effect: NoSchedule}",
      "        - {key: dedicated, value: b, effect: NoExecute}",
      "        - {key: dedicated, value: c, effect: NoSchedule}",
      "    - name: batch-b",
      `    - name: ${long}`,
      "      perAvailabilityZone: true",
      "",
    ].join("\n");
    expect(problemLines(withRequired(yaml))).toEqual([
      "11:22 /eks/nodeGroups/0/diskKmsKeyArn eks.nodeGroups[0].diskKmsKeyArn is a key in eu-north-1, but the cluster is in eu-west-1: EBS volumes can only be encrypted with a key of their own region",
      '15:11 /eks/nodeGroups/0/taints/2 eks.nodeGroups[0].taints[2] "dedicated:NoSchedule" is already used by eks.nodeGroups[0].taints[0]; each taint key and effect must be unique',
      '16:13 /eks/nodeGroups/1/name eks.nodeGroups[1].name "batch-b" is also the name of a per-zone group that eks.nodeGroups[0].name makes; rename one of them',
      `17:13 /eks/nodeGroups/2/name eks.nodeGroups[2].name "${long}" is too long for one group per availability zone: "${long}-a" has more than 63 characters`,
    ]);
  });

  it("count only the zones the VPC has: with two zones, a group named x-c does not clash", () => {
    const yaml = "vpc: {availabilityZones: 2}\neks:\n  nodeGroups:\n    - {name: x, perAvailabilityZone: true}\n    - {name: x-c}\n";
    expect(loadValid(withRequired(yaml)).eks.nodeGroups.map((g) => g.name)).toEqual(["x", "x-c"]);
  });
});

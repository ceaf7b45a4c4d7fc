// The desired launch templates: one per declared node group (shared by its per-zone groups), with
// the hardened node settings: an encrypted gp3 root volume and IMDSv2 only, hop limit 2 (so pods
// on the host network and containers behind one more hop still reach it).
import { tagsFor } from "../shared/desired-tags.js";
import type { DesiredInput, DesiredResource } from "../types.js";

export const ROOT_VOLUME_TYPE = "gp3";
export const IMDS_HTTP_TOKENS = "required";
export const IMDS_HOP_LIMIT = 2;

export function launchTemplateId(groupName: string): string {
  return `launch-template/${groupName}`;
}

/** The EC2 name: unique in the account and region, like the cluster's name. */
export function launchTemplateName(cluster: string, groupName: string): string {
  return `${cluster}-${groupName}`;
}

export function desiredLaunchTemplates(input: DesiredInput): DesiredResource[] {
  const cluster = input.declaration.metadata.name;
  return input.declaration.eks.nodeGroups.map((group) => {
    const id = launchTemplateId(group.name);
    const name = launchTemplateName(cluster, group.name);
    return {
      id,
      kind: "launch-template",
      name,
      properties: {
        name,
        rootVolumeSize: group.diskSize,
        rootVolumeType: ROOT_VOLUME_TYPE,
        rootVolumeEncrypted: true,
        rootVolumeKmsKeyArn: group.diskKmsKeyArn ?? null,
        httpTokens: IMDS_HTTP_TOKENS,
        httpPutResponseHopLimit: IMDS_HOP_LIMIT,
      },
      dependsOn: [],
      tags: tagsFor(input, id, name),
    };
  });
}

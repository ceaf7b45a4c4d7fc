// Adopting a launch template (by its id, lt-…), and launch templates of the same name: EC2 refuses
// a second template of a name in a region.
import { CreateTagsCommand, DescribeLaunchTemplateVersionsCommand, DescribeLaunchTemplatesCommand } from "@aws-sdk/client-ec2";
import { toActualResource } from "../ec2/actual.js";
import { fromEc2Tags } from "../ec2/tags.js";
import { isAwsError } from "../shared/aws-errors.js";
import { originalOkctlNote } from "../shared/original-okctl.js";
import { toTagList } from "../shared/tags.js";
import type { AdoptionHandler, Collision, DesiredResource, ReadContext } from "../types.js";
import { propertiesOfData } from "./data.js";
import { launchTemplateOutputs } from "./read.js";
import { LAUNCH_TEMPLATE_NOT_FOUND } from "./write.js";

export const launchTemplateAdoption: AdoptionHandler = {
  async read(ctx, physicalId, id) {
    if (!physicalId.startsWith("lt-")) return undefined;
    try {
      const [template] = (await ctx.clients.ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [physicalId] }))).LaunchTemplates ?? [];
      if (template?.LaunchTemplateId !== physicalId) return undefined;
      const [latest] =
        (await ctx.clients.ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: physicalId, Versions: ["$Latest"] }))).LaunchTemplateVersions ?? [];
      return toActualResource(
        "launch-template",
        {
          physicalId,
          tags: fromEc2Tags(template.Tags),
          properties: { name: template.LaunchTemplateName ?? null, ...propertiesOfData(latest?.LaunchTemplateData) },
          outputs: launchTemplateOutputs(template, latest?.VersionNumber ?? template.LatestVersionNumber),
        },
        id,
      );
    } catch (error) {
      if (isAwsError(error, ...LAUNCH_TEMPLATE_NOT_FOUND, "InvalidLaunchTemplateId.Malformed")) return undefined;
      throw error;
    }
  },
  async tag(ctx, physicalId, tags) {
    await ctx.clients.ec2.send(new CreateTagsCommand({ Resources: [physicalId], Tags: toTagList(tags) }));
  },
};

/**
 * Templates with the names these would take (one call for all of them). Whatever has the name is
 * not ours under this id: ours would have been read, and another repository's is a conflict.
 */
export async function launchTemplateCollisions(ctx: ReadContext, creating: readonly DesiredResource[]): Promise<Collision[]> {
  const names = creating.map((resource) => String(resource.properties.name));
  // Named look-ups fail on the first missing name, so filter by name instead.
  const found = (await ctx.clients.ec2.send(new DescribeLaunchTemplatesCommand({ Filters: [{ Name: "launch-template-name", Values: names }] }))).LaunchTemplates ?? [];
  return creating.flatMap((resource) =>
    found
      .filter((template) => template.LaunchTemplateName === resource.properties.name && template.LaunchTemplateId)
      .map((template) => ({
        id: resource.id,
        kind: "launch-template" as const,
        physicalId: template.LaunchTemplateId!,
        description: `the launch template ${template.LaunchTemplateName} (${template.LaunchTemplateId}${originalOkctlNote(fromEc2Tags(template.Tags))})`,
      })),
  );
}

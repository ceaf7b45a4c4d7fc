// Creating launch templates (tagged at creation, adopted after a crash), changing them by a new
// version made the default (the node groups then roll to it), and deleting them.
import {
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  DeleteLaunchTemplateCommand,
  ModifyLaunchTemplateCommand,
} from "@aws-sdk/client-ec2";
import { deleteIdempotently } from "../ec2/delete.js";
import { fromEc2Tags, tagSpecifications } from "../ec2/tags.js";
import { isAwsError } from "../shared/aws-errors.js";
import { stringProp } from "../shared/properties.js";
import { ownerOf, sameOwner } from "../shared/tags.js";
import { idempotencyToken, tokenOwner } from "../shared/tokens.js";
import type { ApplyContext, Json, ResourceKindHandler } from "../types.js";
import { launchTemplateData } from "./data.js";
import { describeLaunchTemplates, launchTemplateOutputs } from "./read.js";

type CreateInput = Parameters<ResourceKindHandler["create"]>[1];
type UpdateInput = Parameters<ResourceKindHandler["update"]>[1];

export const LAUNCH_TEMPLATE_NOT_FOUND = ["InvalidLaunchTemplateId.NotFound", "InvalidLaunchTemplateName.NotFoundException"] as const;
const ALREADY_EXISTS = "InvalidLaunchTemplateName.AlreadyExistsException";

function token(ctx: ApplyContext, resource: { id: string; tags: Record<string, string> }, identity: Json): string {
  return idempotencyToken({ cluster: ctx.cluster, id: resource.id, repository: tokenOwner(resource.tags, ctx.repository), identity });
}

export async function createLaunchTemplate(ctx: ApplyContext, resource: CreateInput) {
  const name = stringProp(resource.properties, "name");
  const data = launchTemplateData(resource.properties);
  try {
    const { LaunchTemplate: created } = await ctx.clients.ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: name,
        LaunchTemplateData: data,
        VersionDescription: "okctl",
        TagSpecifications: tagSpecifications("launch-template", resource.tags),
        ClientToken: token(ctx, resource, resource.properties),
      }),
    );
    if (!created?.LaunchTemplateId) throw new Error(`CreateLaunchTemplate for ${resource.id} returned no launch template id`);
    return { physicalId: created.LaunchTemplateId, outputs: launchTemplateOutputs(created, created.LatestVersionNumber) };
  } catch (error) {
    if (!isAwsError(error, ALREADY_EXISTS)) throw error;
  }
  // Made by an earlier, interrupted apply (ours), or by someone else (refused).
  const [existing] = await describeLaunchTemplates(ctx.clients.ec2, { names: [name] });
  const tags = fromEc2Tags(existing?.Tags);
  if (!existing?.LaunchTemplateId || !sameOwner(tags, resource.tags)) {
    throw new Error(`launch template ${name} already exists and belongs to ${ownerOf(tags)}`);
  }
  return { physicalId: existing.LaunchTemplateId, outputs: launchTemplateOutputs(existing, existing.LatestVersionNumber) };
}

/**
 * Only the name forces a replacement; every other change is a new version, made the template's
 * default. Its number is the `version` output, which the node groups roll to.
 */
export async function updateLaunchTemplate(ctx: ApplyContext, resource: UpdateInput) {
  const launchTemplateId = resource.physicalId;
  if (resource.changed.length === 0) {
    // Nothing but tags changed (applied by withTagUpdates): no new version, so no node group rolls.
    const [current] = await describeLaunchTemplates(ctx.clients.ec2, { names: [stringProp(resource.properties, "name")] });
    return { outputs: launchTemplateOutputs({ LaunchTemplateId: launchTemplateId, LaunchTemplateName: stringProp(resource.properties, "name") }, current?.LatestVersionNumber) };
  }
  const { LaunchTemplateVersion: version } = await ctx.clients.ec2.send(
    new CreateLaunchTemplateVersionCommand({
      LaunchTemplateId: launchTemplateId,
      LaunchTemplateData: launchTemplateData(resource.properties),
      VersionDescription: "okctl",
      ClientToken: token(ctx, resource, { from: resource.before, to: resource.properties }),
    }),
  );
  const number = version?.VersionNumber;
  if (number === undefined) throw new Error(`CreateLaunchTemplateVersion on ${launchTemplateId} returned no version number`);
  await ctx.clients.ec2.send(new ModifyLaunchTemplateCommand({ LaunchTemplateId: launchTemplateId, DefaultVersion: String(number) }));
  return { outputs: launchTemplateOutputs({ LaunchTemplateId: launchTemplateId, LaunchTemplateName: stringProp(resource.properties, "name") }, number) };
}

export async function deleteLaunchTemplate(ctx: ApplyContext, resource: { physicalId: string }): Promise<void> {
  await deleteIdempotently(ctx, { what: `deleting launch template ${resource.physicalId}`, notFound: LAUNCH_TEMPLATE_NOT_FOUND }, () =>
    ctx.clients.ec2.send(new DeleteLaunchTemplateCommand({ LaunchTemplateId: resource.physicalId })),
  );
}

// Finds the cluster's launch templates by tag (DescribeLaunchTemplates), and the data of their
// latest versions in one more call for all of them (DescribeLaunchTemplateVersions with $Latest and
// no template named describes every template's latest version): two calls, however many groups.
import {
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  type LaunchTemplate,
  type LaunchTemplateVersion,
} from "@aws-sdk/client-ec2";
import { toActualResource } from "../ec2/actual.js";
import { collectPages } from "../ec2/paginate.js";
import { clusterFilters, fromEc2Tags } from "../ec2/tags.js";
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { ActualResource, Json, ReadContext } from "../types.js";
import { propertiesOfData } from "./data.js";

type Ec2 = EC2Client;

export async function describeLaunchTemplates(ec2: Ec2, input: { filters?: ReturnType<typeof clusterFilters>; names?: string[] }): Promise<LaunchTemplate[]> {
  return collectPages(async (NextToken) => {
    const page = await ec2.send(
      new DescribeLaunchTemplatesCommand({
        ...(input.filters ? { Filters: input.filters } : {}),
        ...(input.names ? { LaunchTemplateNames: input.names } : { MaxResults: 200 }),
        NextToken,
      }),
    );
    return { items: page.LaunchTemplates, nextToken: page.NextToken };
  });
}

/** The latest version of every launch template of the account and region, by template id. */
async function latestVersions(ec2: Ec2): Promise<Map<string, LaunchTemplateVersion>> {
  const versions = await collectPages(async (NextToken) => {
    const page = await ec2.send(new DescribeLaunchTemplateVersionsCommand({ Versions: ["$Latest"], MaxResults: 200, NextToken }));
    return { items: page.LaunchTemplateVersions, nextToken: page.NextToken };
  });
  return new Map(versions.filter((v) => v.LaunchTemplateId).map((v) => [v.LaunchTemplateId!, v]));
}

export function launchTemplateOutputs(template: { LaunchTemplateId?: string | undefined; LaunchTemplateName?: string | undefined }, version: number | undefined): Record<string, Json> {
  return { id: template.LaunchTemplateId ?? null, name: template.LaunchTemplateName ?? null, version: version === undefined ? null : String(version) };
}

export async function readLaunchTemplates(ctx: ReadContext): Promise<ActualResource[]> {
  const templates = await describeLaunchTemplates(ctx.clients.ec2, { filters: clusterFilters(ctx.cluster) });
  if (templates.length === 0) return [];
  const latest = await latestVersions(ctx.clients.ec2);
  const actual: ActualResource[] = [];
  for (const template of templates) {
    const version = latest.get(template.LaunchTemplateId ?? "");
    const found = toActualResource("launch-template", {
      physicalId: template.LaunchTemplateId,
      tags: fromEc2Tags(template.Tags),
      properties: { name: template.LaunchTemplateName ?? null, ...propertiesOfData(version?.LaunchTemplateData) },
      outputs: launchTemplateOutputs(template, version?.VersionNumber ?? template.LatestVersionNumber),
    });
    if (found) actual.push(found);
  }
  return actual;
}

// Finds the cluster's SSM parameters: one tag-filtered DescribeParameters (paged), their tags, and
// the values of String/StringList parameters in batches of 10. SecureString values are never read.
import {
  DescribeParametersCommand,
  GetParametersCommand,
  ListTagsForResourceCommand,
  type ParameterMetadata,
} from "@aws-sdk/client-ssm";
import { TAG_CLUSTER } from "../../declaration/tags.js";
import { mapWithConcurrency, PER_ITEM_READ_CONCURRENCY } from "../shared/shared-reads.js";
import { fromTagList, ownerFields, ownership } from "../shared/tags.js";
import { isAwsError } from "../shared/aws-errors.js";
import type { ActualResource, ApplyContext, Json, ReadContext } from "../types.js";

async function describeTagged(ctx: ReadContext): Promise<ParameterMetadata[]> {
  const found: ParameterMetadata[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ctx.clients.ssm.send(
      new DescribeParametersCommand({
        ParameterFilters: [{ Key: `tag:${TAG_CLUSTER}`, Values: [ctx.cluster] }],
        MaxResults: 50,
        NextToken,
      }),
    );
    found.push(...(page.Parameters ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return found;
}

/** Values of non-secret parameters, by name (GetParameters takes at most 10 names). */
async function plainValues(ctx: ReadContext, names: string[]): Promise<Map<string, string>> {
  const batches: string[][] = [];
  for (let i = 0; i < names.length; i += 10) batches.push(names.slice(i, i + 10));
  const pages = await mapWithConcurrency(batches, PER_ITEM_READ_CONCURRENCY, (Names) =>
    ctx.clients.ssm.send(new GetParametersCommand({ Names, WithDecryption: false })),
  );
  const values = new Map<string, string>();
  for (const page of pages) for (const p of page.Parameters ?? []) if (p.Name && p.Value !== undefined) values.set(p.Name, p.Value);
  return values;
}

export async function readParameters(ctx: ReadContext): Promise<ActualResource[]> {
  const metadata = (await describeTagged(ctx)).filter((p) => p.Name);
  // SSM has no batch tag read: one call per parameter of the cluster, a few at a time.
  const tagLists = await mapWithConcurrency(metadata, PER_ITEM_READ_CONCURRENCY, (p) =>
    ctx.clients.ssm.send(new ListTagsForResourceCommand({ ResourceType: "Parameter", ResourceId: p.Name! })),
  );
  const plainNames = metadata.filter((p) => p.Type !== "SecureString").map((p) => p.Name!);
  const values = await plainValues(ctx, plainNames);
  const actual: ActualResource[] = [];
  metadata.forEach((p, index) => {
    const tags = fromTagList(tagLists[index]!.TagList);
    const { id } = ownership(tags);
    if (!id || tags[TAG_CLUSTER] !== ctx.cluster) return;
    const name = p.Name!;
    const properties: Record<string, Json> = { name, type: p.Type ?? "String", description: p.Description ?? null };
    if (p.Type !== "SecureString") properties.value = values.get(name) ?? null;
    actual.push({ id, kind: "parameter", physicalId: name, properties, outputs: { name }, tags, ...ownerFields(tags) });
  });
  return actual;
}

/** The tags of the parameter at this name now, for the apply's ownership check; undefined when there is none. */
export async function parameterCurrentTags(ctx: ApplyContext, name: string): Promise<Record<string, string> | undefined> {
  try {
    return fromTagList((await ctx.clients.ssm.send(new ListTagsForResourceCommand({ ResourceType: "Parameter", ResourceId: name }))).TagList);
  } catch (error) {
    if (isAwsError(error, "InvalidResourceId", "ParameterNotFound")) return undefined;
    throw error;
  }
}

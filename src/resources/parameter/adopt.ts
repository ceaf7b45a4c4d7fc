// Adopting an SSM parameter (by its name): a SecureString's value is never read, written or shown.
// Parameters at the paths of new ones collide: PutParameter without Overwrite would fail.
import { AddTagsToResourceCommand, DescribeParametersCommand, GetParametersCommand, ListTagsForResourceCommand } from "@aws-sdk/client-ssm";
import { originalOkctlNote } from "../shared/original-okctl.js";
import { fromTagList, ownerFields, toTagList } from "../shared/tags.js";
import type { AdoptionHandler, Collision, DesiredResource, Json, ReadContext } from "../types.js";

export const parameterAdoption: AdoptionHandler = {
  async read(ctx, physicalId, id) {
    const ssm = ctx.clients.ssm;
    const page = await ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: "Name", Option: "Equals", Values: [physicalId] }] }));
    const metadata = (page.Parameters ?? []).find((p) => p.Name === physicalId);
    if (!metadata) return undefined;
    const tags = fromTagList((await ssm.send(new ListTagsForResourceCommand({ ResourceType: "Parameter", ResourceId: physicalId }))).TagList);
    const properties: Record<string, Json> = { name: physicalId, type: metadata.Type ?? "String", description: metadata.Description ?? null };
    if (metadata.Type !== "SecureString") {
      const values = await ssm.send(new GetParametersCommand({ Names: [physicalId], WithDecryption: false }));
      properties.value = values.Parameters?.[0]?.Value ?? null;
    }
    return { id, kind: "parameter", physicalId, properties, outputs: { name: physicalId }, tags, ...ownerFields(tags) };
  },
  async tag(ctx, physicalId, tags) {
    await ctx.clients.ssm.send(new AddTagsToResourceCommand({ ResourceType: "Parameter", ResourceId: physicalId, Tags: toTagList(tags) }));
  },
};

/** One GetParameters per 10 new parameters; values are not decrypted and not kept. */
export async function parameterCollisions(ctx: ReadContext, creating: readonly DesiredResource[]): Promise<Collision[]> {
  const byName = new Map(creating.map((resource) => [String(resource.properties.name), resource]));
  const names = [...byName.keys()];
  const collisions: Collision[] = [];
  for (let i = 0; i < names.length; i += 10) {
    const page = await ctx.clients.ssm.send(new GetParametersCommand({ Names: names.slice(i, i + 10), WithDecryption: false }));
    for (const parameter of page.Parameters ?? []) {
      const resource = parameter.Name ? byName.get(parameter.Name) : undefined;
      if (!resource) continue;
      const tags = fromTagList((await ctx.clients.ssm.send(new ListTagsForResourceCommand({ ResourceType: "Parameter", ResourceId: parameter.Name! }))).TagList);
      collisions.push({
        id: resource.id,
        kind: "parameter",
        physicalId: parameter.Name!,
        description: `the SSM parameter ${parameter.Name} (${parameter.Type ?? "?"}, version ${parameter.Version ?? "?"}${originalOkctlNote(tags)})`,
      });
    }
  }
  return collisions;
}

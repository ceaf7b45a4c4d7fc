// EC2 resources carry their okctl tags from creation; an update may still change them (the
// repository's name tag after a rename, the repository id tag on a resource from before ids).
// This wraps an EC2 kind's update: the tags first (CreateTags overwrites the given keys), then the
// kind's own update for the other changed attributes.
import { CreateTagsCommand } from "@aws-sdk/client-ec2";
import { toTagList } from "../shared/tags.js";
import type { ResourceKindHandler } from "../types.js";

/** The pseudo-attribute under which the planner lists tag changes. */
const TAGS_ATTRIBUTE = "tags";

export function withTagUpdates(handler: ResourceKindHandler): ResourceKindHandler {
  return {
    ...handler,
    async update(ctx, resource) {
      if (!resource.changed.includes(TAGS_ATTRIBUTE)) return handler.update(ctx, resource);
      await ctx.clients.ec2.send(new CreateTagsCommand({ Resources: [resource.physicalId], Tags: toTagList(resource.tags) }));
      return handler.update(ctx, { ...resource, changed: resource.changed.filter((name) => name !== TAGS_ATTRIBUTE) });
    },
  };
}

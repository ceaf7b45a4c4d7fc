// The okctl tags of one desired resource, from the builder input.
import { resourceTags } from "../../declaration/tags.js";
import type { DesiredInput } from "../types.js";

export function tagsFor(input: DesiredInput, id: string, name: string): Record<string, string> {
  const { metadata } = input.declaration;
  return resourceTags({
    cluster: metadata.name,
    repository: input.repository,
    repositoryId: input.repositoryId,
    resourceId: id,
    name,
    ...(metadata.environment ? { environment: metadata.environment } : {}),
  });
}

// Turns a described EC2 resource into an ActualResource, by its okctl tags.
import { TAG_REPOSITORY, TAG_REPOSITORY_ID, TAG_RESOURCE } from "../../declaration/tags.js";
import type { ActualResource, Json, ResourceKind } from "../types.js";

export interface DescribedResource {
  physicalId: string | undefined;
  tags: Record<string, string>;
  properties: Record<string, Json>;
  /** Defaults to { id: physicalId }. */
  outputs?: Record<string, Json>;
}

/**
 * Undefined when the resource has no okctl.io/resource tag (then it is not one of ours), unless
 * `adoptAs` gives the logical id it is being adopted as.
 */
export function toActualResource(kind: ResourceKind, described: DescribedResource, adoptAs?: string): ActualResource | undefined {
  const id = adoptAs ?? described.tags[TAG_RESOURCE];
  if (!id || !described.physicalId) return undefined;
  const repository = described.tags[TAG_REPOSITORY];
  const repositoryId = described.tags[TAG_REPOSITORY_ID];
  return {
    id,
    kind,
    physicalId: described.physicalId,
    properties: described.properties,
    outputs: described.outputs ?? { id: described.physicalId },
    tags: described.tags,
    ...(repository !== undefined ? { repository } : {}),
    ...(repositoryId !== undefined ? { repositoryId } : {}),
  };
}

export function defined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

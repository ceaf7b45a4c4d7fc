// The tags every okctl resource carries. Reads find resources by these tags: AWS is the state.

export const TAG_CLUSTER = "okctl.io/cluster";
export const TAG_REPOSITORY = "okctl.io/repository";
export const TAG_RESOURCE = "okctl.io/resource";
export const TAG_MANAGED_BY = "okctl.io/managed-by";
export const TAG_ENVIRONMENT = "okctl.io/environment";
export const MANAGED_BY_VALUE = "okctl";

export interface TagInput {
  cluster: string;
  repository: string;
  /** Logical id, e.g. "subnet/private-b". */
  resourceId: string;
  /** Value of the Name tag. */
  name: string;
  environment?: string;
}

export function resourceTags(input: TagInput): Record<string, string> {
  return {
    Name: input.name,
    [TAG_CLUSTER]: input.cluster,
    [TAG_REPOSITORY]: input.repository,
    [TAG_RESOURCE]: input.resourceId,
    [TAG_MANAGED_BY]: MANAGED_BY_VALUE,
    ...(input.environment ? { [TAG_ENVIRONMENT]: input.environment } : {}),
  };
}

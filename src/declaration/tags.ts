// The tags every okctl resource carries. Reads find resources by these tags: AWS is the state.

export const TAG_CLUSTER = "okctl.io/cluster";
/** The repository's owner/name, for people; kept up to date after a rename. */
export const TAG_REPOSITORY = "okctl.io/repository";
/** The repository's numeric GitHub id: what ownership is decided by (a name can change hands). */
export const TAG_REPOSITORY_ID = "okctl.io/repository-id";
export const TAG_RESOURCE = "okctl.io/resource";
export const TAG_MANAGED_BY = "okctl.io/managed-by";
export const TAG_ENVIRONMENT = "okctl.io/environment";
export const MANAGED_BY_VALUE = "okctl";

export interface TagInput {
  cluster: string;
  repository: string;
  /** The repository's numeric GitHub id, as a string. */
  repositoryId: string;
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
    [TAG_REPOSITORY_ID]: input.repositoryId,
    [TAG_RESOURCE]: input.resourceId,
    [TAG_MANAGED_BY]: MANAGED_BY_VALUE,
    ...(input.environment ? { [TAG_ENVIRONMENT]: input.environment } : {}),
  };
}

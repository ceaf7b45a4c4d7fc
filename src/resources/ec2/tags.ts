// EC2 tags: tag specifications for create calls, and the filters that find okctl's resources.
import type { Filter, ResourceType, TagSpecification } from "@aws-sdk/client-ec2";
import { TAG_CLUSTER, TAG_REPOSITORY_ID, TAG_RESOURCE } from "../../declaration/tags.js";
import { fromTagList, toTagList } from "../shared/tags.js";

export { fromTagList as fromEc2Tags };

/** Tags applied by the create call itself, so a resource is never untagged. */
export function tagSpecifications(resourceType: ResourceType, tags: Record<string, string>): TagSpecification[] {
  return [{ ResourceType: resourceType, Tags: toTagList(tags) }];
}

/** The one filter every read uses: everything tagged for this cluster, whichever repository. */
export function clusterFilters(cluster: string): Filter[] {
  return [{ Name: `tag:${TAG_CLUSTER}`, Values: [cluster] }];
}

/**
 * Filters that find the resource a create may already have made before a crash: same logical id,
 * cluster and repository. Used where the API has no client token.
 */
export function adoptionFilters(tags: Record<string, string>): Filter[] {
  return [TAG_RESOURCE, TAG_CLUSTER, TAG_REPOSITORY_ID].map((key) => {
    const value = tags[key];
    if (value === undefined) throw new Error(`cannot look for an existing resource without its ${key} tag`);
    return { Name: `tag:${key}`, Values: [value] };
  });
}

/** True when the tags say the resource belongs to this cluster (for APIs that ignore tag filters). */
export function isTaggedForCluster(tags: Record<string, string>, cluster: string): boolean {
  return tags[TAG_CLUSTER] === cluster;
}

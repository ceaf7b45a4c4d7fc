// Pure: what `okctl validate --show` prints for a valid file: the fully defaulted declaration, the
// derived layout, and the names and tags resources will carry.
import { stringify } from "yaml";
import { resourceTags, TAG_CLUSTER, TAG_ENVIRONMENT, TAG_MANAGED_BY, TAG_REPOSITORY, TAG_REPOSITORY_ID, MANAGED_BY_VALUE } from "../declaration/tags.js";
import type { Declaration, Layout, SubnetLayout } from "../declaration/types.js";
import { desiredGraph } from "../resources/registry.js";

/** Shown as the repository tag when --repository is not given. */
export const REPOSITORY_PLACEHOLDER = "<owner/name: pass --repository>";
/** Shown as the repository id tag: known when the app or `okctl plan` runs. */
export const REPOSITORY_ID_PLACEHOLDER = "<the repository's numeric GitHub id>";

export interface ShowDocument {
  declaration: Declaration;
  layout: {
    availabilityZones: string[];
    subnets: (SubnetLayout & { tags: Record<string, string> })[];
  };
  /** The tags every resource carries, besides Name and okctl.io/resource. */
  commonTags: Record<string, string>;
  /** Every resource okctl will manage for this declaration: logical id, kind, name and tags. */
  resources: { id: string; kind: string; name: string; dependsOn: string[]; tags: Record<string, string> }[];
}

/** The IAM roles come from the server-side access configuration, not from the declaration. */
const ROLE_PLACEHOLDER = "<from the access configuration>";

export function showDocument(declaration: Declaration, layout: Layout, repository = REPOSITORY_PLACEHOLDER): ShowDocument {
  const { name: cluster, environment } = declaration.metadata;
  const resources = desiredGraph({ declaration, layout, repository, repositoryId: REPOSITORY_ID_PLACEHOLDER, eksClusterRoleArn: ROLE_PLACEHOLDER, eksNodeRoleArn: ROLE_PLACEHOLDER });
  // A subnet's tags are those its resource carries (the kubernetes.io/* tags included).
  const tagsOf = new Map(resources.map((resource) => [resource.id, resource.tags]));
  const env = environment ? { environment } : {};
  return {
    declaration,
    layout: {
      availabilityZones: layout.availabilityZones,
      subnets: layout.subnets.map((subnet) => ({
        ...subnet,
        tags: tagsOf.get(subnet.id) ?? resourceTags({ cluster, repository, repositoryId: REPOSITORY_ID_PLACEHOLDER, resourceId: subnet.id, name: subnet.name, ...env }),
      })),
    },
    commonTags: {
      [TAG_CLUSTER]: cluster,
      [TAG_REPOSITORY]: repository,
      [TAG_REPOSITORY_ID]: REPOSITORY_ID_PLACEHOLDER,
      [TAG_MANAGED_BY]: MANAGED_BY_VALUE,
      ...(environment ? { [TAG_ENVIRONMENT]: environment } : {}),
    },
    resources: resources.map((resource) => ({ id: resource.id, kind: resource.kind, name: resource.name, dependsOn: resource.dependsOn, tags: resource.tags })),
  };
}

export function showYaml(show: ShowDocument, file: string): string {
  return `---\n# ${file}: the declaration with every default applied, and what okctl derives from it\n${stringify(show, { lineWidth: 0 }).trimEnd()}`;
}

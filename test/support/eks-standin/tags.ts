// Tags of the EKS resources only the stand-in knows (access entries, add-ons, pod identity
// associations), and of node groups after their creation (moto 5.2.1 tags only clusters):
// TagResource, UntagResource and ListTagsForResource on their ARNs.
import { notFound } from "./errors.js";
import type { MotoLink, Served } from "./served.js";
import type { EksStandinState } from "./state.js";

const OURS = /^arn:aws[a-z-]*:eks:[^:]+:\d{12}:(access-entry|addon|podidentityassociation)\//;
/** arn:aws:eks:<region>:<account>:nodegroup/<cluster>/<node group>/<uuid> */
const NODEGROUP = /^arn:aws[a-z-]*:eks:[^:]+:\d{12}:nodegroup\/([^/]+)\/([^/]+)\/[^/]+$/;

export function isStandinArn(arn: string): boolean {
  return OURS.test(arn) || NODEGROUP.test(arn);
}

/** A node group's tags as moto keeps them, with the changes made since (null removes a key). */
export function withTagChanges(tags: Record<string, string>, changes: Record<string, string | null> | undefined): Record<string, string> {
  const out = { ...tags };
  for (const [key, value] of Object.entries(changes ?? {})) {
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out;
}

function tagsOf(state: EksStandinState, region: string, arn: string): Record<string, string> {
  for (const extras of state.inRegion(region)) {
    for (const entry of extras.accessEntries.values()) if (entry.accessEntryArn === arn) return entry.tags;
    for (const addon of extras.addons.values()) if (addon.addonArn === arn) return addon.tags;
    for (const association of extras.podIdentities.values()) if (association.associationArn === arn) return association.tags;
  }
  throw notFound(`Resource ${arn} not found`);
}

/** A node group's tag changes, made on first use; throws EKS's not-found when moto has no such node group. */
async function nodegroupTags(
  state: EksStandinState,
  region: string,
  moto: MotoLink,
  arn: string,
): Promise<{ changes: Record<string, string | null>; created: Record<string, string> } | undefined> {
  const match = NODEGROUP.exec(arn);
  if (!match) return undefined;
  const [, clusterName, nodegroupName] = match as unknown as [string, string, string];
  const group = await moto.nodegroup(clusterName, nodegroupName);
  if (!group) throw notFound(`Resource ${arn} not found`);
  const extras = state.cluster(region, clusterName);
  const changes = extras.nodegroupTags.get(nodegroupName) ?? {};
  extras.nodegroupTags.set(nodegroupName, changes);
  return { changes, created: group.tags };
}

export const tagOperations: Record<string, Served> = {
  async TagResource({ input, region, state, moto }) {
    const arn = input.resourceArn as string;
    const tags = input.tags as Record<string, string>;
    const nodegroup = await nodegroupTags(state, region, moto, arn);
    Object.assign(nodegroup ? nodegroup.changes : tagsOf(state, region, arn), tags);
    return {};
  },
  async UntagResource({ input, region, state, moto }) {
    const arn = input.resourceArn as string;
    const nodegroup = await nodegroupTags(state, region, moto, arn);
    const tags = nodegroup ? undefined : tagsOf(state, region, arn);
    for (const key of input.tagKeys as string[]) {
      if (nodegroup) nodegroup.changes[key] = null;
      else delete tags![key];
    }
    return {};
  },
  async ListTagsForResource({ input, region, state, moto }) {
    const arn = input.resourceArn as string;
    const nodegroup = await nodegroupTags(state, region, moto, arn);
    return { tags: nodegroup ? withTagChanges(nodegroup.created, nodegroup.changes) : { ...tagsOf(state, region, arn) } };
  },
};

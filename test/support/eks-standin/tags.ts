// Tags of the EKS resources only the stand-in knows (access entries, add-ons, pod identity
// associations): TagResource, UntagResource and ListTagsForResource on their ARNs.
import { notFound } from "./errors.js";
import type { Served } from "./served.js";
import type { EksStandinState } from "./state.js";

const OURS = /^arn:aws[a-z-]*:eks:[^:]+:\d{12}:(access-entry|addon|podidentityassociation)\//;

export function isStandinArn(arn: string): boolean {
  return OURS.test(arn);
}

function tagsOf(state: EksStandinState, region: string, arn: string): Record<string, string> {
  for (const extras of state.inRegion(region)) {
    for (const entry of extras.accessEntries.values()) if (entry.accessEntryArn === arn) return entry.tags;
    for (const addon of extras.addons.values()) if (addon.addonArn === arn) return addon.tags;
    for (const association of extras.podIdentities.values()) if (association.associationArn === arn) return association.tags;
  }
  throw notFound(`Resource ${arn} not found`);
}

export const tagOperations: Record<string, Served> = {
  async TagResource({ input, region, state }) {
    Object.assign(tagsOf(state, region, input.resourceArn as string), input.tags as Record<string, string>);
    return {};
  },
  async UntagResource({ input, region, state }) {
    const tags = tagsOf(state, region, input.resourceArn as string);
    for (const key of input.tagKeys as string[]) delete tags[key];
    return {};
  },
  async ListTagsForResource({ input, region, state }) {
    return { tags: { ...tagsOf(state, region, input.resourceArn as string) } };
  },
};

// Attribute-level comparison of one desired resource with what AWS has, and the attribute lists
// a plan shows for creates and deletes. Values are normalised (unordered lists sorted) and
// masked (sensitive values hidden) here, so the plan never carries a secret.
import type { DesiredResource, Json, KindRules } from "../resources/types.js";
import { canonicalJson, compareStrings, jsonEqual } from "./canonical.js";
import type { AttributeChange, PlanValue } from "./types.js";
import { SENSITIVE } from "./values.js";

/** The pseudo-attribute under which tag differences are shown. */
export const TAGS_ATTRIBUTE = "tags";

function normalise(attribute: string, value: PlanValue, rules: KindRules): PlanValue {
  if (!Array.isArray(value) || !rules.unorderedLists?.includes(attribute)) return value;
  return [...value].sort((a, b) => compareStrings(canonicalJson(a), canonicalJson(b)));
}

/** What a plan shows for an attribute's value: normalised, or `{ sensitive: true }`. */
export function shown(attribute: string, value: PlanValue, rules: KindRules): PlanValue {
  return rules.sensitive?.includes(attribute) ? SENSITIVE : normalise(attribute, value, rules);
}

function sortedNames(record: object): string[] {
  return Object.keys(record).sort(compareStrings);
}

/** Every attribute of a resource to be created (after values only), tags last. */
export function createAttributes(resolved: Record<string, PlanValue>, tags: Record<string, string>, rules: KindRules): AttributeChange[] {
  const attributes: AttributeChange[] = sortedNames(resolved).map((name) => ({
    attribute: name,
    after: shown(name, resolved[name] as PlanValue, rules),
  }));
  if (Object.keys(tags).length > 0) attributes.push({ attribute: TAGS_ATTRIBUTE, after: tags });
  return attributes;
}

/** Every attribute of a resource to be deleted (before values only). */
export function deleteAttributes(properties: Record<string, Json>, rules: KindRules): AttributeChange[] {
  return sortedNames(properties).map((name) => ({ attribute: name, before: shown(name, properties[name] as Json, rules) }));
}

export interface ExistingDiffInput {
  desired: DesiredResource;
  /** Desired properties with references resolved (unknown where not known yet). */
  resolved: Record<string, PlanValue>;
  actualProperties: Record<string, Json>;
  actualTags: Record<string, string>;
  rules: KindRules;
}

/**
 * The changed attributes of an existing resource. Only properties present in desired are
 * compared; createOnly properties are never compared; tags are compared for the keys desired
 * sets. An attribute in rules.replaceOn is marked forcesReplacement.
 */
export function diffExisting(input: ExistingDiffInput): AttributeChange[] {
  const { rules } = input;
  const changes: AttributeChange[] = [];
  for (const name of sortedNames(input.resolved)) {
    if (rules.createOnly?.includes(name)) continue;
    const after = normalise(name, input.resolved[name] as PlanValue, rules);
    const before = normalise(name, input.actualProperties[name] ?? null, rules);
    if (jsonEqual(after, before)) continue;
    changes.push(withForce({ attribute: name, before: shown(name, before, rules), after: shown(name, after, rules) }, rules));
  }
  const tagBefore: Record<string, Json> = {};
  const tagAfter: Record<string, Json> = {};
  for (const key of sortedNames(input.desired.tags)) {
    const wanted = input.desired.tags[key] as string;
    if (input.actualTags[key] === wanted) continue;
    tagBefore[key] = input.actualTags[key] ?? null;
    tagAfter[key] = wanted;
  }
  if (Object.keys(tagAfter).length > 0) {
    changes.push(withForce({ attribute: TAGS_ATTRIBUTE, before: tagBefore, after: tagAfter }, rules));
  }
  return changes;
}

function withForce(change: AttributeChange, rules: KindRules): AttributeChange {
  return rules.replaceOn.includes(change.attribute) ? { ...change, forcesReplacement: true } : change;
}

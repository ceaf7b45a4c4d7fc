// Sorting what was found in AWS: ours (one per logical id), debris (extra copies of an id of
// ours, e.g. from a crash between create and the tag landing elsewhere), and other repositories'.
import { KIND_ORDER } from "../resources/kinds.js";
import type { ActualResource, DesiredResource } from "../resources/types.js";
import { compareStrings, jsonEqual } from "./canonical.js";
import { isRef } from "./refs.js";

export interface Ownership {
  /** Ours, one per logical id: the copy we keep. */
  kept: Map<string, ActualResource>;
  /** Extra copies of ids of ours, each with a distinct change id: "<id>#2", "<id>#3", … */
  extras: { changeId: string; actual: ActualResource }[];
  /** Owned by another repository: never touched. */
  foreign: ActualResource[];
}

/**
 * The owner of an untaggable resource found by identity (e.g. the delegation NS record), when it
 * points at another repository's resource: a desired Ref of it resolves, in that repository's
 * copy only, to exactly what the resource holds (the delegation names their zone's name servers).
 */
function borrowedOwner(resource: ActualResource, desired: DesiredResource | undefined, actual: readonly ActualResource[], repository: string): string | undefined {
  for (const [name, value] of Object.entries(desired?.properties ?? {})) {
    if (!isRef(value)) continue;
    const held = resource.properties[name];
    const pointedAt = actual.filter((other) => other.id === value.$ref && jsonEqual(other.outputs[value.output], held));
    const owners = new Set(pointedAt.map((other) => other.repository ?? repository));
    if (owners.size === 1 && !owners.has(repository)) return [...owners][0];
  }
  return undefined;
}

/**
 * A resource without a repository tag (kinds that cannot be tagged, found by identity) is ours,
 * unless it points at another repository's resource (borrowedOwner): then it is theirs.
 * Among several copies of one id, we keep the one of the desired kind with the smallest physical
 * id; the others are numbered from #2 in physical-id order and planned for deletion.
 */
export function sortOwnership(actual: readonly ActualResource[], desired: readonly DesiredResource[], repository: string): Ownership {
  const desiredKind = new Map(desired.map((resource) => [resource.id, resource.kind]));
  const desiredById = new Map(desired.map((resource) => [resource.id, resource]));
  const attributed = actual.map((resource) => {
    if (resource.repository !== undefined) return resource;
    const owner = borrowedOwner(resource, desiredById.get(resource.id), actual, repository);
    return owner === undefined ? resource : { ...resource, repository: owner };
  });
  const foreign = attributed
    .filter((resource) => resource.repository !== undefined && resource.repository !== repository)
    .sort((a, b) => compareStrings(a.id, b.id) || compareStrings(a.physicalId, b.physicalId));
  const byId = new Map<string, ActualResource[]>();
  for (const resource of attributed) {
    if (resource.repository !== undefined && resource.repository !== repository) continue;
    byId.set(resource.id, [...(byId.get(resource.id) ?? []), resource]);
  }
  const kept = new Map<string, ActualResource>();
  const extras: Ownership["extras"] = [];
  for (const [id, copies] of byId) {
    const wanted = desiredKind.get(id);
    const ranked = [...copies].sort(
      (a, b) =>
        Number(b.kind === wanted) - Number(a.kind === wanted) ||
        KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
        compareStrings(a.physicalId, b.physicalId),
    );
    const [first, ...rest] = ranked as [ActualResource, ...ActualResource[]];
    // A copy of another kind than the desired one is not the desired resource: it is debris too.
    if (wanted === undefined || first.kind === wanted) kept.set(id, first);
    else rest.unshift(first);
    rest
      .sort((a, b) => compareStrings(a.physicalId, b.physicalId))
      .forEach((extra, index) => extras.push({ changeId: `${id}#${index + 2}`, actual: extra }));
  }
  return { kept, extras, foreign };
}

/** The logical id behind a change id: "nat-gateway/a#2" → "nat-gateway/a". */
export function logicalIdOf(changeId: string): string {
  return changeId.replace(/#\d+$/, "");
}

// Sorting what was found in AWS: ours (one per logical id), debris (extra copies of an id of
// ours, e.g. from a crash between create and the tag landing elsewhere), other repositories', and
// what nobody has proven to be okctl's (an untaggable resource found by identity, e.g. an NS record).
import { KIND_ORDER } from "../resources/kinds.js";
import type { ActualResource, DesiredResource } from "../resources/types.js";
import { compareStrings, jsonEqual } from "./canonical.js";
import { isRef } from "./refs.js";

/** The owner shown for a resource nobody has proven to be okctl's. */
export const UNPROVEN_OWNER = "(not okctl's)";

export interface Ownership {
  /** Ours, one per logical id: the copy we keep. */
  kept: Map<string, ActualResource>;
  /** Extra copies of ids of ours, each with a distinct change id: "<id>#2", "<id>#3", … */
  extras: { changeId: string; actual: ActualResource }[];
  /** Owned by another repository: never touched. */
  foreign: ActualResource[];
  /** Found by identity but not proven to be okctl's (ours or another repository's): never touched. */
  unproven: ActualResource[];
}

/** A repository as okctl knows it: its numeric GitHub id (ownership) and its owner/name (people, access entries). */
export interface RepositoryIdentity {
  id: string;
  name: string;
}

/** The owner a found resource names: its repository id tag, and its owner/name tag. */
export interface ResourceOwner {
  id?: string;
  name?: string;
}

/** The owner a resource's tags (or, for an untaggable kind, its read) name; undefined when none. */
export function ownerOf(resource: Pick<ActualResource, "repository" | "repositoryId">): ResourceOwner | undefined {
  if (resource.repository === undefined && resource.repositoryId === undefined) return undefined;
  return {
    ...(resource.repositoryId !== undefined ? { id: resource.repositoryId } : {}),
    ...(resource.repository !== undefined ? { name: resource.repository } : {}),
  };
}

/**
 * The one ownership rule: is a resource whose owner is `owner` (its tags, or the owner proven for
 * an untaggable resource) this repository's? Every ownership check goes through here.
 * - With a repository id tag, by the id alone: after a rename the resource is still ours (the plan
 *   updates its name tag), and a new repository that takes an old name owns nothing of the old one's.
 * - Without one (created before okctl tagged ids), by the owner/name tag, case-insensitively as
 *   GitHub compares names: the plan then adds the id tag, visibly, as a tag update.
 */
export function isOwnedBy(owner: ResourceOwner | undefined, repository: RepositoryIdentity): boolean {
  if (owner === undefined) return false;
  if (owner.id !== undefined) return owner.id === repository.id;
  return owner.name !== undefined && owner.name.toLowerCase() === repository.name.toLowerCase();
}

/** One key per owner, so that two copies naming one owner count once. */
function ownerKey(owner: ResourceOwner): string {
  return owner.id !== undefined ? `id:${owner.id}` : `name:${(owner.name ?? "").toLowerCase()}`;
}

/** For messages: "acme/shop", or "acme/shop (repository id 42)". */
export function describeOwner(resource: Pick<ActualResource, "repository" | "repositoryId">): string {
  const name = resource.repository ?? "a repository";
  return resource.repositoryId !== undefined ? `${name} (repository id ${resource.repositoryId})` : name;
}

/**
 * The owner of a resource found by identity and not tagged (e.g. the delegation NS record): it is
 * someone's only by proof — a desired Ref of it resolves, in exactly one repository's resources
 * (found by tag), to exactly what the resource holds (the delegation names exactly the name servers
 * of that repository's zone). Undefined when nothing proves an owner.
 */
function provenOwner(resource: ActualResource, desired: DesiredResource | undefined, tagged: readonly ActualResource[]): ResourceOwner | undefined {
  for (const [name, value] of Object.entries(desired?.properties ?? {})) {
    if (!isRef(value)) continue;
    const held = resource.properties[name];
    const owners = new Map<string, ResourceOwner>();
    for (const other of tagged) {
      const owner = ownerOf(other);
      if (owner && other.id === value.$ref && jsonEqual(other.outputs[value.output], held)) owners.set(ownerKey(owner), owner);
    }
    if (owners.size === 1) return [...owners.values()][0];
  }
  return undefined;
}

/**
 * Sorts what was found. A resource carries its owner (the repository tag, or for an untaggable
 * kind the owner its read proved); one without an owner is proven by provenOwner or is unproven.
 * Among several copies of one id of ours, we keep the one of the desired kind with the smallest
 * physical id; the others are numbered from #2 in physical-id order and planned for deletion.
 */
export function sortOwnership(
  actual: readonly ActualResource[],
  desired: readonly DesiredResource[],
  repository: RepositoryIdentity,
  /** Resources that count as ours for proofs only (what is being adopted). */
  provingOnly: readonly ActualResource[] = [],
): Ownership {
  const desiredKind = new Map(desired.map((resource) => [resource.id, resource.kind]));
  const desiredById = new Map(desired.map((resource) => [resource.id, resource]));
  const tagged = [...actual.filter((resource) => ownerOf(resource) !== undefined), ...provingOnly];
  const unproven: ActualResource[] = [];
  const attributed: ActualResource[] = [];
  for (const resource of actual) {
    const tags = ownerOf(resource);
    const owner = tags ?? provenOwner(resource, desiredById.get(resource.id), tagged);
    if (owner === undefined) unproven.push(resource);
    else attributed.push(tags ? resource : { ...resource, ...(owner.name !== undefined ? { repository: owner.name } : {}), ...(owner.id !== undefined ? { repositoryId: owner.id } : {}) });
  }
  const byPosition = (a: ActualResource, b: ActualResource): number => compareStrings(a.id, b.id) || compareStrings(a.physicalId, b.physicalId);
  const foreign = attributed.filter((resource) => !isOwnedBy(ownerOf(resource), repository)).sort(byPosition);
  const byId = new Map<string, ActualResource[]>();
  for (const resource of attributed) {
    if (!isOwnedBy(ownerOf(resource), repository)) continue;
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
  return { kept, extras, foreign, unproven: unproven.sort(byPosition) };
}

/** The logical id behind a change id: "nat-gateway/a#2" → "nat-gateway/a". */
export function logicalIdOf(changeId: string): string {
  return changeId.replace(/#\d+$/, "");
}

// Converting between okctl's tag records and the shapes the AWS APIs use, and checking ownership.
import { TAG_CLUSTER, TAG_REPOSITORY, TAG_REPOSITORY_ID, TAG_RESOURCE } from "../../declaration/tags.js";

export interface TagPair {
  Key?: string | undefined;
  Value?: string | undefined;
}

/** { k: v } → [{ Key: k, Value: v }] (Route 53, ACM, SSM). */
export function toTagList(tags: Record<string, string>): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** [{ Key, Value }] → { Key: Value }, skipping malformed entries. */
export function fromTagList(list: readonly TagPair[] | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const { Key, Value } of list ?? []) if (Key !== undefined) tags[Key] = Value ?? "";
  return tags;
}

/** Drops undefined values (EKS returns tags as a record that may be absent). */
export function tagRecord(tags: Record<string, string | undefined> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags ?? {})) if (value !== undefined) out[key] = value;
  return out;
}

/** True when `actual` carries the same cluster, logical id and repository id tags as `wanted`. */
export function sameOwner(actual: Record<string, string>, wanted: Record<string, string>): boolean {
  return [TAG_CLUSTER, TAG_RESOURCE, TAG_REPOSITORY_ID].every(
    (key) => wanted[key] !== undefined && actual[key] === wanted[key],
  );
}

/** The owner fields of an ActualResource (its repository's name and id), read from its tags; each only when tagged. */
export function ownerFields(tags: Record<string, string>): { repository?: string; repositoryId?: string } {
  const repository = tags[TAG_REPOSITORY];
  const repositoryId = tags[TAG_REPOSITORY_ID];
  return { ...(repository !== undefined ? { repository } : {}), ...(repositoryId !== undefined ? { repositoryId } : {}) };
}

/** The ownership fields of an ActualResource, read from its tags: its logical id and its owner. */
export function ownership(tags: Record<string, string>): { id: string | undefined; repository?: string; repositoryId?: string } {
  return { id: tags[TAG_RESOURCE], ...ownerFields(tags) };
}

/**
 * Tagged as one of this cluster's resources (with a logical id): a kind's read finds it by tag (as
 * ours, or as another repository's conflict), so it is no collision.
 */
export function isReadAsOkctls(tags: Record<string, string>, cluster: string): boolean {
  return tags[TAG_CLUSTER] === cluster && ownership(tags).id !== undefined;
}

/** A short description of who owns a resource, for error messages. */
export function ownerOf(tags: Record<string, string>): string {
  const repository = tags[TAG_REPOSITORY];
  const id = tags[TAG_REPOSITORY_ID];
  if (!repository) return id ? `repository id ${id}` : "something other than okctl";
  return id ? `repository ${repository} (repository id ${id})` : `repository ${repository}`;
}

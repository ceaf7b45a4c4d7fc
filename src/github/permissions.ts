// A commenter's permission on the repository, for comment commands. The API's `permission` field
// folds maintain into write and triage into read; `role_name` keeps them (and may name a custom
// role, in which case the folded permission is used).
import { statusOf, type Octokit, type RepoRef } from "./types.js";

export type RepositoryPermission = "admin" | "maintain" | "write" | "triage" | "read" | "none";

const KNOWN: ReadonlySet<string> = new Set(["admin", "maintain", "write", "triage", "read", "none"]);

/** The permission from the API's answer (pure). */
export function permissionFrom(data: { permission?: string | null; role_name?: string | null }): RepositoryPermission {
  if (data.role_name && KNOWN.has(data.role_name)) return data.role_name as RepositoryPermission;
  if (data.permission && KNOWN.has(data.permission)) return data.permission as RepositoryPermission;
  return "none";
}

export async function getCommenterPermission(octokit: Octokit, input: RepoRef & { username: string }): Promise<RepositoryPermission> {
  try {
    const response = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner: input.owner, repo: input.repo, username: input.username });
    return permissionFrom(response.data);
  } catch (error) {
    if (statusOf(error) === 404) return "none";
    throw error;
  }
}

/** Write, maintain or admin. */
export function hasWritePermission(permission: RepositoryPermission): boolean {
  return permission === "admin" || permission === "maintain" || permission === "write";
}

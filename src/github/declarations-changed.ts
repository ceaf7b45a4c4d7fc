// Which declarations (files named okctl.yaml, at the root or in any folder) a pull request changes.
import type { Octokit, RepoRef } from "./types.js";

export const DECLARATION_FILE = "okctl.yaml";

export type DeclarationChangeStatus = "added" | "modified" | "removed";

export interface ChangedDeclaration {
  path: string;
  status: DeclarationChangeStatus;
}

export function isDeclarationPath(path: string): boolean {
  return path === DECLARATION_FILE || path.endsWith(`/${DECLARATION_FILE}`);
}

interface FileChange {
  filename: string;
  status: string;
  previous_filename?: string;
}

/**
 * GitHub's file statuses as declaration changes: a rename is the removal of the old declaration
 * and the addition of the new one (each path is one declaration); copies are additions.
 */
export function declarationChanges(files: readonly FileChange[]): ChangedDeclaration[] {
  const changes = new Map<string, DeclarationChangeStatus>();
  for (const file of files) {
    if (file.status === "renamed" && file.previous_filename && isDeclarationPath(file.previous_filename)) {
      changes.set(file.previous_filename, "removed");
    }
    if (!isDeclarationPath(file.filename)) continue;
    const status: DeclarationChangeStatus = file.status === "removed" ? "removed" : file.status === "added" || file.status === "copied" || file.status === "renamed" ? "added" : "modified";
    changes.set(file.filename, status);
  }
  return [...changes].map(([path, status]) => ({ path, status })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The declarations a pull request changes (all pages of its files; GitHub lists up to 3000). */
export async function listChangedDeclarations(octokit: Octokit, input: RepoRef & { pullNumber: number }): Promise<ChangedDeclaration[]> {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, { owner: input.owner, repo: input.repo, pull_number: input.pullNumber, per_page: 100 });
  return declarationChanges(files);
}

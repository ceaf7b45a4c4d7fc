// What drift rounds read from GitHub about repositories: an installation's repositories, the head
// of a branch, and the okctl.yaml files of a commit's tree.
import { isDeclarationPath } from "./declarations-changed.js";
import { statusOf, type Octokit, type RepoRef } from "./types.js";

export interface InstallationRepository extends RepoRef {
  fullName: string;
  defaultBranch: string;
  htmlUrl: string;
}

/** At most this many repositories of one installation are looked at per round (100 a page). */
export const MAX_INSTALLATION_REPOSITORIES = 5_000;

/** The installation's repositories, archived and disabled ones left out. */
export async function listInstallationRepositories(octokit: Octokit): Promise<InstallationRepository[]> {
  const found: InstallationRepository[] = [];
  for await (const page of octokit.paginate.iterator(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 })) {
    for (const repo of page.data) {
      if (repo.archived || repo.disabled) continue;
      found.push({ owner: repo.owner.login, repo: repo.name, fullName: repo.full_name, defaultBranch: repo.default_branch, htmlUrl: repo.html_url });
    }
    if (found.length >= MAX_INSTALLATION_REPOSITORIES) break;
  }
  return found.slice(0, MAX_INSTALLATION_REPOSITORIES);
}

/** The commit a branch points at, or undefined when there is no such branch (an empty repository). */
export async function branchHead(octokit: Octokit, input: RepoRef & { branch: string }): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.git.getRef({ owner: input.owner, repo: input.repo, ref: `heads/${input.branch}` });
    return data.object.sha;
  } catch (error) {
    if (statusOf(error) === 404 || statusOf(error) === 409) return undefined; // 409: the repository is empty
    throw error;
  }
}

/** The paths of every okctl.yaml in the commit's tree (one request), sorted; `truncated` when GitHub cut the listing. */
export async function declarationPathsAt(octokit: Octokit, input: RepoRef & { sha: string }): Promise<{ paths: string[]; truncated: boolean }> {
  const { data } = await octokit.rest.git.getTree({ owner: input.owner, repo: input.repo, tree_sha: input.sha, recursive: "true" });
  const paths = data.tree.filter((entry) => entry.type === "blob" && typeof entry.path === "string" && isDeclarationPath(entry.path)).map((entry) => entry.path as string);
  return { paths: paths.sort(), truncated: data.truncated };
}

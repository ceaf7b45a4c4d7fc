// What okctl reads from GitHub about repositories: a repository's numeric id, and for drift rounds
// an installation's repositories, the head of a branch, and the okctl.yaml files of a commit's tree.
import { declarationTree } from "./push-changes.js";
import { statusOf, type Octokit, type RepoRef } from "./types.js";

export interface InstallationRepository extends RepoRef {
  /** The numeric id: what okctl's ownership tags name. */
  id: number;
  fullName: string;
  defaultBranch: string;
  htmlUrl: string;
}

/** At most this many repositories of one installation are looked at per round (100 a page). */
export const MAX_INSTALLATION_REPOSITORIES = 5_000;

/** At most this many installations of the app are looked at per drift round (100 a page). */
export const MAX_INSTALLATIONS = 5_000;

/** The app's installations that are not suspended (the octokit is the app's own, not an installation's). */
export async function listActiveInstallations(octokit: Octokit): Promise<number[]> {
  const found: number[] = [];
  for await (const page of octokit.paginate.iterator(octokit.rest.apps.listInstallations, { per_page: 100 })) {
    for (const installation of page.data) if (!installation.suspended_at) found.push(installation.id);
    if (found.length >= MAX_INSTALLATIONS) break;
  }
  return found.slice(0, MAX_INSTALLATIONS);
}

/** The installation's repositories, archived and disabled ones left out. */
export async function listInstallationRepositories(octokit: Octokit): Promise<InstallationRepository[]> {
  const found: InstallationRepository[] = [];
  for await (const page of octokit.paginate.iterator(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 })) {
    for (const repo of page.data) {
      if (repo.archived || repo.disabled) continue;
      found.push({ id: repo.id, owner: repo.owner.login, repo: repo.name, fullName: repo.full_name, defaultBranch: repo.default_branch, htmlUrl: repo.html_url });
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
  const { blobs, truncated } = await declarationTree(octokit, { owner: input.owner, repo: input.repo }, input.sha);
  return { paths: [...blobs.keys()].sort(), truncated };
}

/** A repository's numeric id: what okctl's ownership tags name (a name can be renamed or reused). */
export async function getRepositoryId(octokit: Octokit, input: RepoRef): Promise<number> {
  const response = await octokit.rest.repos.get({ owner: input.owner, repo: input.repo });
  return response.data.id;
}

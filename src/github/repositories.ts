// A repository's numeric id: what okctl's ownership tags name (a name can be renamed or reused).
import type { Octokit, RepoRef } from "./types.js";

export async function getRepositoryId(octokit: Octokit, input: RepoRef): Promise<number> {
  const response = await octokit.rest.repos.get({ owner: input.owner, repo: input.repo });
  return response.data.id;
}

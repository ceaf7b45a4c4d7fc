// The drift jobs (src/app/drift/jobs.ts builds them): a round lays out its repositories over the
// interval; a repository's job reads its default branch and lays out one check per okctl.yaml; a
// check plans one declaration and reports (src/app/drift/check.ts).
import { findAccessEntry } from "../../aws/access-match.js";
import { branchHead, declarationPathsAt, listInstallationRepositories, type InstallationRepository } from "../../github/index.js";
import type { Json } from "../../resources/types.js";
import type { AppDeps } from "../deps.js";
import { repositoryIdOf } from "../job-payloads.js";
import { asJsonOutcome, checkDrift } from "../drift/check.js";
import { driftCheckJob, driftRepositoryJob, roundOf, type DriftCheckPayload, type DriftRepositoryPayload, type DriftRoundPayload } from "../drift/jobs.js";
import { spreadRunAfter } from "../drift/schedule.js";

/** The repositories of every installation that the access configuration names. */
async function repositoriesToCheck(deps: AppDeps): Promise<(InstallationRepository & { installationId: number })[]> {
  const found: (InstallationRepository & { installationId: number })[] = [];
  for (const installationId of (await deps.listInstallations?.()) ?? []) {
    const octokit = await deps.octokitFor(installationId);
    for (const repository of await listInstallationRepositories(octokit)) {
      if (findAccessEntry(deps.accessConfig, repository.fullName)) found.push({ ...repository, installationId });
    }
  }
  return found.sort((a, b) => (a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : a.installationId - b.installationId));
}

export async function runDriftRoundJob(deps: AppDeps, payload: DriftRoundPayload): Promise<Json> {
  const round = roundOf(payload);
  const now = deps.now();
  // A round whose time is over (the app was down) is left to the next one, which is due now.
  if (now >= round.end) return { skipped: "the round is over" };
  const repositories = await repositoriesToCheck(deps);
  const from = now > round.start ? now : round.start;
  // Enqueued again after a crash, a repository's job is the one already there (its dedupe key).
  for (const [i, repository] of repositories.entries()) {
    const job: DriftRepositoryPayload = {
      installationId: repository.installationId,
      owner: repository.owner,
      repo: repository.repo,
      repositoryId: repository.id,
      defaultBranch: repository.defaultBranch,
      htmlUrl: repository.htmlUrl,
      index: round.index,
      intervalMs: round.intervalMs,
    };
    await deps.store.enqueueJob(driftRepositoryJob(job, spreadRunAfter(round, from, i, repositories.length)), now);
  }
  return { repositories: repositories.length };
}

/** The okctl.yaml paths of a commit: kept in the store per repository, read from GitHub when the head moved. */
async function declarationPaths(deps: AppDeps, octokit: Parameters<typeof declarationPathsAt>[0], job: DriftRepositoryPayload, sha: string): Promise<string[]> {
  const key = `drift-tree:${job.owner}/${job.repo}`;
  const cached = (await deps.store.cachedValue(key, deps.now())) as { sha?: unknown; paths?: unknown } | undefined;
  if (cached && cached.sha === sha && Array.isArray(cached.paths)) return cached.paths.filter((path): path is string => typeof path === "string");
  const { paths, truncated } = await declarationPathsAt(octokit, { owner: job.owner, repo: job.repo, sha });
  if (truncated) deps.log.warn({ repository: `${job.owner}/${job.repo}`, sha }, "the repository's tree is too large for one listing: drift checks cover the okctl.yaml files GitHub listed");
  await deps.store.cacheValue(key, { sha, paths }, new Date(deps.now().getTime() + 30 * 24 * 60 * 60 * 1000));
  return paths;
}

export async function runDriftRepositoryJob(deps: AppDeps, job: DriftRepositoryPayload): Promise<Json> {
  const round = roundOf(job);
  if (deps.now() >= round.end) return { skipped: "the round is over" };
  if (!findAccessEntry(deps.accessConfig, `${job.owner}/${job.repo}`)) return { skipped: "no access entry" };
  const octokit = await deps.octokitFor(job.installationId);
  const headSha = await branchHead(octokit, { owner: job.owner, repo: job.repo, branch: job.defaultBranch });
  if (!headSha) return { skipped: "no default branch" };
  const paths = await declarationPaths(deps, octokit, job, headSha);
  for (const declarationPath of paths) {
    const check: DriftCheckPayload = { installationId: job.installationId, owner: job.owner, repo: job.repo, ...repositoryIdOf(job), declarationPath, headSha, htmlUrl: job.htmlUrl, trigger: "schedule" };
    await deps.store.enqueueJob(driftCheckJob(check, round), deps.now());
  }
  return { headSha, declarations: paths.length };
}

export async function runDriftCheckJob(deps: AppDeps, job: DriftCheckPayload, runId: string): Promise<Json> {
  const octokit = await deps.octokitFor(job.installationId);
  const outcome = await checkDrift(deps, octokit, { owner: job.owner, repo: job.repo, ...repositoryIdOf(job), declarationPath: job.declarationPath, headSha: job.headSha, htmlUrl: job.htmlUrl, ...(job.issueNumber !== undefined ? { issueNumber: job.issueNumber } : {}) }, runId);
  return asJsonOutcome(outcome);
}

// `/okctl plan` and `/okctl apply` on a drift issue (the commenter's write permission is checked
// before, in command.ts). plan: check again now, at the default branch's head. apply: apply the
// declaration as merged, as the issue shows it (the plan of the last check, or what remains of it),
// with the same destroy rules as a merge (the label on the issue, allowDestroy in the access
// entry), in the cluster's apply queue; the result goes on the issue, then a check runs again.
import { branchHead, createComment, getIssue, type Octokit } from "../../github/index.js";
import type { Json } from "../../resources/types.js";
import { clusterKey } from "../../store/cluster-key.js";
import type { AppDeps } from "../deps.js";
import { asJsonOutcome, checkDrift } from "../drift/check.js";
import { driftCheckAfterApplyJob, type DriftCheckPayload } from "../drift/jobs.js";
import { DRIFT_LABEL } from "../drift/label.js";
import { findMarker } from "../../render/marker.js";
import { asJson, repositoryOf, type ApplyJobPayload, type CommandJobPayload } from "../job-payloads.js";
import { DURABLE_JOB_ATTEMPTS } from "../retry-policy.js";

/** The declaration path of our drift issue, or undefined when the issue is not one okctl opened. */
function driftIssuePath(deps: AppDeps, issue: NonNullable<Awaited<ReturnType<typeof getIssue>>>): string | undefined {
  if (issue.isPullRequest || !issue.labels.includes(DRIFT_LABEL)) return undefined;
  const ours = deps.botLogin ? issue.author?.login === deps.botLogin : issue.author?.type === "Bot";
  if (!ours) return undefined;
  const marker = findMarker(issue.body);
  return marker?.kind === "drift" ? marker.path : undefined;
}

export async function runDriftIssueCommand(deps: AppDeps, octokit: Octokit, job: CommandJobPayload, command: "plan" | "apply"): Promise<Json> {
  const repo = { owner: job.owner, repo: job.repo };
  const say = (body: string) => createComment(octokit, { ...repo, issueNumber: job.pullNumber, body });
  const issue = await getIssue(octokit, { ...repo, issueNumber: job.pullNumber });
  const declarationPath = issue ? driftIssuePath(deps, issue) : undefined;
  if (!issue || declarationPath === undefined) return { command, ignored: "not an okctl drift issue" };
  const { data: repository } = await octokit.rest.repos.get(repo);
  const headSha = await branchHead(octokit, { ...repo, branch: repository.default_branch });
  if (!headSha) {
    await say("The default branch has no commits: nothing to check.");
    return { command, refused: "no default branch" };
  }
  const target = { ...repo, repositoryId: repository.id, declarationPath, headSha, htmlUrl: repository.html_url, issueNumber: job.pullNumber };
  if (command === "plan") return { command, ...(asJsonOutcome(await checkDrift(deps, octokit, target, `drift-command-${job.commentId}`)) as object) };

  // apply: what the issue showed (a held apply of it first, when an earlier `/okctl apply` was held).
  const held = await deps.store.takeHeldApply(repositoryOf(job), job.pullNumber, declarationPath);
  const reviewed = held?.plan ?? (await deps.store.latestPublishedPlan(repositoryOf(job), job.pullNumber, declarationPath))?.plan;
  if (!reviewed) {
    await say("There is no drift plan on record for this issue to apply. Comment `/okctl plan` to check again first.");
    return { command, refused: "no plan" };
  }
  const queue = `cluster:${clusterKey(reviewed)}`;
  const apply: ApplyJobPayload = {
    installationId: job.installationId,
    ...repo,
    repositoryId: repository.id,
    declarationPath,
    removed: false,
    mergeSha: headSha,
    before: headSha,
    pullNumber: job.pullNumber,
    labels: issue.labels,
    mergedBy: job.commenter,
    reviewedPlan: reviewed,
    driftIssue: true,
  };
  const key = `${repositoryOf(job)}#${job.pullNumber}:${declarationPath}@${headSha.slice(0, 12)}`;
  await deps.store.enqueueJob({ kind: "apply", key, payload: asJson(apply), queue, maxAttempts: DURABLE_JOB_ATTEMPTS }, deps.now());
  const recheck: DriftCheckPayload = { installationId: job.installationId, ...repo, repositoryId: repository.id, declarationPath, headSha, htmlUrl: repository.html_url, trigger: "apply", issueNumber: job.pullNumber };
  await deps.store.enqueueJob(driftCheckAfterApplyJob(recheck, queue), deps.now());
  return { command, queued: key };
}

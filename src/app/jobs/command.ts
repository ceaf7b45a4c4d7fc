// A `/okctl …` comment: only people with write permission may run commands (or get the help);
// the comment gets a reaction when accepted. Anyone else gets one reply per pull request (the
// refusal, or the help), then only a 👎 reaction: commenting cannot make okctl write without limit.
import { addReaction, createComment, getCommenterPermission, getPullRequest, hasWritePermission, listChangedDeclarations, type Octokit } from "../../github/index.js";
import type { Json } from "../../resources/types.js";
import { commandReplyMarker } from "../../render/marker.js";
import { renderCommandRefusedComment, renderHeldApplyDroppedComment, renderHelpComment } from "../../render/markdown.js";
import { issueComments } from "../publish.js";
import { DURABLE_JOB_ATTEMPTS } from "../retry-policy.js";
import { parseCommand } from "../commands.js";
import type { AppDeps } from "../deps.js";
import { planAgainHint, whyHeldApplyDropped } from "../held-apply-drop.js";
import { asJson, repositoryIdOf, repositoryOf, type ApplyJobPayload, type CommandJobPayload, type PlanJobPayload } from "../job-payloads.js";

export async function runCommandJob(deps: AppDeps, job: CommandJobPayload): Promise<Json> {
  const command = parseCommand(job.command);
  if (!command) return { ignored: true };
  const octokit = await deps.octokitFor(job.installationId);
  const repo = { owner: job.owner, repo: job.repo };
  const say = (body: string) => createComment(octokit, { ...repo, issueNumber: job.pullNumber, body });
  const isHelp = command.name === "help" || command.name === "unknown";
  const permission = await getCommenterPermission(octokit, { ...repo, username: job.commenter });
  if (!hasWritePermission(permission)) {
    const reply = isHelp ? renderHelpComment() : renderCommandRefusedComment(job.commenter, `/okctl ${command.name}`);
    const replied = await replyOnce(deps, octokit, job, reply);
    return { command: command.name, refused: permission, ...(replied ? {} : { reacted: "-1" }) };
  }
  if (isHelp) {
    await say(renderHelpComment());
    return { command: command.name };
  }
  await addReaction(octokit, { ...repo, commentId: job.commentId, content: "+1" });
  if (job.onDriftIssue) return (await import("./drift-command.js")).runDriftIssueCommand(deps, octokit, job, command.name);
  const key = `${repositoryOf(job)}#${job.pullNumber}`;
  if (command.name === "plan") {
    const payload: PlanJobPayload = { ...base(job), pullNumber: job.pullNumber, trigger: "command" };
    await deps.store.enqueueJob({ kind: "plan", key, payload: asJson(payload), coalesceKey: `plan:${key}` }, deps.now());
    return { command: "plan" };
  }
  const pr = await getPullRequest(octokit, { ...repo, pullNumber: job.pullNumber });
  if (!pr.merged) {
    await say("okctl applies after merge: merge this pull request and the reviewed plan is applied. `/okctl apply` is for a plan that was held or failed after merge.");
    return { command: "apply", refused: "not merged" };
  }
  const changes = await listChangedDeclarations(octokit, { ...repo, pullNumber: job.pullNumber });
  let queued = 0;
  let dropped = 0;
  for (const change of changes) {
    const held = await deps.store.takeHeldApply(repositoryOf(job), job.pullNumber, change.path);
    if (!held) continue;
    const why = await whyHeldApplyDropped(deps, octokit, held, { ...repo, defaultBranch: pr.baseRef });
    if (why) {
      await say(renderHeldApplyDroppedComment(why, planAgainHint(change.path)));
      dropped += 1;
      continue;
    }
    const payload: ApplyJobPayload = {
      ...base(job),
      declarationPath: change.path,
      removed: change.status === "removed",
      mergeSha: held.mergeSha,
      before: pr.baseSha,
      pullNumber: job.pullNumber,
      labels: pr.labels,
      mergedBy: job.commenter,
      reviewedPlan: held.plan,
    };
    await deps.store.enqueueJob({ kind: "apply", key: `${key}:${change.path}@${held.mergeSha.slice(0, 12)}`, payload: asJson(payload), queue: `cluster:${held.clusterKey}`, maxAttempts: DURABLE_JOB_ATTEMPTS }, deps.now());
    queued += 1;
  }
  if (queued === 0 && dropped === 0) await say("Nothing is waiting to be applied for this pull request: no held or failed apply. Comment `/okctl plan` to see the current plan.");
  return { command: "apply", queued, dropped };
}

/**
 * The one reply per person per pull request for someone without write permission: a comment
 * marked with their login; when there is one already, a 👎 reaction on their comment instead.
 * True when it replied with a comment.
 */
async function replyOnce(deps: AppDeps, octokit: Octokit, job: CommandJobPayload, body: string): Promise<boolean> {
  const repo = { owner: job.owner, repo: job.repo };
  const marker = commandReplyMarker(job.commenter);
  const comments = issueComments(deps, octokit, job);
  if (await comments.find(marker)) {
    await addReaction(octokit, { ...repo, commentId: job.commentId, content: "-1" });
    return false;
  }
  await comments.upsert(marker, `${marker}\n${body}`);
  return true;
}

function base(job: CommandJobPayload) {
  return { installationId: job.installationId, owner: job.owner, repo: job.repo, ...repositoryIdOf(job) };
}

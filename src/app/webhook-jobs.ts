// Pure: which durable jobs a webhook delivery asks for. The webhook handler stores them with the
// delivery and answers GitHub at once; nothing here calls GitHub or AWS.
import type { EmitterWebhookEvent } from "@octokit/webhooks";
import { changedDeclarationsInPush, labelsOf } from "../github/index.js";
import type { NewJob } from "../store/store.js";
import { ALLOW_DESTROY_LABEL } from "../render/next-steps.js";
import { parseCommand } from "./commands.js";
import { DRIFT_LABEL } from "./drift/label.js";
import { DURABLE_JOB_ATTEMPTS } from "./retry-policy.js";
import { asJson, type CommandJobPayload, type MergeJobPayload, type PlanJobPayload } from "./job-payloads.js";

/** The installation the delivery is for (GitHub Apps' deliveries always carry it). */
function installationIdOf(payload: object): number | undefined {
  const installation = (payload as { installation?: { id?: unknown } }).installation;
  return typeof installation?.id === "number" ? installation.id : undefined;
}

export const PLANNED_PULL_REQUEST_ACTIONS = ["opened", "synchronize", "reopened", "ready_for_review"] as const;

/** Adding or removing the destroy label changes what the plan comment says happens next. */
function changesDestroyLabel(event: EmitterWebhookEvent<"pull_request">["payload"]): boolean {
  if (event.action !== "labeled" && event.action !== "unlabeled") return false;
  return event.label?.name === ALLOW_DESTROY_LABEL && event.pull_request.state === "open";
}

export function jobsForPullRequest(event: EmitterWebhookEvent<"pull_request">["payload"]): NewJob[] {
  const installationId = installationIdOf(event);
  const planned = (PLANNED_PULL_REQUEST_ACTIONS as readonly string[]).includes(event.action) || changesDestroyLabel(event);
  if (!installationId || !planned) return [];
  if (event.pull_request.draft) return []; // planned when marked ready for review
  const owner = event.repository.owner.login;
  const repo = event.repository.name;
  // The job reads the pull request when it runs: a late delivery cannot plan an older head.
  const payload: PlanJobPayload = { installationId, owner, repo, repositoryId: event.repository.id, pullNumber: event.pull_request.number, trigger: "pull_request" };
  const key = `${owner}/${repo}#${event.pull_request.number}`;
  return [{ kind: "plan", key, payload: asJson(payload), coalesceKey: `plan:${key}`, dedupeKey: planDedupeKey(key, event) }];
}

/**
 * The same head with the same labels is planned once, whatever the delivery id (a replayed or
 * repeated delivery); a reopened pull request is planned again (the last plan may be old).
 */
function planDedupeKey(key: string, event: EmitterWebhookEvent<"pull_request">["payload"]): string {
  const labels = labelsOf(event.pull_request).sort().join(",");
  const reopened = event.action === "reopened" ? `:reopened@${event.pull_request.updated_at}` : "";
  return `plan:${key}@${event.pull_request.head.sha}[${labels}]${reopened}`;
}

export function jobsForPush(event: EmitterWebhookEvent<"push">["payload"]): NewJob[] {
  const installationId = installationIdOf(event);
  const defaultBranch = event.repository.default_branch ?? event.repository.master_branch;
  if (!installationId || event.deleted || !defaultBranch || event.ref !== `refs/heads/${defaultBranch}`) return [];
  const commits = event.commits.map((commit) => ({ added: commit.added ?? [], modified: commit.modified ?? [], removed: commit.removed ?? [] }));
  const push = { before: event.before, after: event.after, forced: event.forced, created: event.created, commits };
  const fromPayload = changedDeclarationsInPush(push);
  if (fromPayload.complete && fromPayload.declarations.length === 0) return [];
  const owner = event.repository.owner?.login ?? event.repository.full_name.split("/")[0]!;
  const repo = event.repository.name;
  const payload: MergeJobPayload = {
    installationId,
    owner,
    repo,
    repositoryId: event.repository.id,
    ...push,
    defaultBranch,
    pusher: event.pusher.name ?? event.sender?.login ?? "unknown",
  };
  return [
    {
      kind: "merge",
      key: `${owner}/${repo}@${event.after.slice(0, 12)}`,
      payload: asJson(payload),
      queue: `repository:${owner}/${repo}`,
      maxAttempts: DURABLE_JOB_ATTEMPTS, // over 6 hours: a merge survives a long outage
      // One merge per repository and commit, whatever the delivery id (a replayed push body).
      dedupeKey: `merge:${owner}/${repo}@${event.after}`,
    },
  ];
}

/** An issue okctl opened about a declaration's drift (its label, opened by an app); the job checks it is ours. */
function isDriftIssue(issue: EmitterWebhookEvent<"issue_comment">["payload"]["issue"]): boolean {
  return issue.user?.type === "Bot" && labelsOf(issue).includes(DRIFT_LABEL);
}

export function jobsForIssueComment(event: EmitterWebhookEvent<"issue_comment">["payload"]): NewJob[] {
  const installationId = installationIdOf(event);
  const onDriftIssue = !event.issue.pull_request && isDriftIssue(event.issue);
  if (!installationId || event.action !== "created" || (!event.issue.pull_request && !onDriftIssue)) return [];
  if (event.comment.user?.type === "Bot") return [];
  if (!parseCommand(event.comment.body)) return [];
  const owner = event.repository.owner.login;
  const repo = event.repository.name;
  const payload: CommandJobPayload = {
    installationId,
    owner,
    repo,
    repositoryId: event.repository.id,
    pullNumber: event.issue.number,
    commentId: event.comment.id,
    commenter: event.comment.user?.login ?? "unknown",
    command: event.comment.body.slice(0, 200),
    ...(onDriftIssue ? { onDriftIssue: true } : {}),
  };
  const key = `${owner}/${repo}#${event.issue.number}`;
  // One command of a pull request at a time: two quick comments from one person get one reply.
  return [{ kind: "command", key: `${key}:comment-${event.comment.id}`, payload: asJson(payload), queue: `commands:${key}` }];
}

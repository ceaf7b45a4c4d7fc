// The durable jobs the app runs, as JSON payloads. Webhook handlers only build these and store
// them with the delivery; the worker runs them (src/app/jobs/).
import type { PullRequestInfo } from "../github/index.js";
import type { Plan } from "../plan/types.js";
import type { ApplySubject } from "../render/markdown.js";
import type { Json } from "../resources/types.js";

export interface RepoJob {
  installationId: number;
  owner: string;
  repo: string;
  /** The repository's numeric GitHub id, from the webhook payload (absent in jobs queued before okctl recorded it). */
  repositoryId?: number;
}

/** { repositoryId } of a job, to pass on to the jobs it queues. */
export function repositoryIdOf(job: RepoJob): { repositoryId?: number } {
  return job.repositoryId !== undefined ? { repositoryId: job.repositoryId } : {};
}

/** Plan every changed okctl.yaml of a pull request and publish the plans. */
export interface PlanJobPayload extends RepoJob {
  pullNumber: number;
  /** Ignored (jobs queued before the job read the pull request itself may carry it). */
  pullRequest?: PullRequestInfo;
  trigger: "pull_request" | "command" | "replan";
}

/** A push to the default branch that changed okctl.yaml files: find the merged PR, queue applies. */
export interface MergeJobPayload extends RepoJob {
  before: string;
  after: string;
  defaultBranch: string;
  pusher: string;
  /** The push payload's commits (file lists only), to find the changed declarations. */
  commits: { added: string[]; modified: string[]; removed: string[] }[];
  forced: boolean;
  created: boolean;
}

/** Apply one declaration at a merge commit, in its cluster's queue. */
export interface ApplyJobPayload extends RepoJob {
  declarationPath: string;
  /** The declaration was removed: plan the deletion of its whole cluster (read at `before`). */
  removed: boolean;
  mergeSha: string;
  before: string;
  pullNumber: number;
  labels: string[];
  mergedBy: string;
  /**
   * Set by `/okctl apply`: the plan the commenter saw (a held, refused or failed apply's plan). The
   * current plan is applied if it is that plan or what remains of it.
   */
  reviewedPlan?: Plan;
  /**
   * Set by `/okctl apply` on a drift issue: pullNumber is the issue's, and the declaration is the
   * default branch's, restored as merged. No pull request, so no apply requirement (reviews) applies.
   */
  driftIssue?: boolean;
}

/** A `/okctl …` comment on a pull request. */
export interface CommandJobPayload extends RepoJob {
  pullNumber: number;
  commentId: number;
  commenter: string;
  command: string;
  /** The comment is on a drift issue okctl opened (pullNumber is the issue's number). */
  onDriftIssue?: boolean;
}

/** What an apply answers to: the merged pull request, or the drift issue `/okctl apply` was commented on. */
export function applySubject(job: Pick<ApplyJobPayload, "driftIssue">): ApplySubject {
  return job.driftIssue ? "drift-issue" : "pull-request";
}

export function repositoryOf(job: RepoJob): string {
  return `${job.owner}/${job.repo}`;
}

/** Job payloads are plain JSON objects; interfaces lack the index signature Json asks for. */
export function asJson(payload: RepoJob): Json {
  return payload as unknown as Json;
}

// Publishing a declaration's outcome on a pull request: the sticky comment and the check run.
import { createCheckRun, IssueComments, type CheckRunConclusion, type Octokit } from "../github/index.js";
import { diagnosticsToAnnotations } from "../render/annotations.js";
import { renderCheckRunOutput, type CheckRunOutputInput } from "../render/check-run-output.js";
import { planCommentMarker } from "../render/markdown.js";
import { checkName } from "./check-name.js";
import type { AppDeps } from "./deps.js";
import type { Diagnostic } from "../declaration/types.js";

export interface PublishTarget {
  owner: string;
  repo: string;
  pullNumber: number;
  declarationPath: string;
  /** The commit the check run goes on. */
  checkSha: string;
  /** Which check run: `okctl plan` (default) on a pull request, `okctl apply` on a merge commit. */
  checkKind?: "plan" | "apply";
  /** The job's listing of our comments on the pull request (listed once per job); default: a new one. */
  comments?: IssueComments;
}

/** A job's listing of our comments on one pull request (see IssueComments). */
export function issueComments(deps: Pick<AppDeps, "botLogin">, octokit: Octokit, target: { owner: string; repo: string; pullNumber: number }): IssueComments {
  return new IssueComments(octokit, { owner: target.owner, repo: target.repo, issueNumber: target.pullNumber, ...(deps.botLogin ? { botLogin: deps.botLogin } : {}) });
}

export async function publishOutcome(
  deps: AppDeps,
  octokit: Octokit,
  target: PublishTarget,
  outcome: { comment: string; conclusion: CheckRunConclusion; output: CheckRunOutputInput; diagnostics?: readonly Diagnostic[] },
): Promise<{ commentId: number }> {
  const { owner, repo, pullNumber, declarationPath } = target;
  const comments = target.comments ?? issueComments(deps, octokit, { owner, repo, pullNumber });
  const comment = await comments.upsert(planCommentMarker(declarationPath), outcome.comment);
  await createCheckRun(octokit, {
    owner,
    repo,
    name: checkName(target.checkKind ?? "plan", declarationPath),
    headSha: target.checkSha,
    status: "completed",
    conclusion: outcome.conclusion,
    output: renderCheckRunOutput(outcome.output),
    ...(outcome.diagnostics ? { annotations: diagnosticsToAnnotations(declarationPath, outcome.diagnostics) } : {}),
  });
  return { commentId: comment.id };
}

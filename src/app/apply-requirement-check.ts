// The apply requirement of a merge, checked against GitHub and the store: the access entry's
// applyRequires, the pull request's reviews, the reviewers' permissions and the plans okctl
// published for each commit. The decision itself is pure (apply-requirement.ts).
import type { AccessEntry } from "../aws/access-config.js";
import { getCommenterPermission, listPullRequestReviews, type Octokit, type RepositoryPermission } from "../github/index.js";
import type { PublishedPlan } from "../store/store.js";
import { approvalCandidates, approvalVerdict, mergeAwaitingApproval, type ApprovalCause, type ApprovalTarget } from "./apply-requirement.js";
import type { AppDeps } from "./deps.js";
import { applySubject, repositoryOf, type ApplyJobPayload } from "./job-payloads.js";

/** Met, or not: the merge lacks an approval ("approval-missing"), or okctl published no plan it could have had ("no-plan-to-approve"). */
export type RequirementCheck = { ok: true; approvedBy?: string } | { ok: false; reason: string; cause: ApprovalCause };

/** Most reviewers whose permission is looked up per check (latest approvals first). */
export const PERMISSION_LOOKUPS_LIMIT = 10;

const short = (sha: string) => sha.slice(0, 7);

function missingApproval(target: ApprovalTarget, notCounted: readonly string[]): string {
  return (
    `This repository's okctl access configuration requires an approved plan before a merge is applied (applyRequires: approved), and this pull request has none: ` +
    `it needs an approving review, by someone with write permission, of commit ${short(target.headSha)} (the commit the last plan was made from) or of a commit whose plan was the same. ` +
    (notCounted.length > 0 ? `Reviews that do not count: ${notCounted.join("; ")}. ` : "There is no approving review. ") +
    `Once someone with write permission approves the pull request at ${short(target.headSha)} (an approval given after the merge counts), comment \`/okctl apply\` (needs write permission).`
  );
}

/** Whether the merge of `job` may be applied now, as far as reviews go. */
export async function checkApplyRequirement(
  deps: AppDeps,
  octokit: Octokit,
  job: ApplyJobPayload,
  entry: AccessEntry,
  published: PublishedPlan | undefined,
  clusterKey: string,
): Promise<RequirementCheck> {
  if (entry.applyRequires === "none") return { ok: true };
  // A drift issue has no reviews: it restores the default branch's declaration, merged before,
  // unless that merge is itself still waiting for its approval.
  if (applySubject(job) === "drift-issue") {
    const audit = await deps.store.listApplyAudit({ clusterKey, limit: 20 });
    const waiting = mergeAwaitingApproval(audit, repositoryOf(job), job.pullNumber);
    if (waiting === undefined) return { ok: true };
    const merged = `This drift is pull request #${waiting.pullNumber}, merged without the approved plan this repository's okctl access configuration requires (applyRequires: approved); its apply is held. `;
    if (waiting.cause === "no-plan-to-approve") {
      return {
        ok: false,
        cause: "no-plan-to-approve",
        reason:
          merged +
          `okctl published no plan on #${waiting.pullNumber} that anyone could approve, so neither it nor this issue can apply it: open a pull request that changes this declaration, have someone with write permission approve its plan, and merge it.`,
      };
    }
    return {
      ok: false,
      cause: "approval-missing",
      reason: merged + `A drift issue cannot apply it: once someone with write permission approves #${waiting.pullNumber} at its planned commit, comment \`/okctl apply\` on #${waiting.pullNumber}.`,
    };
  }
  if (!published) {
    return {
      ok: false,
      cause: "no-plan-to-approve",
      reason:
        "This repository's okctl access configuration requires an approved plan before a merge is applied (applyRequires: approved), and no plan was published on the pull request for reviewers to approve. " +
        "okctl plans open pull requests only, so this merge cannot be approved here: open a pull request that changes this declaration, " +
        "have someone with write permission approve its plan, and merge it (or ask the platform admins to change applyRequires).",
    };
  }
  const repo = { owner: job.owner, repo: job.repo };
  const target: ApprovalTarget = { headSha: published.headSha, planHash: published.planHash };
  const [{ reviews, complete }, planned] = await Promise.all([
    listPullRequestReviews(octokit, { ...repo, pullNumber: job.pullNumber }),
    deps.store.publishedPlanCommits(repositoryOf(job), job.pullNumber, job.declarationPath),
  ]);
  const candidates = approvalCandidates({ reviews, complete, target, planHashOf: new Map(planned.map((commit) => [commit.headSha, commit.planHash])) });
  const permissions = new Map<string, RepositoryPermission>();
  for (const { reviewer } of candidates.approvals.slice(0, PERMISSION_LOOKUPS_LIMIT)) {
    const permission = await getCommenterPermission(octokit, { ...repo, username: reviewer });
    permissions.set(reviewer, permission);
    if (approvalVerdict(candidates, permissions).met) break;
  }
  const verdict = approvalVerdict(candidates, permissions);
  return verdict.met ? { ok: true, approvedBy: verdict.approvedBy } : { ok: false, cause: "approval-missing", reason: missingApproval(target, verdict.notCounted) };
}

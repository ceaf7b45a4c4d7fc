// The apply requirement "approved", decided from plain data: a merge is applied only if the pull
// request has an approving review, by someone with write permission, of the commit the last
// published plan was made from, or of a commit whose plan had the same plan hash.
//
// Reviews count as GitHub counts them for "required approvals": for each reviewer, the latest of
// their reviews that is APPROVED, CHANGES_REQUESTED or DISMISSED decides. A later changes request
// cancels an approval; a dismissed approval (GitHub turns it into DISMISSED, e.g. "dismiss stale
// approvals" on a push) no longer counts; comment-only reviews and pending (unsubmitted) reviews
// change nothing. Unlike GitHub's own rule, the approval must also be of the planned commit.
import type { HeldCause } from "../render/next-steps.js";
import { hasWritePermission, REVIEW_PAGES_LIMIT, type PullRequestReview, type RepositoryPermission } from "../github/index.js";

/** What reviewers must have approved: the last published plan of the declaration. */
export interface ApprovalTarget {
  /** The pull request's head commit when that plan was made. */
  headSha: string;
  planHash: string;
}

export interface Approval {
  reviewer: string;
  commitId: string;
}

/** Each reviewer's deciding review, latest first: an approval that counts if its reviewer can write, or why it does not count. */
export type DecidedReview = { approval: Approval } | { notCounted: string };

export interface ApprovalCandidates {
  decided: DecidedReview[];
  /** The approvals among them, latest first: whose permissions to look up. */
  approvals: Approval[];
}

export type ApprovalVerdict = { met: true; approvedBy: string; commitId: string } | { met: false; notCounted: string[] };

const DECIDING = new Set(["APPROVED", "CHANGES_REQUESTED", "DISMISSED"]);

const short = (sha: string) => sha.slice(0, 7);

/** Each reviewer's latest deciding review, latest first (`reviews` oldest first, as GitHub lists them). */
export function decidingReviews(reviews: readonly PullRequestReview[]): PullRequestReview[] {
  const latest = new Map<string, PullRequestReview>();
  for (const review of reviews) {
    if (review.reviewer === undefined || !DECIDING.has(review.state)) continue;
    const key = review.reviewer.toLowerCase(); // GitHub logins are case-insensitive
    latest.delete(key); // re-inserted: the map's order is the order of each reviewer's latest review
    latest.set(key, review);
  }
  return [...latest.values()].reverse();
}

function whyNotCounted(review: PullRequestReview, target: ApprovalTarget, planHashOf: ReadonlyMap<string, string>): string | undefined {
  const who = `@${review.reviewer ?? "ghost"}`;
  if (review.state === "CHANGES_REQUESTED") return `${who} requested changes`;
  if (review.state === "DISMISSED") return `${who}'s review was dismissed`;
  if (review.commitId === null) return `${who} approved a commit GitHub no longer has`;
  if (review.commitId === target.headSha) return undefined;
  const hash = planHashOf.get(review.commitId);
  if (hash === target.planHash) return undefined;
  return hash === undefined ? `${who} approved ${short(review.commitId)}, a commit okctl did not plan` : `${who} approved ${short(review.commitId)}, whose plan differs from the last plan`;
}

/**
 * The approvals that count if their reviewer has write permission, and why the other deciding
 * reviews do not. `planHashOf`: the plan hash okctl published for each commit of the pull request.
 * When the reviews could not all be read, nothing counts (the latest ones are the missing ones).
 */
export function approvalCandidates(input: {
  reviews: readonly PullRequestReview[];
  complete: boolean;
  target: ApprovalTarget;
  planHashOf: ReadonlyMap<string, string>;
}): ApprovalCandidates {
  if (!input.complete) {
    return { decided: [{ notCounted: `the pull request has more reviews than okctl reads (${REVIEW_PAGES_LIMIT * 100}), so the latest ones could not be checked` }], approvals: [] };
  }
  const decided = decidingReviews(input.reviews).map((review): DecidedReview => {
    const why = whyNotCounted(review, input.target, input.planHashOf);
    // whyNotCounted gives a reason for every review without a reviewer or commit.
    return why === undefined ? { approval: { reviewer: review.reviewer as string, commitId: review.commitId as string } } : { notCounted: why };
  });
  return { decided, approvals: decided.flatMap((entry) => ("approval" in entry ? [entry.approval] : [])) };
}

function permissionWords(permission: RepositoryPermission): string {
  return permission === "none" ? "no permission on the repository" : `${permission} permission`;
}

/** Met by the latest candidate approval whose reviewer has write, maintain or admin permission. */
export function approvalVerdict(candidates: ApprovalCandidates, permissions: ReadonlyMap<string, RepositoryPermission>): ApprovalVerdict {
  const approved = candidates.approvals.find((approval) => {
    const permission = permissions.get(approval.reviewer);
    return permission !== undefined && hasWritePermission(permission);
  });
  if (approved) return { met: true, approvedBy: approved.reviewer, commitId: approved.commitId };
  const notCounted = candidates.decided.map((entry) => {
    if ("notCounted" in entry) return entry.notCounted;
    const { reviewer } = entry.approval;
    const permission = permissions.get(reviewer);
    return permission === undefined ? `@${reviewer} approved, but their permission was not checked` : `@${reviewer} approved, but has ${permissionWords(permission)} (write needed)`;
  });
  return { met: false, notCounted };
}

/** The part of an apply audit record that says whether a merge is still waiting for its approval. */
export interface AuditedApply {
  repository: string;
  pullNumber: number;
  result: string;
  summary: unknown;
}

/** Why a merge's apply waits for an approval: none yet, or no plan was published that anyone could approve. */
export type ApprovalCause = Exclude<HeldCause, "plan-changed">;

/** A merge held for want of an approval: its pull request, and whether a plan was there to approve. */
export interface MergeAwaitingApproval {
  pullNumber: number;
  cause: ApprovalCause;
}

/**
 * A drift issue's `/okctl apply` restores the default branch's declaration, which has no reviews
 * of its own. It must not become a way around the approval a merge still lacks: when the cluster's
 * latest apply by a pull request (not the issue itself) is held for a missing approval (or for
 * having had no plan to approve), that merge is what the drift is, and only its approval (or a new
 * pull request) can apply it.
 */
export function mergeAwaitingApproval(latestFirst: readonly AuditedApply[], repository: string, issueNumber: number): MergeAwaitingApproval | undefined {
  const latest = latestFirst.find((entry) => entry.pullNumber !== issueNumber);
  if (!latest || latest.result !== "held" || latest.repository.toLowerCase() !== repository.toLowerCase()) return undefined;
  const summary = latest.summary as { cause?: unknown } | null;
  const cause = summary !== null && typeof summary === "object" ? summary.cause : undefined;
  return cause === "approval-missing" || cause === "no-plan-to-approve" ? { pullNumber: latest.pullNumber, cause } : undefined;
}

// A pull request's reviews (GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews), oldest first as
// GitHub lists them, read a bounded number of pages.
import type { Octokit, RepoRef } from "./types.js";

export interface PullRequestReview {
  id: number;
  /** The reviewer's login; undefined for a deleted account ("ghost"). */
  reviewer: string | undefined;
  /** APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or PENDING. */
  state: string;
  /** The commit the review was given on; null when GitHub no longer has it. */
  commitId: string | null;
  submittedAt: string | undefined;
}

export interface PullRequestReviews {
  reviews: PullRequestReview[];
  /** False when there were more than `maxPages` pages: the latest reviews were not read. */
  complete: boolean;
}

const PER_PAGE = 100;
/** 10 pages: 1000 reviews, far more than any real pull request has. */
export const REVIEW_PAGES_LIMIT = 10;

interface ReviewLike {
  id: number;
  user: { login: string } | null;
  state: string;
  commit_id: string | null;
  submitted_at?: string;
}

export function reviewFrom(review: ReviewLike): PullRequestReview {
  return { id: review.id, reviewer: review.user?.login, state: review.state, commitId: review.commit_id, submittedAt: review.submitted_at };
}

export async function listPullRequestReviews(octokit: Octokit, input: RepoRef & { pullNumber: number; maxPages?: number }): Promise<PullRequestReviews> {
  const maxPages = input.maxPages ?? REVIEW_PAGES_LIMIT;
  const reviews: PullRequestReview[] = [];
  let pages = 0;
  const pagesOf = octokit.paginate.iterator(octokit.rest.pulls.listReviews, { owner: input.owner, repo: input.repo, pull_number: input.pullNumber, per_page: PER_PAGE });
  for await (const page of pagesOf) {
    pages += 1;
    reviews.push(...page.data.map(reviewFrom));
    // Stop before asking for a page past the bound; a `next` link says there was more.
    if (pages === maxPages) return { reviews, complete: !/rel="next"/.test(page.headers.link ?? "") };
  }
  return { reviews, complete: true };
}

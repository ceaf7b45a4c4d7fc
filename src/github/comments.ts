// The sticky comment: found again by its hidden marker among the comments our app wrote, edited
// in place when the text changed, left alone when it did not, created when missing.
// Requests: one per page of comments until ours is found (100 a page), plus at most one write.
import { hasMarker } from "../render/marker.js";
import type { Octokit, RepoRef } from "./types.js";

export interface UpsertCommentInput extends RepoRef {
  issueNumber: number;
  /** The marker line the body starts with (planCommentMarker / applyCommentMarker). */
  marker: string;
  body: string;
  /** Our bot's login, e.g. "okctl[bot]"; when given, only its comments count. */
  botLogin?: string;
}

export interface UpsertCommentResult {
  id: number;
  action: "created" | "updated" | "unchanged";
}

interface CommentLike {
  id: number;
  body?: string | null;
  user?: { login: string; type?: string } | null;
}

/**
 * Ours: written by a bot account (a person cannot have type "Bot", so a user who pastes our marker
 * into a comment is not mistaken for us), and by our bot when its login is known.
 */
export function isOurComment(comment: CommentLike, botLogin?: string): boolean {
  if (comment.user?.type !== "Bot") return false;
  return botLogin === undefined || comment.user.login === botLogin;
}

function normalise(body: string): string {
  return body.replace(/\r\n/g, "\n").trimEnd();
}

/** The first comment of ours on the issue or pull request that starts with `marker`. */
export async function findOurComment(octokit: Octokit, input: Omit<UpsertCommentInput, "body">): Promise<CommentLike | undefined> {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: input.owner,
    repo: input.repo,
    issue_number: input.issueNumber,
    per_page: 100,
  });
  for await (const page of pages) {
    const found = page.data.find((comment) => isOurComment(comment, input.botLogin) && hasMarker(comment.body ?? "", input.marker));
    if (found) return found;
  }
  return undefined;
}

export async function upsertComment(octokit: Octokit, input: UpsertCommentInput): Promise<UpsertCommentResult> {
  if (!hasMarker(input.body, input.marker)) throw new Error("upsertComment: the body must start with its marker line");
  const existing = await findOurComment(octokit, input);
  if (!existing) {
    const created = await octokit.rest.issues.createComment({ owner: input.owner, repo: input.repo, issue_number: input.issueNumber, body: input.body });
    return { id: created.data.id, action: "created" };
  }
  if (normalise(existing.body ?? "") === normalise(input.body)) return { id: existing.id, action: "unchanged" };
  await octokit.rest.issues.updateComment({ owner: input.owner, repo: input.repo, comment_id: existing.id, body: input.body });
  return { id: existing.id, action: "updated" };
}

/**
 * One job's view of our comments on one pull request: listed once (every page, only ours kept),
 * then each sticky upsert finds its comment in that list, whatever the number of declarations.
 */
export class IssueComments {
  #ours: Promise<CommentLike[]> | undefined;

  constructor(
    private readonly octokit: Octokit,
    private readonly issue: RepoRef & { issueNumber: number; botLogin?: string },
  ) {}

  #list(): Promise<CommentLike[]> {
    this.#ours ??= this.octokit
      .paginate(this.octokit.rest.issues.listComments, { owner: this.issue.owner, repo: this.issue.repo, issue_number: this.issue.issueNumber, per_page: 100 })
      .then((all) => all.filter((comment) => isOurComment(comment, this.issue.botLogin)).map(({ id, body, user }) => ({ id, body, user })));
    // A failed listing is not kept: the next call lists again.
    this.#ours.catch(() => (this.#ours = undefined));
    return this.#ours;
  }

  async find(marker: string): Promise<CommentLike | undefined> {
    return (await this.#list()).find((comment) => hasMarker(comment.body ?? "", marker));
  }

  async upsert(marker: string, body: string): Promise<UpsertCommentResult> {
    if (!hasMarker(body, marker)) throw new Error("upsertComment: the body must start with its marker line");
    const ours = await this.#list();
    const existing = ours.find((comment) => hasMarker(comment.body ?? "", marker));
    const { owner, repo, issueNumber } = this.issue;
    if (!existing) {
      const created = await this.octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
      ours.push({ id: created.data.id, body, user: created.data.user });
      return { id: created.data.id, action: "created" };
    }
    if (normalise(existing.body ?? "") === normalise(body)) return { id: existing.id, action: "unchanged" };
    await this.octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
    existing.body = body;
    return { id: existing.id, action: "updated" };
  }
}

/** A plain new comment (help, refusals of commands): not sticky. */
export async function createComment(octokit: Octokit, input: RepoRef & { issueNumber: number; body: string }): Promise<number> {
  const created = await octokit.rest.issues.createComment({ owner: input.owner, repo: input.repo, issue_number: input.issueNumber, body: input.body });
  return created.data.id;
}

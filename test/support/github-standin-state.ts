// The GitHub stand-in's model of one repository: files per ref, pull requests, comments, check
// runs, reactions and permissions. Plain data and small mutations; no HTTP here.
import { fakeSha } from "./webhooks-payloads.js";

export type FileStatus = "added" | "removed" | "modified" | "renamed" | "copied" | "changed" | "unchanged";

export interface ChangedFile {
  filename: string;
  status: FileStatus;
  previous_filename?: string;
  additions?: number;
  deletions?: number;
  patch?: string;
}

export interface PullRequestState {
  number: number;
  title: string;
  author: string;
  state: "open" | "closed";
  draft: boolean;
  headRef: string;
  headSha: string;
  baseRef: string;
  baseSha: string;
  /** `owner/name` of the head repository when it is a fork. */
  headRepoFullName?: string;
  labels: string[];
  merged: boolean;
  /** The merge commit once merged; GitHub's test merge commit while open (null: not computed). */
  mergeCommitSha: string | null;
  mergeable: boolean | null;
  /** Explicit file list; when absent, derived from the files stored at baseSha and headSha. */
  files?: ChangedFile[];
  createdAt: string;
}

export interface CommentState {
  id: number;
  issueNumber: number;
  body: string;
  user: string;
  /** True when the app posted it through the API (it then has `performed_via_github_app`). */
  viaApp: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface AnnotationState {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title?: string;
  start_column?: number;
  end_column?: number;
  raw_details?: string;
}

export interface CheckRunState {
  id: number;
  name: string;
  headSha: string;
  status: "queued" | "in_progress" | "completed" | "waiting" | "requested" | "pending";
  conclusion: string | null;
  startedAt: string | null;
  completedAt: string | null;
  detailsUrl: string | null;
  externalId: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  /** Annotations accumulate over updates, as on GitHub. */
  annotations: AnnotationState[];
  /** Every body sent for this run (create, then each update), for asserting progress. */
  history: Record<string, unknown>[];
}

/** An issue (not a pull request): okctl opens its drift issues through the API. */
export interface IssueState {
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  stateReason: "completed" | "not_planned" | "reopened" | null;
  labels: string[];
  author: string;
  /** True when the app opened it through the API. */
  viaApp: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface ReactionState {
  id: number;
  commentId: number;
  content: string;
  user: string;
}

export interface ReviewState {
  id: number;
  pullNumber: number;
  user: string;
  state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED";
  /** The pull request's head when the review was given. */
  commitId: string;
  submittedAt: string;
}

export type RoleName = "admin" | "maintain" | "write" | "triage" | "read" | "none";

export interface PullRequestInit extends Partial<Omit<PullRequestState, "number" | "files">> {
  number?: number;
  /** Filenames (status "modified") or full entries. */
  files?: (string | ChangedFile)[];
}

const now = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");

export class StandinRepository {
  readonly owner: string;
  readonly repo: string;
  defaultBranch: string;
  readonly snapshots = new Map<string, Map<string, string>>();
  readonly branches = new Map<string, string>();
  readonly pulls = new Map<number, PullRequestState>();
  /** Issues by number; they share the number sequence with pull requests, as on GitHub. */
  readonly issues = new Map<number, IssueState>();
  readonly comments: CommentState[] = [];
  readonly checkRuns: CheckRunState[] = [];
  readonly reactions: ReactionState[] = [];
  /** Pull request reviews, oldest first (as GitHub lists them). */
  readonly reviews: ReviewState[] = [];
  readonly permissions = new Map<string, RoleName>();
  readonly comparisons = new Map<string, ChangedFile[]>();
  defaultRole: RoleName = "read";
  #nextId = 1_000_001;

  constructor(owner: string, repo: string, defaultBranch: string) {
    this.owner = owner;
    this.repo = repo;
    this.defaultBranch = defaultBranch;
  }

  get fullName(): string {
    return `${this.owner}/${this.repo}`;
  }

  nextId(): number {
    return this.#nextId++;
  }

  /** Merges files into the snapshot at `ref` (null deletes), first copying `from` if given. */
  putFiles(ref: string, files: Record<string, string | null>, options: { from?: string } = {}): void {
    const base = options.from === undefined ? this.snapshots.get(ref) : this.filesAt(options.from);
    const snapshot = new Map(base ?? []);
    for (const [path, content] of Object.entries(files)) {
      if (content === null) snapshot.delete(path);
      else snapshot.set(path.replace(/^\/+/, ""), content);
    }
    this.snapshots.set(ref, snapshot);
  }

  /** Points a branch name at a commit SHA: `?ref=<branch>` then reads that SHA's files. */
  setBranch(branch: string, sha: string): void {
    this.branches.set(branch, sha);
  }

  /** The files at a SHA, branch (`main` or `refs/heads/main`) or, when omitted, the default branch. */
  filesAt(ref?: string): Map<string, string> | undefined {
    const name = (ref ?? this.defaultBranch).replace(/^refs\/heads\//, "");
    return this.snapshots.get(name) ?? this.snapshots.get(this.branches.get(name) ?? "");
  }

  addPullRequest(init: PullRequestInit = {}): PullRequestState {
    const number = init.number ?? this.nextNumber();
    const { files, ...rest } = init;
    const pull: PullRequestState = {
      title: `Change ${number}`,
      author: "octocat",
      state: "open",
      draft: false,
      headRef: `change-${number}`,
      headSha: fakeSha(`head-${number}`),
      baseRef: this.defaultBranch,
      baseSha: fakeSha(`base-${number}`),
      labels: [],
      merged: false,
      mergeCommitSha: null,
      mergeable: true,
      createdAt: now(),
      ...rest,
      number,
    };
    if (files) pull.files = files.map((f) => (typeof f === "string" ? { filename: f, status: "modified" } : f));
    this.pulls.set(number, pull);
    return pull;
  }

  /** The next issue or pull request number. */
  nextNumber(): number {
    return Math.max(0, ...this.pulls.keys(), ...this.issues.keys()) + 1;
  }

  addIssue(init: Partial<Omit<IssueState, "number">> & { number?: number } = {}): IssueState {
    const at = now();
    const issue: IssueState = {
      title: "An issue",
      body: null,
      state: "open",
      stateReason: null,
      labels: [],
      author: "octocat",
      viaApp: false,
      createdAt: at,
      updatedAt: at,
      closedAt: null,
      ...init,
      number: init.number ?? this.nextNumber(),
    };
    this.issues.set(issue.number, issue);
    return issue;
  }

  /** Issues with every one of `labels` (all of them when empty), newest first. */
  issuesLabelled(labels: string[] = [], state: "open" | "closed" | "all" = "open"): IssueState[] {
    return [...this.issues.values()]
      .filter((issue) => state === "all" || issue.state === state)
      .filter((issue) => labels.every((label) => issue.labels.includes(label)))
      .sort((a, b) => b.number - a.number);
  }

  /** The branch's commit, when the branch exists. */
  branchSha(branch: string): string | undefined {
    return this.branches.get(branch.replace(/^refs\/heads\//, ""));
  }

  updatePullRequest(number: number, patch: PullRequestInit): PullRequestState {
    const pull = this.pulls.get(number);
    if (!pull) throw new Error(`no pull request #${number} in the stand-in`);
    const { files, ...rest } = patch;
    Object.assign(pull, rest);
    if (files) pull.files = files.map((f) => (typeof f === "string" ? { filename: f, status: "modified" } : f));
    return pull;
  }

  /** Marks a pull request merged by `mergeCommitSha` (GitHub closes it at the same time). */
  mergePullRequest(number: number, mergeCommitSha: string): PullRequestState {
    return this.updatePullRequest(number, { merged: true, state: "closed", mergeCommitSha });
  }

  /** The files a pull request changes: explicit, or derived from the stored snapshots. */
  pullRequestFiles(pull: PullRequestState): ChangedFile[] {
    return pull.files ?? this.diff(pull.baseSha, pull.headSha) ?? [];
  }

  /** The changed files between two refs: explicit (setComparison), or derived from snapshots. */
  compare(base: string, head: string): ChangedFile[] | undefined {
    return this.comparisons.get(`${base}...${head}`) ?? this.diff(base, head);
  }

  private diff(base: string, head: string): ChangedFile[] | undefined {
    const before = this.filesAt(base);
    const after = this.filesAt(head);
    if (!before || !after) return undefined;
    const out: ChangedFile[] = [];
    for (const path of [...new Set([...before.keys(), ...after.keys()])].sort()) {
      const a = before.get(path);
      const b = after.get(path);
      if (a === b) continue;
      const status: FileStatus = a === undefined ? "added" : b === undefined ? "removed" : "modified";
      out.push({ filename: path, status, additions: lineCount(b), deletions: lineCount(a) });
    }
    return out;
  }

  addComment(issueNumber: number, body: string, user: string, viaApp = false): CommentState {
    const at = now();
    const comment = { id: this.nextId(), issueNumber, body, user, viaApp, createdAt: at, updatedAt: at };
    this.comments.push(comment);
    return comment;
  }

  /** A submitted review of pull request `pullNumber` at `commitId` (default: its current head). */
  addReview(pullNumber: number, user: string, state: ReviewState["state"], commitId?: string): ReviewState {
    const pull = this.pulls.get(pullNumber);
    if (!pull) throw new Error(`no pull request #${pullNumber} in the stand-in`);
    const review = { id: this.nextId(), pullNumber, user, state, commitId: commitId ?? pull.headSha, submittedAt: now() };
    this.reviews.push(review);
    return review;
  }

  role(user: string): RoleName {
    return this.permissions.get(user) ?? this.defaultRole;
  }
}

function lineCount(text: string | undefined): number {
  if (!text) return 0;
  return text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}

export { now as isoNow };

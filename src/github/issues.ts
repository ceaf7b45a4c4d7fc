// Issues okctl opens itself (the drift issue of a declaration): found again by a label and the
// hidden marker on their body's first line, created, edited and closed.
import { hasMarker } from "../render/marker.js";
import { statusOf, type Octokit, type RepoRef } from "./types.js";

export interface IssueRef {
  number: number;
  state: "open" | "closed";
}

/** At most this many open issues with the label are looked through (100 a page). */
const MAX_LABELLED_ISSUES = 1_000;

/** Our open issue with `label` whose body starts with `marker`, if any. */
export async function findOpenIssue(octokit: Octokit, input: RepoRef & { label: string; marker: string; botLogin?: string }): Promise<IssueRef | undefined> {
  let seen = 0;
  for await (const page of octokit.paginate.iterator(octokit.rest.issues.listForRepo, { owner: input.owner, repo: input.repo, labels: input.label, state: "open", per_page: 100 })) {
    for (const issue of page.data) {
      if (issue.pull_request) continue;
      const ours = input.botLogin ? issue.user?.login === input.botLogin : issue.user?.type === "Bot";
      if (ours && hasMarker(issue.body ?? "", input.marker)) return { number: issue.number, state: "open" };
    }
    seen += page.data.length;
    if (seen >= MAX_LABELLED_ISSUES) break;
  }
  return undefined;
}

export async function createIssue(octokit: Octokit, input: RepoRef & { title: string; body: string; labels: string[] }): Promise<IssueRef> {
  const { data } = await octokit.rest.issues.create({ owner: input.owner, repo: input.repo, title: input.title, body: input.body, labels: input.labels });
  return { number: data.number, state: "open" };
}

/** Edits the issue (and opens it again if it was closed); undefined when it no longer exists. */
export async function updateIssue(
  octokit: Octokit,
  input: RepoRef & { issueNumber: number; title?: string; body?: string; state?: "open" | "closed" },
): Promise<IssueRef | undefined> {
  try {
    const { data } = await octokit.rest.issues.update({
      owner: input.owner,
      repo: input.repo,
      issue_number: input.issueNumber,
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.body !== undefined ? { body: input.body } : {}),
      ...(input.state !== undefined ? { state: input.state, ...(input.state === "closed" ? { state_reason: "completed" as const } : {}) } : {}),
    });
    return { number: data.number, state: data.state === "closed" ? "closed" : "open" };
  } catch (error) {
    // Deleted (410) or transferred away (404/301): a new one is opened.
    if (statusOf(error) === 404 || statusOf(error) === 410) return undefined;
    throw error;
  }
}

export interface IssueInfo {
  number: number;
  body: string;
  labels: string[];
  author: { login: string; type: string } | undefined;
  isPullRequest: boolean;
}

export async function getIssue(octokit: Octokit, input: RepoRef & { issueNumber: number }): Promise<IssueInfo | undefined> {
  try {
    const { data } = await octokit.rest.issues.get({ owner: input.owner, repo: input.repo, issue_number: input.issueNumber });
    return {
      number: data.number,
      body: data.body ?? "",
      labels: data.labels.map((label) => (typeof label === "string" ? label : label.name ?? "")).filter(Boolean),
      author: data.user ? { login: data.user.login, type: data.user.type } : undefined,
      isPullRequest: data.pull_request !== undefined && data.pull_request !== null,
    };
  } catch (error) {
    if (statusOf(error) === 404 || statusOf(error) === 410) return undefined;
    throw error;
  }
}

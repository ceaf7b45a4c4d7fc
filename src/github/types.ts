// The GitHub client okctl's github/ functions take: the installation-authenticated Octokit that
// Probot hands to each event (context.octokit), or one built in tests.
import type { ProbotOctokit } from "probot";

export type Octokit = ProbotOctokit;

export interface RepoRef {
  owner: string;
  repo: string;
}

/** The HTTP status of an Octokit RequestError, if it is one. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error === "object" && error !== null && "status" in error && typeof error.status === "number") return error.status;
  return undefined;
}

// Why a job failed, in the words an operator and a pull request need: AWS refused, GitHub was
// unreachable, or the access configuration (okctl's own, or the role's trust) stands in the way.
import { statusOf } from "../github/types.js";

export type FailureKind = "aws" | "github" | "access" | "other";

export const FAILURE_LABELS: Readonly<Record<FailureKind, string>> = {
  aws: "AWS refused",
  github: "GitHub unreachable",
  access: "access configuration",
  other: "okctl failed",
};

/** An error whose kind is known where it happens (e.g. AssumeRole refused: access configuration). */
export class JobFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
  ) {
    super(message);
    // The job's lastError reads "<label>: <message>" (the worker records name and message).
    this.name = FAILURE_LABELS[kind];
  }
}

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  status?: unknown;
  $metadata?: unknown;
  $fault?: unknown;
}

/** Pure: the kind of a thrown value. */
export function failureKind(error: unknown): FailureKind {
  if (error instanceof JobFailure) return error.kind;
  if (typeof error !== "object" || error === null) return "other";
  const like = error as ErrorLike;
  // Octokit's RequestError ("HttpError"): any status from GitHub, or none when it could not be reached.
  if (like.name === "HttpError" || like.name === "RequestError") return "github";
  // The AWS SDK v3's service exceptions carry $metadata (and $fault).
  if (like.$metadata !== undefined || like.$fault !== undefined) return "aws";
  return "other";
}

export function failureText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `${FAILURE_LABELS[failureKind(error)]}: ${message}`;
}

/** The same failure as a JobFailure (its kind in its name), for the job's recorded error. */
export function asJobFailure(error: unknown): JobFailure {
  if (error instanceof JobFailure) return error;
  return new JobFailure(failureKind(error), error instanceof Error ? error.message : String(error));
}

/**
 * Pure: GitHub answered that what the job is about is not there for this app: 404 (the installation
 * was removed, or the repository or pull request was deleted, transferred or is no longer shared
 * with the installation) or 410 (deleted). Asking again will not change that answer.
 */
export function goneFromGitHub(error: unknown): boolean {
  const status = statusOf(error);
  return failureKind(error) === "github" && (status === 404 || status === 410) && answeredByGitHub(error);
}

/**
 * Pure: the answer came from GitHub's API, which gives every answer a request id: a 404 from
 * something else at GHE_HOST's address (a proxy, a misrouted host) says nothing about what GitHub
 * has, so it must not kill jobs (they are retried like any failure to reach GitHub).
 */
function answeredByGitHub(error: unknown): boolean {
  const headers = (error as { response?: { headers?: Record<string, unknown> } }).response?.headers;
  const requestId = headers?.["x-github-request-id"];
  return typeof requestId === "string" && requestId !== "";
}

/**
 * Pure: GitHub refused the installation's access token with 404: the app was uninstalled. A new
 * installation gets a new id, so no job for this one can ever reach GitHub again.
 */
export function installationGone(error: unknown): boolean {
  if (!goneFromGitHub(error) || statusOf(error) !== 404) return false;
  const url = (error as { request?: { url?: unknown } }).request?.url;
  return typeof url === "string" && /\/app\/installations\/[^/]+\/access_tokens(?:[?#]|$)/.test(url);
}

/**
 * Why a job failed for good on a goneFromGitHub answer, for its recorded error (what the operator
 * paged for a dead job reads): what is gone, and what to do when it is not.
 */
export function goneText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (
    `GitHub answered ${statusOf(error)} (${message}): the installation, repository or pull request is gone or not shared with the app; asking again cannot help. ` +
    "If it is there, check GHE_HOST and that the app's installation has access to the repository, then `okctl jobs retry` this job"
  );
}

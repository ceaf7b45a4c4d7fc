// Why a job failed, in the words an operator and a pull request need: AWS refused, GitHub was
// unreachable, or the access configuration (okctl's own, or the role's trust) stands in the way.
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

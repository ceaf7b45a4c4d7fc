// The shape every EC2 delete shares: already gone is success; DependencyViolation is retried for
// a while, because what blocked it (just deleted) may take time to disappear.
import type { ApplyContext } from "../types.js";
import { isAwsError } from "../shared/aws-errors.js";
import { DEPENDENCY_VIOLATION } from "./errors.js";
import { retryOnCodes } from "./retry.js";

export interface DeleteOptions {
  /** e.g. "deleting subnet subnet-123". */
  what: string;
  /** Error codes meaning the resource is already gone. */
  notFound: readonly string[];
  /** Further codes to retry besides DependencyViolation. */
  retryCodes?: readonly string[];
}

/** Runs `action`; true when it deleted something, false when it was already gone. */
export async function deleteIdempotently(ctx: ApplyContext, options: DeleteOptions, action: () => Promise<unknown>): Promise<boolean> {
  try {
    await retryOnCodes(ctx, { what: options.what, codes: [DEPENDENCY_VIOLATION, ...(options.retryCodes ?? [])], budgetMs: ctx.timeouts.other }, action);
    return true;
  } catch (error) {
    if (isAwsError(error, ...options.notFound)) return false;
    throw error;
  }
}

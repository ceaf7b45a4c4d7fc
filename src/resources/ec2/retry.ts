// Bounded retrying on ctx.sleep, so tests run it on a fake clock. AWS is eventually consistent: a
// resource just created may be "not found" for a moment, and one just deleted may still block its
// VPC's deletion (DependencyViolation) for a while.
import { errorMessage, isAwsError } from "../shared/aws-errors.js";
import type { ApplyContext } from "../types.js";

export interface RetryOptions {
  /** What is being done, in words, for the error message: "deleting subnet subnet-123". */
  what: string;
  /** Error codes worth retrying. */
  codes: readonly string[];
  /** Total time to keep retrying (summed sleeps). */
  budgetMs: number;
  /** First delay; doubled each time up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

export class RetriesExhaustedError extends Error {
  constructor(what: string, sleptMs: number, lastError: unknown) {
    super(`${what} still failed after ${Math.round(sleptMs / 1000)}s of retries: ${errorMessage(lastError)}`, { cause: lastError });
    this.name = "RetriesExhaustedError";
  }
}

/** Runs `action`, retrying the given error codes with backoff until the budget is spent. */
export async function retryOnCodes<T>(ctx: Pick<ApplyContext, "sleep" | "signal">, options: RetryOptions, action: () => Promise<T>): Promise<T> {
  let slept = 0;
  let delay = options.initialDelayMs ?? 2_000;
  const maxDelay = options.maxDelayMs ?? 15_000;
  for (;;) {
    if (ctx.signal?.aborted) throw new Error(`cancelled while ${options.what}`);
    try {
      return await action();
    } catch (error) {
      if (!isAwsError(error, ...options.codes)) throw error;
      if (slept >= options.budgetMs) throw new RetriesExhaustedError(options.what, slept, error);
      const wait = Math.min(delay, maxDelay);
      await ctx.sleep(wait);
      slept += wait;
      delay *= 2;
    }
  }
}

/** How long a just-created resource may stay invisible to EC2 (normally seconds). */
export const VISIBILITY_BUDGET_MS = 60_000;

/** The retry budget for "not found yet" right after a create: short, so real mistakes surface. */
export function visibilityBudget(ctx: Pick<ApplyContext, "timeouts">): number {
  return Math.min(ctx.timeouts.other, VISIBILITY_BUDGET_MS);
}

// Bounded polling for AWS waits: describe, check, sleep (ctx.sleep, so tests can use a fake clock),
// until done or the timeout — then an error that names what is slow.
import type { ApplyContext } from "../types.js";

export class WaitTimeoutError extends Error {
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
    readonly lastState: string | undefined,
  ) {
    super(
      `timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${what}` +
        (lastState ? ` (last state: ${lastState})` : ""),
    );
    this.name = "WaitTimeoutError";
  }
}

export interface PollOptions<T> {
  /** One look at AWS. */
  describe: () => Promise<T>;
  /** True when the wait is over. May throw to stop early (e.g. a FAILED status). */
  done: (value: T) => boolean;
  timeoutMs: number;
  /** What is being waited for, e.g. "EKS cluster booking-dev to become ACTIVE". */
  what: string;
  ctx: Pick<ApplyContext, "sleep" | "waiting" | "signal" | "pollIntervalMs">;
  /** Delay between looks (default 10 s); ctx.pollIntervalMs, when set, overrides it. */
  intervalMs?: number;
  /** A short description of the current state, for the timeout message. */
  state?: (value: T) => string | undefined;
}

export const DEFAULT_POLL_INTERVAL_MS = 10_000;

/**
 * Polls until `done`. Time is counted as the sum of the sleeps, so a fake `ctx.sleep` makes the
 * timeout deterministic; the real calls' latency only makes a real wait slightly longer.
 */
export async function pollUntil<T>(options: PollOptions<T>): Promise<T> {
  const interval = options.ctx.pollIntervalMs ?? options.intervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  let waited = 0;
  let announced = false;
  for (;;) {
    if (options.ctx.signal?.aborted) throw new Error(`cancelled while waiting for ${options.what}`);
    const value = await options.describe();
    if (options.done(value)) return value;
    if (waited >= options.timeoutMs) {
      throw new WaitTimeoutError(options.what, options.timeoutMs, options.state?.(value));
    }
    if (!announced) {
      options.ctx.waiting(options.what);
      announced = true;
    }
    const step = Math.min(interval, options.timeoutMs - waited);
    await options.ctx.sleep(Math.max(step, 1));
    waited += Math.max(step, 1);
  }
}

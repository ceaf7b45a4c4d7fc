// The job a call is made for, without passing it through every function in between: the worker
// runs each job's handler inside a call scope (AsyncLocalStorage follows the handler's promises),
// and the AWS clients and the GitHub client read it for every request they send. So every AWS and
// GitHub call of a job is aborted with the job (lease lost, deadline passed, worker stopped), and
// every answer counts as the job's progress (the lease is renewed only while there is some).
import { AsyncLocalStorage } from "node:async_hooks";

export interface CallScope {
  /** Aborts the scope's calls. */
  signal: AbortSignal;
  /** An outside system answered (success or error): the job is not stalled. */
  progress(): void;
}

const storage = new AsyncLocalStorage<CallScope>();

/** Runs `fn` in `scope`; with no scope, outside any (as code that runs for no job). */
export function runInCallScope<T>(scope: CallScope | undefined, fn: () => Promise<T>): Promise<T> {
  return scope === undefined ? storage.exit(fn) : storage.run(scope, fn);
}

/** The scope of the job this code runs for, if any (undefined in the CLI and in webhook handlers). */
export function currentCallScope(): CallScope | undefined {
  return storage.getStore();
}

/** An outside call that did not answer in time. Names the call, so the log says what stalled. */
export class CallTimeoutError extends Error {
  override name = "CallTimeoutError";
  constructor(
    /** e.g. "EC2.DescribeVpcs" or "GitHub GET /repos/{owner}/{repo}/pulls/{pull_number}". */
    readonly call: string,
    detail: string,
  ) {
    super(`${call} did not answer: ${detail}`);
  }
}

/**
 * A deliberate wait (between two polls of a resource that is being created): the job is not
 * stalled while it waits, so the wait counts as progress; the job's signal cuts it short.
 */
export function sleepInScope(ms: number): Promise<void> {
  const scope = currentCallScope();
  return new Promise((resolve, reject) => {
    scope?.progress();
    const alive = scope ? setInterval(() => scope.progress(), 1_000) : undefined;
    const done = (): void => {
      clearTimeout(timer);
      clearInterval(alive);
      scope?.signal.removeEventListener("abort", onAbort);
    };
    const onAbort = (): void => {
      done();
      reject(scope?.signal.reason);
    };
    const timer = setTimeout(() => {
      done();
      resolve();
    }, ms);
    if (scope?.signal.aborted) return onAbort();
    scope?.signal.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * How many listeners a job's abort signal may have before Node warns of a leak: one per AWS or
 * GitHub call in flight, and an apply runs many at once.
 */
export const CONCURRENT_CALL_LISTENERS = 500;

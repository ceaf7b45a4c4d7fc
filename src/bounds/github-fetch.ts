// Every GitHub request is bounded: the fetch okctl gives Octokit (through Probot) times out, and
// carries the running job's abort signal (src/bounds/call-scope.ts); each answer counts as the
// job's progress.
import type { Octokit } from "../github/index.js";
import { CallTimeoutError, currentCallScope, runInCallScope } from "./call-scope.js";

export const DEFAULT_GITHUB_TIMEOUT_MS = 30_000;

function describeRequest(input: string | URL | Request, init: RequestInit | undefined): string {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const method = init?.method ?? (input instanceof Request ? input.method : "GET");
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // keep the raw text
  }
  return `GitHub ${method.toUpperCase()} ${path}`;
}

/** A fetch that gives up after `timeoutMs` (headers and body) and follows the job's signal. */
export function boundedFetch(timeoutMs: number = DEFAULT_GITHUB_TIMEOUT_MS, base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const scope = currentCallScope();
    const timeout = AbortSignal.timeout(timeoutMs);
    const signals = [timeout, init?.signal, scope?.signal].filter((s): s is AbortSignal => s instanceof AbortSignal);
    try {
      const response = await base(input, { ...init, signal: AbortSignal.any(signals) });
      scope?.progress();
      return response;
    } catch (error) {
      if (timeout.aborted && !scope?.signal.aborted && !init?.signal?.aborted) {
        throw new CallTimeoutError(describeRequest(input, init), `no answer within ${timeoutMs} ms`);
      }
      if (scope?.signal.aborted) throw jobAborted(describeRequest(input, init), scope.signal.reason);
      throw error;
    }
  };
}

/**
 * The job was aborted (worker stopping, lease lost, deadline): an AbortError, which Octokit throws
 * as it is and never retries (anything else it wraps as a status 500 and sends again after 1, 4
 * and 9 s: for a stopping worker, 14 s of calls that could only fail again).
 */
function jobAborted(request: string, reason: unknown): Error {
  const because = reason instanceof Error ? reason.message : String(reason);
  return Object.assign(new Error(`${request} aborted: ${because}`, { cause: reason }), { name: "AbortError" });
}

/**
 * Sends every request of `octokit` in the call scope of the code that made it. Probot's client
 * spaces writes a second apart through a queue shared by all jobs (its throttling plugin), and a
 * queued request is sent from the queue's timer, in the async context of whichever request set
 * that timer: boundedFetch would read another job's scope, or none, so a job's write could still be
 * sent after the job was aborted (a replica stopping with SIGTERM would publish its interrupted
 * apply as failed), or be aborted with another job. Hooked last, this runs first, in the caller's
 * context.
 */
export function sendInCallersScope(octokit: Octokit): Octokit {
  octokit.hook.wrap("request", (request, options) => {
    const scope = currentCallScope();
    const send: typeof fetch = options.request?.fetch ?? fetch;
    // On the options object itself: the hooks inside are bound to it and ignore a copy. A new
    // `request` object, since the one there may be the client's defaults, shared by all requests.
    options.request = { ...options.request, fetch: (input: string | URL | Request, init?: RequestInit) => runInCallScope(scope, () => send(input, init)) };
    return request(options);
  });
  return octokit;
}

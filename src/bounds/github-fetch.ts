// Every GitHub request is bounded: the fetch okctl gives Octokit (through Probot) times out, and
// carries the running job's abort signal (src/bounds/call-scope.ts); each answer counts as the
// job's progress.
import { CallTimeoutError, currentCallScope } from "./call-scope.js";

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
      throw error;
    }
  };
}

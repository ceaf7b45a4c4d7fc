// GitHub asks integrations to send writes one at a time, a second apart; Probot's throttling does
// so (and spaces writes that notify people, such as new comments, 3 s apart). The spacing can be
// shortened for a GitHub stand-in that has no such limits (the tests' servers), never turned off.
// The rest of Probot's throttling stays: a rate-limit answer is waited out and retried (a few
// times); a secondary-limit one is not (the request fails, and its job retries with the backoff).
import Bottleneck from "bottleneck";
import { ProbotOctokit } from "probot";

const WRITE_INTERVAL_ENV = "OKCTL_GITHUB_WRITE_INTERVAL_MS";
/** Writes that notify people wait this many write intervals (Probot's default: 3 s). */
const NOTIFYING_WRITE_FACTOR = 3;

type OctokitOptions = NonNullable<ConstructorParameters<typeof ProbotOctokit>[0]>;

/** OKCTL_GITHUB_WRITE_INTERVAL_MS: undefined when unset; throws unless a whole number of milliseconds (0 or more). */
export function writeIntervalFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env[WRITE_INTERVAL_ENV];
  if (raw === undefined || raw === "") return undefined;
  if (!/^\d+$/.test(raw.trim())) throw new Error(`${WRITE_INTERVAL_ENV} must be a whole number of milliseconds (0 or more), got ${JSON.stringify(raw)}`);
  return Number(raw.trim());
}

/**
 * Probot's Octokit with writes spaced `intervalMs` apart (notifying ones 3 × that): the pacing
 * groups handed to its throttling, in place of its own 1 s / 3 s ones. One set per call, shared
 * by every client the class builds (as Probot's are).
 */
export function octokitWithWriteInterval(intervalMs: number): typeof ProbotOctokit {
  const write = new Bottleneck.Group({ id: "okctl-write", maxConcurrent: 1, minTime: intervalMs });
  const notifications = new Bottleneck.Group({ id: "okctl-notifications", maxConcurrent: 1, minTime: intervalMs * NOTIFYING_WRITE_FACTOR });
  return ProbotOctokit.defaults((options: OctokitOptions) => ({ ...options, throttle: { ...options.throttle, write, notifications } }));
}

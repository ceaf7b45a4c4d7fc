// The durable jobs of drift checks, as the store keeps them. A round job per round (one per round
// whoever enqueues it: a dedupe key), which lays out one job per repository over the round; each
// repository job reads the default branch and enqueues one check per okctl.yaml (again one per
// declaration and round). Checks run one at a time (the `drift` queue) and after every other job
// (a lower priority): pull-request plans always go first. Pure builders.
import type { NewJob } from "../../store/store.js";
import { asJson, type RepoJob } from "../job-payloads.js";
import { roundName, type DriftRound } from "./schedule.js";

/** Below every other job's (default 0): a runnable plan is always leased before a drift check. */
export const DRIFT_PRIORITY = -10;
/** One drift check at a time across all replicas: the other worker slots stay free for pull requests. */
export const DRIFT_QUEUE = "drift";
/** A throttled or failing check backs off (5 s doubling) and holds the queue; then it is left for the next round. */
const DRIFT_CHECK_ATTEMPTS = 4;

export interface DriftRoundPayload {
  index: number;
  intervalMs: number;
}

export interface DriftRepositoryPayload extends RepoJob, DriftRoundPayload {
  defaultBranch: string;
  htmlUrl: string;
}

export interface DriftCheckPayload extends RepoJob {
  declarationPath: string;
  /** The default branch's head when the check was laid out. */
  headSha: string;
  htmlUrl: string;
  /** "schedule": a round's check; "apply": after `/okctl apply` on the drift issue (runs in the cluster's queue, after the apply). */
  trigger: "schedule" | "apply";
  /** The drift issue, when the caller knows it. */
  issueNumber?: number;
}

export function roundOf(payload: DriftRoundPayload): DriftRound {
  const start = payload.index * payload.intervalMs;
  return { index: payload.index, intervalMs: payload.intervalMs, start: new Date(start), end: new Date(start + payload.intervalMs) };
}

export function driftRoundJob(round: DriftRound): NewJob {
  const payload: DriftRoundPayload = { index: round.index, intervalMs: round.intervalMs };
  return {
    kind: "drift-round",
    key: `drift round ${round.start.toISOString()}`,
    payload: payload as unknown as NewJob["payload"],
    priority: DRIFT_PRIORITY,
    dedupeKey: `drift-round:${roundName(round)}`,
  };
}

export function driftRepositoryJob(payload: DriftRepositoryPayload, runAfter: Date): NewJob {
  const repository = `${payload.owner}/${payload.repo}`;
  return {
    kind: "drift-repository",
    key: `drift ${repository}`,
    payload: asJson(payload),
    runAfter,
    priority: DRIFT_PRIORITY,
    dedupeKey: `drift-repository:${repository}@${roundName(payload)}`,
  };
}

/** A round's check of one declaration: at most one per declaration and round, whoever enqueues it. */
export function driftCheckJob(payload: DriftCheckPayload, round: DriftRound): NewJob {
  return {
    kind: "drift",
    key: `drift ${payload.owner}/${payload.repo}:${payload.declarationPath}`,
    payload: asJson(payload),
    queue: DRIFT_QUEUE,
    priority: DRIFT_PRIORITY,
    maxAttempts: DRIFT_CHECK_ATTEMPTS,
    dedupeKey: `drift:${payload.owner}/${payload.repo}:${payload.declarationPath}@${roundName(round)}`,
  };
}

/** The check after `/okctl apply` on the drift issue: in the cluster's queue, so it runs once the apply is done. */
export function driftCheckAfterApplyJob(payload: DriftCheckPayload, clusterQueue: string): NewJob {
  return {
    kind: "drift",
    key: `drift ${payload.owner}/${payload.repo}:${payload.declarationPath} after apply`,
    payload: asJson(payload),
    queue: clusterQueue,
    maxAttempts: DRIFT_CHECK_ATTEMPTS,
  };
}

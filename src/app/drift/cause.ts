// Why a cluster drifted, when the store knows: its last apply failed or was held (not applied),
// or an apply job gave up. Then the drift is a merge not applied, not a hand change.
import type { Job, Store } from "../../store/store.js";
import type { ApplyJobPayload } from "../job-payloads.js";
import type { DriftCause } from "./view.js";

export interface CauseContext {
  clusterKey: string;
  repository: string;
  /** The repository's web address, for links to pull requests. */
  htmlUrl: string;
  /** The drift issue: applies started from it are not a merge's. */
  issueNumber?: number;
}

export async function driftCause(store: Store, context: CauseContext): Promise<DriftCause | undefined> {
  const [latest] = await store.listApplyAudit({ clusterKey: context.clusterKey, limit: 1 });
  const link = (number: number) => ({ number, url: `${context.htmlUrl}/pull/${number}` });
  const fromIssue = (number: number) => number === context.issueNumber;
  if (latest && latest.result !== "succeeded" && latest.repository === context.repository && !fromIssue(latest.pullNumber)) {
    return {
      kind: latest.result === "failed" ? "apply-failed" : "apply-held",
      pullRequest: link(latest.pullNumber),
      commitSha: latest.mergeSha,
    };
  }
  // An apply that gave up (out of attempts) after the last recorded apply.
  const dead = await store.listJobs({ queue: `cluster:${context.clusterKey}`, kind: "apply", state: "dead" });
  const after = latest?.finishedAt.getTime() ?? 0;
  const gaveUp = dead.filter((job) => (job.finishedAt?.getTime() ?? 0) > after).at(-1);
  if (gaveUp) {
    const payload = gaveUp.payload as unknown as Partial<ApplyJobPayload>;
    if (typeof payload.pullNumber === "number" && `${payload.owner}/${payload.repo}` === context.repository && !fromIssue(payload.pullNumber)) {
      return { kind: "apply-failed", pullRequest: link(payload.pullNumber), ...(payload.mergeSha ? { commitSha: payload.mergeSha } : {}), ...(gaveUp.lastError ? { detail: gaveUp.lastError.slice(0, 300) } : {}) };
    }
  }
  return undefined;
}

/**
 * An apply of the cluster in its queue. "running": running or about to (a plan now would show it
 * half done, so there is no check). "retrying": it failed and waits to try again, maybe for hours:
 * the drift is reported, as from that merge.
 */
export type PendingApply = { state: "running" } | { state: "retrying"; job: Job };

export async function pendingApply(store: Store, clusterKey: string): Promise<PendingApply | undefined> {
  const active = await store.listJobs({ queue: `cluster:${clusterKey}`, kind: "apply", state: ["pending", "leased"] });
  // The queue runs its jobs in order: the first one is the one running or waiting.
  const first = [...active].sort((a, b) => Number(a.id) - Number(b.id))[0];
  if (!first) return undefined;
  if (first.state === "leased" || first.attempts === 0) return { state: "running" };
  return { state: "retrying", job: first };
}

/** The cause of drift while an apply waits to try again: its merge (not when it came from this drift issue). */
export function retryingCause(job: Job, context: CauseContext): DriftCause | undefined {
  const payload = job.payload as unknown as Partial<ApplyJobPayload>;
  if (typeof payload.pullNumber !== "number" || payload.driftIssue || payload.pullNumber === context.issueNumber) return undefined;
  if (`${payload.owner}/${payload.repo}` !== context.repository) return undefined;
  return {
    kind: "apply-retrying",
    pullRequest: { number: payload.pullNumber, url: `${context.htmlUrl}/pull/${payload.pullNumber}` },
    ...(payload.mergeSha ? { commitSha: payload.mergeSha } : {}),
    ...(job.lastError ? { detail: job.lastError.slice(0, 300) } : {}),
    retryAt: job.runAfter.toISOString(),
  };
}

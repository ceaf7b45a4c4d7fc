// Why a cluster drifted, when the store knows: its last apply failed or was held (not applied),
// or an apply job gave up. Then the drift is a merge not applied, not a hand change.
import type { Store } from "../../store/store.js";
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

/** An apply of the cluster is waiting or running: a plan now would show it half done, not drift. */
export async function applyPending(store: Store, clusterKey: string): Promise<boolean> {
  const active = await store.listJobs({ queue: `cluster:${clusterKey}`, kind: "apply", state: ["pending", "leased"] });
  return active.length > 0;
}

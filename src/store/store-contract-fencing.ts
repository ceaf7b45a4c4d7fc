// Contract: fencing. Every write a worker makes for a job carries the job's lease; once another
// worker has taken the lease over, the old worker can neither finish the job nor write for it.
import { describe, expect, it } from "vitest";
import { LeaseLostError, leaseOf, type JobLease } from "./lease.js";
import type { Store } from "./store.js";
import { at, leased, planFixture, t0 } from "./store-fixtures.js";

const pr = { repository: "octo/infra", pullNumber: 7, declarationPath: "okctl.yaml" };
const clusterKey = "123456789012/eu-west-1/prod";

/** One write of each kind a job handler makes, through `store`. */
function writes(store: Store, n: number): (() => Promise<unknown>)[] {
  const plan = planFixture(`h${n}`);
  return [
    () => store.enqueueJob({ kind: "plan", key: `replan-${n}`, payload: n }, at(n)),
    () => store.recordDeliveryAndEnqueue({ id: `d-${n}`, event: "push", receivedAt: at(n) }, []),
    () => store.recordDelivery(`e-${n}`, "push", at(n)),
    () => store.savePublishedPlan({ ...pr, headSha: `sha-${n}`, planHash: plan.hash, plan, commentId: n, publishedAt: at(n) }),
    () => store.saveHeldApply({ ...pr, clusterKey, mergeSha: `m-${n}`, mergedBy: "alice", planHash: plan.hash, plan, reason: "held", heldAt: at(n) }),
    () => store.rememberPullRequestCluster({ ...pr, pullNumber: 100 + n, clusterKey, open: true }),
    () => store.closePullRequest(pr.repository, 100 + n),
    () => store.recordApplyAudit({ ...pr, clusterKey, mergedBy: "alice", mergeSha: `m-${n}`, planHash: plan.hash, startedAt: t0, finishedAt: at(n), result: "succeeded", summary: n }),
  ];
}

export function fencingContract(open: () => Promise<Store>): void {
  describe("fencing", () => {
    it("lets the worker holding a job's lease write for it", async () => {
      const store = await open();
      await store.enqueueJob({ kind: "apply", key: "k", payload: null }, t0);
      const lease = leaseOf(await leased(store, "w1", 1_000, t0));
      const fenced = store.withLease(lease);
      for (const write of writes(fenced, 1)) await write();
      expect(await fenced.takeHeldApply(pr.repository, pr.pullNumber, pr.declarationPath)).toMatchObject({ mergeSha: "m-1" });
      expect((await store.listJobs({ key: "replan-1" })).map((job) => job.state)).toEqual(["pending"]);
      expect(await store.latestPublishedPlan(pr.repository, pr.pullNumber, pr.declarationPath)).toMatchObject({ headSha: "sha-1" });
      expect(await store.listApplyAudit()).toHaveLength(1);
      // Past its expiry but not taken over: nobody else runs the job, the writes still count.
      expect(await fenced.recordDelivery("late-but-unchallenged", "push", at(5_000))).toBe(true);
      expect(await store.completeJob(lease, "done", at(5_001))).toBe(true);
    });

    it("refuses every write of a worker whose lease was taken over, and writes nothing", async () => {
      const store = await open();
      await store.enqueueJob({ kind: "apply", key: "k", payload: null }, t0);
      const stale = leaseOf(await leased(store, "w1", 1_000, t0));
      await store.saveHeldApply({ ...pr, clusterKey, mergeSha: "m-0", mergedBy: "alice", planHash: "h0", plan: planFixture("h0"), reason: "held", heldAt: t0 });
      const current = leaseOf(await leased(store, "w2", 1_000, at(1_000)));
      const fenced = store.withLease(stale);
      for (const write of writes(fenced, 2)) await expect(write()).rejects.toBeInstanceOf(LeaseLostError);
      await expect(fenced.takeHeldApply(pr.repository, pr.pullNumber, pr.declarationPath)).rejects.toBeInstanceOf(LeaseLostError);
      // Nothing of it reached the store.
      expect(await store.listJobs()).toHaveLength(1);
      expect(await store.recordDelivery("d-2", "push", at(2))).toBe(true);
      expect(await store.recordDelivery("e-2", "push", at(2))).toBe(true);
      expect(await store.latestPublishedPlan(pr.repository, pr.pullNumber, pr.declarationPath)).toBeNull();
      expect(await store.openPullRequestsForCluster(clusterKey)).toEqual([]);
      expect(await store.listApplyAudit()).toEqual([]);
      expect(await store.takeHeldApply(pr.repository, pr.pullNumber, pr.declarationPath)).toMatchObject({ mergeSha: "m-0" });
      // The same worker leasing the job again gets a new token: its old run is fenced out too.
      expect(await store.withLease(current).recordDelivery("d-3", "push", at(3))).toBe(true);
      await expect(store.withLease({ ...current, token: current.token - 1 }).recordDelivery("d-4", "push", at(4))).rejects.toBeInstanceOf(LeaseLostError);
    });

    it("refuses writes for a job that is finished or was never leased", async () => {
      const store = await open();
      const job = await store.enqueueJob({ kind: "plan", key: "k", payload: null }, t0);
      const never: JobLease = { jobId: job.id, workerId: "w1", token: 1 };
      await expect(store.withLease(never).recordDelivery("d-1", "push", t0)).rejects.toBeInstanceOf(LeaseLostError);
      const lease = leaseOf(await leased(store, "w1", 1_000, t0));
      await store.completeJob(lease, null, at(1));
      await expect(store.withLease(lease).recordDelivery("d-1", "push", t0)).rejects.toBeInstanceOf(LeaseLostError);
      await expect(store.withLease({ jobId: "no-such-job", workerId: "w1", token: 1 }).recordDelivery("d-1", "push", t0)).rejects.toBeInstanceOf(LeaseLostError);
    });

    it("says whether a lease is held: current and not expired", async () => {
      const store = await open();
      await store.enqueueJob({ kind: "apply", key: "k", payload: null }, t0);
      const lease = leaseOf(await leased(store, "w1", 1_000, t0));
      expect(await store.holdsLease(lease, at(999))).toBe(true);
      expect(await store.holdsLease({ ...lease, workerId: "w2" }, at(999))).toBe(false);
      expect(await store.holdsLease(lease, at(1_000))).toBe(false);
      expect(await store.heartbeat(lease, 1_000, at(900))).toBe(true);
      expect(await store.holdsLease(lease, at(1_500))).toBe(true);
      await store.completeJob(lease, null, at(1_600));
      expect(await store.holdsLease(lease, at(1_601))).toBe(false);
    });
  });

  describe("handing a job back", () => {
    it("makes a released job runnable at once by another worker, without using up an attempt", async () => {
      const store = await open();
      const job = await store.enqueueJob({ kind: "apply", key: "k", payload: { n: 1 }, queue: "q", maxAttempts: 1 }, t0);
      const later = await store.enqueueJob({ kind: "apply", key: "later", payload: null, queue: "q" }, t0);
      const first = leaseOf(await leased(store, "stopping", 60_000, at(1)));
      expect(await store.releaseJob(first, at(2))).toBe(true);
      expect(await store.getJob(job.id)).toMatchObject({ state: "pending", leasedBy: null, leaseExpiresAt: null, runAfter: at(2) });
      expect(await store.releaseJob(first, at(3))).toBe(false);
      expect(await store.completeJob(first, "late", at(3))).toBe(false);
      // The queue's order holds: the handed-back job runs before the later one, as a resume.
      const resumed = await leased(store, "other", 60_000, at(3));
      expect(resumed).toMatchObject({ id: job.id, attempts: 2, leaseTakenOver: false, payload: { n: 1 } });
      expect(await store.holdsLease(first, at(4))).toBe(false);
      expect(await store.completeJob(leaseOf(resumed), "done", at(5))).toBe(true);
      expect((await leased(store, "other", 60_000, at(6))).id).toBe(later.id);
    });
  });
}

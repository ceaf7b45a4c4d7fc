// Contract: deliveries, enqueue and lease order, leases, heartbeats, attempts.
import { describe, expect, it } from "vitest";
import type { Store } from "./store.js";
import { leaseOf } from "./lease.js";
import { at, leased, t0 } from "./store-fixtures.js";

const lease = 60_000;

export function jobContract(open: () => Promise<Store>): void {
  describe("deliveries", () => {
    it("records a delivery once: a redelivery is not new", async () => {
      const store = await open();
      expect(await store.recordDelivery("d-1", "pull_request", t0)).toBe(true);
      expect(await store.recordDelivery("d-1", "pull_request", at(5))).toBe(false);
      expect(await store.recordDelivery("d-2", "push", at(5))).toBe(true);
    });

    it("enqueues a delivery's jobs with it, and nothing for a redelivery", async () => {
      const store = await open();
      const jobs = [
        { kind: "plan", key: "octo/infra#1:okctl.yaml", payload: { n: 1 } },
        { kind: "plan", key: "octo/infra#1:prod/okctl.yaml", payload: { n: 2 } },
      ];
      const first = await store.recordDeliveryAndEnqueue({ id: "d-1", event: "pull_request", receivedAt: t0 }, jobs);
      expect(first.isNew).toBe(true);
      expect(first.jobs.map((job) => [job.payload, job.deliveryId, job.state])).toEqual([
        [{ n: 1 }, "d-1", "pending"],
        [{ n: 2 }, "d-1", "pending"],
      ]);
      const again = await store.recordDeliveryAndEnqueue({ id: "d-1", event: "pull_request", receivedAt: at(1) }, jobs);
      expect(again).toEqual({ isNew: false, jobs: [] });
      expect(await store.listJobs()).toHaveLength(2);
    });

    it("records neither the delivery nor any job when one job cannot be enqueued", async () => {
      const store = await open();
      const jobs = [
        { kind: "plan", key: "a", payload: null },
        { kind: "plan", key: "b", payload: null, maxAttempts: 0 },
      ];
      await expect(store.recordDeliveryAndEnqueue({ id: "d-1", event: "push", receivedAt: t0 }, jobs)).rejects.toThrow(/maxAttempts/);
      expect(await store.listJobs()).toEqual([]);
      expect(await store.recordDelivery("d-1", "push", t0)).toBe(true);
    });
  });

  describe("dedupe keys", () => {
    it("enqueues a job that repeats an earlier one's dedupe key only once, whatever the delivery", async () => {
      const store = await open();
      const merge = { kind: "merge", key: "octo/infra@abc", payload: { after: "abc" }, dedupeKey: "merge:octo/infra@abc" };
      const first = await store.recordDeliveryAndEnqueue({ id: "d-1", event: "push", receivedAt: t0 }, [merge]);
      expect(first.jobs).toHaveLength(1);
      const replay = await store.recordDeliveryAndEnqueue({ id: "d-2", event: "push", receivedAt: at(5) }, [merge, { ...merge, dedupeKey: "merge:octo/infra@def" }]);
      expect(replay.isNew).toBe(true);
      expect(replay.jobs.map((job) => job.dedupeKey)).toEqual(["merge:octo/infra@def"]);
      // Even once finished (or dead), the same merge is not enqueued again.
      await store.completeJob(leaseOf(await leased(store, "w1", lease, at(6))), null, at(7));
      const again = await store.enqueueJob(merge, at(8));
      expect(again.id).toBe(first.jobs[0]!.id);
      expect(await store.listJobs({ kind: "merge" })).toHaveLength(2);
    });

    it("with a coalesce key, repeats only the newest job of that key", async () => {
      const store = await open();
      const plan = (head: string, labels: string) => ({ kind: "plan", key: "pr1", payload: null, coalesceKey: "plan:pr1", dedupeKey: `pr1@${head}:${labels}` });
      const a = await store.enqueueJob(plan("h1", ""), t0);
      expect((await store.enqueueJob(plan("h1", ""), at(1))).id).toBe(a.id);
      const b = await store.enqueueJob(plan("h1", "allow-destroy"), at(2));
      expect(b.id).not.toBe(a.id);
      // Back to the first labels: the newest plan differs, so this one is planned again.
      const c = await store.enqueueJob(plan("h1", ""), at(3));
      expect([c.id === a.id, c.id === b.id]).toEqual([false, false]);
      expect((await store.listJobs({ state: "pending" })).map((job) => job.id)).toEqual([c.id]);
      // A job without a dedupe key is always enqueued.
      const d = await store.enqueueJob({ kind: "plan", key: "pr1", payload: null, coalesceKey: "plan:pr1" }, at(4));
      expect((await store.listJobs({ state: "pending" })).map((job) => job.id)).toEqual([d.id]);
    });
  });

  describe("operator retries", () => {
    it("makes a dead job pending again with fresh attempts, and nothing else", async () => {
      const store = await open();
      const job = await store.enqueueJob({ kind: "merge", key: "k", payload: { n: 1 }, maxAttempts: 1 }, t0);
      const other = await store.enqueueJob({ kind: "plan", key: "p", payload: null }, t0);
      expect(await store.retryJob(job.id, at(1))).toBe(false); // pending: nothing to retry
      await store.failJob(leaseOf(await leased(store, "w1", lease, at(2))), "GitHub unreachable", { now: at(3) });
      expect(await store.getJob(job.id)).toMatchObject({ state: "dead", attempts: 1 });
      expect(await store.retryJob(job.id, at(10))).toBe(true);
      expect(await store.getJob(job.id)).toMatchObject({ state: "pending", attempts: 0, runAfter: at(10), finishedAt: null, lastError: "GitHub unreachable" });
      expect(await store.retryJob(job.id, at(11))).toBe(false);
      expect(await store.retryJob(other.id, at(11))).toBe(false);
      expect(await store.retryJob("no-such-job", at(11))).toBe(false);
      const next = [await store.leaseNextJob("w1", lease, at(12)), await store.leaseNextJob("w1", lease, at(12))];
      expect(next.map((leasedJob) => leasedJob?.id)).toEqual([other.id, job.id]);
    });
  });

  describe("leasing", () => {
    it("leases jobs in enqueue order, each once, and not before runAfter", async () => {
      const store = await open();
      const later = await store.enqueueJob({ kind: "plan", key: "later", payload: null, runAfter: at(10_000) }, t0);
      const a = await store.enqueueJob({ kind: "plan", key: "a", payload: { a: true } }, t0);
      const b = await store.enqueueJob({ kind: "apply", key: "b", payload: [1, 2] }, at(1));
      const first = await store.leaseNextJob("w1", lease, at(2));
      expect(first).toMatchObject({ id: a.id, state: "leased", leasedBy: "w1", attempts: 1, payload: { a: true } });
      expect(first?.leaseExpiresAt).toEqual(at(2 + lease));
      expect((await store.leaseNextJob("w2", lease, at(3)))?.id).toBe(b.id);
      expect(await store.leaseNextJob("w2", lease, at(4))).toBeNull();
      expect((await store.leaseNextJob("w2", lease, at(10_000)))?.id).toBe(later.id);
    });

    it("takes back a job whose lease expired, with its payload, and fences the old worker out", async () => {
      const store = await open();
      const job = await store.enqueueJob({ kind: "apply", key: "k", payload: { cluster: "prod" } }, t0);
      const crashed = leaseOf(await leased(store, "crashed", 1_000, t0));
      expect(await store.leaseNextJob("w2", 1_000, at(999))).toBeNull();
      const again = await leased(store, "w2", 1_000, at(1_000));
      expect(again).toMatchObject({ id: job.id, leasedBy: "w2", attempts: 2, payload: { cluster: "prod" }, leaseTakenOver: true });
      expect(again.leaseToken).toBeGreaterThan(crashed.token);
      expect(await store.heartbeat(crashed, 1_000, at(1_001))).toBe(false);
      expect(await store.completeJob(crashed, "late", at(1_002))).toBe(false);
      expect(await store.failJob(crashed, "late", { now: at(1_002) })).toBe(false);
      expect(await store.releaseJob(crashed, at(1_002))).toBe(false);
      expect(await store.completeJob(leaseOf(again), { ok: true }, at(1_003))).toBe(true);
      expect(await store.getJob(job.id)).toMatchObject({ state: "completed", result: { ok: true }, finishedAt: at(1_003) });
    });

    it("extends a lease on heartbeat, only for the worker holding it", async () => {
      const store = await open();
      const job = await store.enqueueJob({ kind: "plan", key: "k", payload: null }, t0);
      const w1 = leaseOf(await leased(store, "w1", 1_000, t0));
      expect(await store.heartbeat(w1, 1_000, at(900))).toBe(true);
      expect(await store.heartbeat({ ...w1, workerId: "w2" }, 1_000, at(950))).toBe(false);
      expect((await store.getJob(job.id))?.leaseExpiresAt).toEqual(at(1_900));
      expect(await store.leaseNextJob("w2", 1_000, at(1_500))).toBeNull();
      expect((await store.leaseNextJob("w2", 1_000, at(1_900)))?.leasedBy).toBe("w2");
      expect(await store.heartbeat(w1, 1_000, at(1_901))).toBe(false);
    });

    it("refuses to complete or fail a job that is not leased", async () => {
      const store = await open();
      const job = await store.enqueueJob({ kind: "plan", key: "k", payload: null }, t0);
      const never = { jobId: job.id, workerId: "w1", token: 0 };
      expect(await store.completeJob(never, null, t0)).toBe(false);
      expect(await store.failJob(never, "boom", { now: t0 })).toBe(false);
      expect(await store.releaseJob(never, t0)).toBe(false);
      expect(await store.holdsLease(never, t0)).toBe(false);
      expect(await store.getJob("no-such-job")).toBeNull();
      expect(await store.getJob("999999")).toBeNull();
    });
  });

  describe("attempts", () => {
    it("retries a failed job at retryAt, then declares it dead when out of attempts", async () => {
      const store = await open();
      const job = await store.enqueueJob({ kind: "plan", key: "k", payload: null, maxAttempts: 2 }, t0);
      const first = leaseOf(await leased(store, "w1", lease, t0));
      expect(await store.failJob(first, "AWS throttled", { now: at(10), retryAt: at(5_000) })).toBe(true);
      expect(await store.getJob(job.id)).toMatchObject({ state: "pending", attempts: 1, lastError: "AWS throttled", leasedBy: null });
      expect(await store.leaseNextJob("w1", lease, at(4_999))).toBeNull();
      const second = await leased(store, "w1", lease, at(5_000));
      expect(second).toMatchObject({ id: job.id, attempts: 2, leaseTakenOver: false });
      expect(await store.failJob(first, "stale lease", { now: at(5_005) })).toBe(false);
      expect(await store.failJob(leaseOf(second), "still throttled", { now: at(5_010), retryAt: at(9_000) })).toBe(true);
      expect(await store.getJob(job.id)).toMatchObject({ state: "dead", attempts: 2, lastError: "still throttled", finishedAt: at(5_010) });
      expect(await store.leaseNextJob("w1", lease, at(9_000))).toBeNull();
    });

    it("declares a job dead at once when the worker gives up", async () => {
      const store = await open();
      const job = await store.enqueueJob({ kind: "mystery", key: "k", payload: null }, t0);
      const held = leaseOf(await leased(store, "w1", lease, t0));
      await store.failJob(held, "no handler for mystery", { now: at(1), giveUp: true });
      expect(await store.getJob(job.id)).toMatchObject({ state: "dead", attempts: 1 });
    });

    it("declares a job dead when its lease expires on the last attempt", async () => {
      const store = await open();
      const poison = await store.enqueueJob({ kind: "plan", key: "poison", payload: null, maxAttempts: 1 }, t0);
      const next = await store.enqueueJob({ kind: "plan", key: "next", payload: null }, at(1));
      await store.leaseNextJob("crashed", 1_000, at(2));
      expect((await store.leaseNextJob("w2", lease, at(3)))?.id).toBe(next.id);
      expect(await store.leaseNextJob("w2", 1_000, at(2_000))).toBeNull();
      const dead = await store.getJob(poison.id);
      expect(dead).toMatchObject({ state: "dead", attempts: 1 });
      expect(dead?.lastError).toMatch(/expired on attempt 1 of 1/);
    });

    it("lists jobs by state, kind, key and queue, oldest first", async () => {
      const store = await open();
      const a = await store.enqueueJob({ kind: "plan", key: "a", payload: null }, t0);
      const b = await store.enqueueJob({ kind: "apply", key: "b", payload: null, queue: "q" }, t0);
      const c = await store.enqueueJob({ kind: "apply", key: "c", payload: null, queue: "q" }, t0);
      await store.leaseNextJob("w1", lease, t0);
      const ids = async (filter: Parameters<Store["listJobs"]>[0]) => (await store.listJobs(filter)).map((job) => job.id);
      expect(await ids({})).toEqual([a.id, b.id, c.id]);
      expect(await ids({ state: "pending" })).toEqual([b.id, c.id]);
      expect(await ids({ state: ["leased", "pending"], kind: "apply" })).toEqual([b.id, c.id]);
      expect(await ids({ state: [] })).toEqual([]);
      expect(await ids({ key: "c" })).toEqual([c.id]);
      expect(await ids({ queue: "q", limit: 1 })).toEqual([b.id]);
    });
  });
}

// Contract: per-queue serialisation in enqueue order, and coalescing.
import { describe, expect, it } from "vitest";
import type { Store } from "./store.js";
import { leaseOf } from "./lease.js";
import { at, leased, t0 } from "./store-fixtures.js";

const lease = 60_000;

export function queueContract(open: () => Promise<Store>): void {
  describe("priorities", () => {
    it("leases the higher priority first among runnable jobs, however long the lower one waited", async () => {
      const store = await open();
      const background = await store.enqueueJob({ kind: "drift", key: "d-1", payload: null, priority: -1, queue: "drift" }, t0);
      const later = await store.enqueueJob({ kind: "drift", key: "d-2", payload: null, priority: -1, runAfter: at(10_000) }, t0);
      const plan = await store.enqueueJob({ kind: "plan", key: "pr-1", payload: null }, at(5));
      const notYet = await store.enqueueJob({ kind: "plan", key: "pr-2", payload: null, runAfter: at(50) }, at(6));
      expect([background.priority, plan.priority]).toEqual([-1, 0]);
      expect((await leased(store, "w1", lease, at(10))).id).toBe(plan.id);
      expect((await leased(store, "w1", lease, at(11))).id).toBe(background.id); // the later plan is not due yet
      expect((await leased(store, "w1", lease, at(50))).id).toBe(notYet.id);
      expect(await store.leaseNextJob("w1", lease, at(51))).toBeNull();
      expect((await leased(store, "w1", lease, at(10_000))).id).toBe(later.id);
      expect((await store.getJob(later.id))?.priority).toBe(-1);
    });

    it("refuses a priority that is not a whole number", async () => {
      const store = await open();
      await expect(store.enqueueJob({ kind: "plan", key: "x", payload: null, priority: 0.5 }, t0)).rejects.toThrow(/priority/);
    });
  });

  describe("queues", () => {
    it("runs one job of a queue at a time, in enqueue order, while other queues proceed", async () => {
      const store = await open();
      const first = await store.enqueueJob({ kind: "apply", key: "pr-1", payload: null, queue: "acct/eu-west-1/prod" }, t0);
      const second = await store.enqueueJob({ kind: "apply", key: "pr-2", payload: null, queue: "acct/eu-west-1/prod" }, at(1));
      const other = await store.enqueueJob({ kind: "apply", key: "pr-3", payload: null, queue: "acct/eu-west-1/dev" }, at(2));
      const free = await store.enqueueJob({ kind: "plan", key: "pr-4", payload: null }, at(3));
      const running = await leased(store, "w1", lease, at(10));
      expect(running.id).toBe(first.id);
      expect((await store.leaseNextJob("w2", lease, at(11)))?.id).toBe(other.id);
      expect((await store.leaseNextJob("w3", lease, at(12)))?.id).toBe(free.id);
      expect(await store.leaseNextJob("w3", lease, at(13))).toBeNull();
      await store.completeJob(leaseOf(running), null, at(20));
      expect((await store.leaseNextJob("w3", lease, at(21)))?.id).toBe(second.id);
    });

    it("keeps later jobs of a queue waiting while an earlier one waits to retry, until it is dead", async () => {
      const store = await open();
      const first = await store.enqueueJob({ kind: "apply", key: "pr-1", payload: null, queue: "q", maxAttempts: 2 }, t0);
      const second = await store.enqueueJob({ kind: "apply", key: "pr-2", payload: null, queue: "q" }, at(1));
      await store.failJob(leaseOf(await leased(store, "w1", lease, at(2))), "boom", { now: at(3), retryAt: at(1_000) });
      expect(await store.leaseNextJob("w1", lease, at(4))).toBeNull();
      const retried = await leased(store, "w1", lease, at(1_000));
      expect(retried.id).toBe(first.id);
      await store.failJob(leaseOf(retried), "boom again", { now: at(1_001) });
      expect((await store.leaseNextJob("w1", lease, at(1_002)))?.id).toBe(second.id);
    });

    it("hands a queue to the next job when the running one's lease expired and it is retried", async () => {
      const store = await open();
      const first = await store.enqueueJob({ kind: "apply", key: "pr-1", payload: null, queue: "q" }, t0);
      await store.enqueueJob({ kind: "apply", key: "pr-2", payload: null, queue: "q" }, at(1));
      await store.leaseNextJob("crashed", 1_000, at(2));
      expect(await store.leaseNextJob("w2", 1_000, at(500))).toBeNull();
      // The interrupted job resumes first: merge order holds across a crash.
      expect((await store.leaseNextJob("w2", 1_000, at(1_002)))?.id).toBe(first.id);
    });
  });

  describe("coalescing", () => {
    it("supersedes a pending job with the newer one of the same coalesce key", async () => {
      const store = await open();
      const old = await store.enqueueJob({ kind: "plan", key: "pr-1", payload: { sha: "a" }, coalesceKey: "plan:pr-1" }, t0);
      const other = await store.enqueueJob({ kind: "plan", key: "pr-2", payload: { sha: "c" }, coalesceKey: "plan:pr-2" }, at(1));
      const newer = await store.enqueueJob({ kind: "plan", key: "pr-1", payload: { sha: "b" }, coalesceKey: "plan:pr-1" }, at(2));
      expect(await store.getJob(old.id)).toMatchObject({ state: "superseded", supersededBy: newer.id, finishedAt: at(2) });
      expect(await store.getJob(other.id)).toMatchObject({ state: "pending" });
      expect((await store.leaseNextJob("w1", lease, at(3)))?.id).toBe(other.id);
      expect(await store.leaseNextJob("w1", lease, at(4))).toMatchObject({ id: newer.id, payload: { sha: "b" } });
      expect(await store.leaseNextJob("w1", lease, at(5))).toBeNull();
    });

    it("lets a running job finish, and holds the newer one until it has", async () => {
      const store = await open();
      const running = await store.enqueueJob({ kind: "plan", key: "pr-1", payload: 1, coalesceKey: "k" }, t0);
      const held = leaseOf(await leased(store, "w1", lease, at(1)));
      const newer = await store.enqueueJob({ kind: "plan", key: "pr-1", payload: 2, coalesceKey: "k" }, at(2));
      expect(await store.getJob(running.id)).toMatchObject({ state: "leased" });
      expect(await store.leaseNextJob("w2", lease, at(3))).toBeNull();
      await store.completeJob(held, null, at(4));
      expect((await store.leaseNextJob("w2", lease, at(5)))?.id).toBe(newer.id);
    });
  });
}

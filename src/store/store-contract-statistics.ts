// Contract: the aggregates metrics read, and the readiness check.
import { describe, expect, it } from "vitest";
import type { Store } from "./store.js";
import { at, t0 } from "./store-fixtures.js";

export function statisticsContract(open: () => Promise<Store>): void {
  describe("statistics", () => {
    it("counts jobs by kind and state, and each queue's waiting and running jobs with the oldest waiting", async () => {
      const store = await open();
      expect(await store.jobStatistics()).toEqual({ counts: [], queues: [] });
      await store.ping();
      await store.enqueueJob({ kind: "apply", key: "a1", payload: null, queue: "cluster:prod" }, t0);
      await store.enqueueJob({ kind: "apply", key: "a2", payload: null, queue: "cluster:prod" }, at(10));
      await store.enqueueJob({ kind: "apply", key: "a3", payload: null, queue: "cluster:dev" }, at(20));
      await store.enqueueJob({ kind: "plan", key: "p1", payload: null }, at(30));
      await store.enqueueJob({ kind: "plan", key: "p2", payload: null, maxAttempts: 1 }, at(40));
      expect((await store.leaseNextJob("w1", 60_000, at(50)))?.key).toBe("a1");
      expect((await store.leaseNextJob("w1", 60_000, at(50)))?.key).toBe("a3");
      const p1 = await store.leaseNextJob("w1", 60_000, at(50));
      const p2 = await store.leaseNextJob("w1", 60_000, at(50));
      await store.completeJob({ jobId: p1!.id, workerId: "w1", token: p1!.leaseToken }, null, at(60));
      await store.failJob({ jobId: p2!.id, workerId: "w1", token: p2!.leaseToken }, "boom", { now: at(60) });
      await store.enqueueJob({ kind: "plan", key: "p3", payload: null }, at(70));
      const stats = await store.jobStatistics();
      expect(stats.counts).toEqual([
        { kind: "apply", state: "leased", count: 2 },
        { kind: "apply", state: "pending", count: 1 },
        { kind: "plan", state: "completed", count: 1 },
        { kind: "plan", state: "dead", count: 1 },
        { kind: "plan", state: "pending", count: 1 },
      ]);
      expect(stats.queues).toEqual([
        { queue: null, waiting: 1, running: 0, oldestWaitingEnqueuedAt: at(70) },
        { queue: "cluster:dev", waiting: 0, running: 1, oldestWaitingEnqueuedAt: null },
        { queue: "cluster:prod", waiting: 1, running: 1, oldestWaitingEnqueuedAt: at(10) },
      ]);
    });
  });
}

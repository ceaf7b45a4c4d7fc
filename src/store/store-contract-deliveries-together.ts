// Contract: deliveries that arrive together (a burst of webhooks). The stores record them in one
// transaction (group commit: SQLite's group-commit.ts, PostgreSQL's call-batcher.ts); each must
// come out exactly as if it had been recorded alone, one after the other in the order called.
import { describe, expect, it } from "vitest";
import type { NewJob } from "./job.js";
import type { Store } from "./store.js";
import { at } from "./store-fixtures.js";

const plan = (head: string): NewJob => ({ kind: "plan", key: "octo/infra#1", payload: { head }, coalesceKey: "plan:octo/infra#1", dedupeKey: `plan:octo/infra#1@${head}` });

export function deliveriesTogetherContract(open: () => Promise<Store>): void {
  describe("deliveries arriving together", () => {
    it("records each once, in the order called: the newest push's plan supersedes the others", async () => {
      const store = await open();
      const heads = Array.from({ length: 30 }, (_, i) => `h${i}`);
      const outcomes = await Promise.all(heads.map((head, i) => store.recordDeliveryAndEnqueue({ id: `d-${i}`, event: "pull_request", receivedAt: at(i) }, [plan(head)])));
      expect(outcomes.map((outcome) => [outcome.isNew, outcome.jobs.map((job) => job.payload)])).toEqual(heads.map((head) => [true, [{ head }]]));
      expect(outcomes.map((outcome) => outcome.jobs[0]?.deliveryId)).toEqual(heads.map((_, i) => `d-${i}`));
      const pending = await store.listJobs({ state: "pending" });
      expect(pending.map((job) => job.payload)).toEqual([{ head: "h29" }]);
      expect(await store.listJobs({ state: "superseded" })).toHaveLength(29);
    });

    it("answers a redelivery in the same burst as a duplicate, and repeats no job", async () => {
      const store = await open();
      const [first, again, other] = await Promise.all([
        store.recordDeliveryAndEnqueue({ id: "d-1", event: "pull_request", receivedAt: at(0) }, [plan("a")]),
        store.recordDeliveryAndEnqueue({ id: "d-1", event: "pull_request", receivedAt: at(0) }, [plan("a")]),
        store.recordDeliveryAndEnqueue({ id: "d-2", event: "pull_request", receivedAt: at(1) }, [plan("a")]),
      ]);
      expect(first?.isNew).toBe(true);
      expect(again).toEqual({ isNew: false, jobs: [] });
      // A new delivery whose job repeats the newest job of its coalesce key enqueues nothing.
      expect(other).toEqual({ isNew: true, jobs: [] });
      expect(await store.listJobs()).toHaveLength(1);
    });

    it("fails only the delivery that cannot be recorded; the others of the burst are recorded", async () => {
      const store = await open();
      const bad: NewJob = { kind: "plan", key: "bad", payload: null, maxAttempts: 0 };
      const settled = await Promise.allSettled([
        store.recordDeliveryAndEnqueue({ id: "d-1", event: "pull_request", receivedAt: at(0) }, [plan("a")]),
        store.recordDeliveryAndEnqueue({ id: "d-2", event: "pull_request", receivedAt: at(1) }, [plan("b"), bad]),
        store.recordDeliveryAndEnqueue({ id: "d-3", event: "pull_request", receivedAt: at(2) }, [plan("c")]),
        store.recordDeliveryAndEnqueue({ id: "d-4", event: "pull_request", receivedAt: at(3) }, [plan("d")]),
      ]);
      expect(settled.map((outcome) => outcome.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
      expect((await store.listJobs()).map((job) => job.deliveryId)).toEqual(["d-1", "d-3", "d-4"]);
      // The failed delivery was not recorded: its redelivery is new.
      expect(await store.recordDelivery("d-2", "pull_request", at(4))).toBe(true);
      expect(await store.recordDelivery("d-3", "pull_request", at(4))).toBe(false);
    });
  });
}

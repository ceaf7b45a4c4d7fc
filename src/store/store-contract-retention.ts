// Contract: retention. Old deliveries, finished jobs and the published plans of closed pull
// requests are pruned in bounded batches; running and waiting jobs, open pull requests' plans,
// plans a held apply waits on, and the apply audit are kept.
import { describe, expect, it } from "vitest";
import type { Store } from "./store.js";
import { leaseOf } from "./lease.js";
import { at, leased, planFixture, t0 } from "./store-fixtures.js";

const day = 24 * 60 * 60 * 1000;
const lease = 60_000;

export function retentionContract(open: () => Promise<Store>): void {
  describe("retention", () => {
    it("prunes old deliveries and finished jobs, never a waiting or running job, nor a delivery a kept job refers to", async () => {
      const store = await open();
      // Day 0: three deliveries; their jobs end up completed, dead, superseded, running and waiting.
      await store.recordDeliveryAndEnqueue({ id: "d-done", event: "push", receivedAt: t0 }, [
        { kind: "merge", key: "done", payload: null, dedupeKey: "merge:done" },
        { kind: "merge", key: "dead", payload: null, maxAttempts: 1 },
      ]);
      await store.completeJob(leaseOf(await leased(store, "w", lease, at(1))), { ok: true }, at(2));
      await store.failJob(leaseOf(await leased(store, "w", lease, at(3))), "boom", { now: at(4) });
      await store.recordDeliveryAndEnqueue({ id: "d-kept", event: "pull_request", receivedAt: at(5) }, [
        { kind: "plan", key: "superseded", payload: null, coalesceKey: "plan:pr1" },
        { kind: "apply", key: "running", payload: null, queue: "cluster:prod" },
      ]);
      const newer = await store.enqueueJob({ kind: "plan", key: "newer", payload: null, coalesceKey: "plan:pr1" }, at(6));
      const running = await leased(store, "w", lease, at(7));
      expect(running.key).toBe("running");
      const waiting = await store.enqueueJob({ kind: "apply", key: "waiting", payload: null, queue: "cluster:prod" }, at(8));
      await store.recordDelivery("d-new", "push", at(80 * day));
      const later = at(100 * day);

      const result = await store.prune({ deliveriesBefore: new Date(later.getTime() - 30 * day), jobsBefore: new Date(later.getTime() - 90 * day), plansBefore: new Date(later.getTime() - 90 * day) });
      expect(result).toEqual({ deliveries: 1, jobs: 3, publishedPlans: 0 });
      expect((await store.listJobs()).map((job) => job.key).sort()).toEqual(["newer", "running", "waiting"]);
      expect(await store.getJob(newer.id)).toMatchObject({ state: "pending" });
      expect(await store.getJob(waiting.id)).toMatchObject({ state: "pending" });
      // d-done is gone (a redelivery is new again); d-kept stays while its running job does; d-new is young.
      expect(await store.recordDelivery("d-done", "push", later)).toBe(true);
      expect(await store.recordDelivery("d-kept", "pull_request", later)).toBe(false);
      expect(await store.recordDelivery("d-new", "push", later)).toBe(false);
      // The running job still finishes under its lease; nothing more to prune until it is old.
      expect(await store.completeJob(leaseOf(running), null, at(9))).toBe(true);
      expect(await store.prune({ deliveriesBefore: at(0), jobsBefore: at(0), plansBefore: at(0) })).toEqual({ deliveries: 0, jobs: 0, publishedPlans: 0 });
    });

    it("prunes a superseded job and the job that superseded it, oldest first, one at a time", async () => {
      const store = await open();
      const old = await store.enqueueJob({ kind: "plan", key: "a", payload: null, coalesceKey: "plan:pr1" }, t0);
      const replacing = await store.enqueueJob({ kind: "plan", key: "b", payload: null, coalesceKey: "plan:pr1" }, at(1));
      await store.completeJob(leaseOf(await leased(store, "w", lease, at(2))), null, at(3));
      expect(await store.getJob(old.id)).toMatchObject({ state: "superseded", supersededBy: replacing.id });
      const before = { deliveriesBefore: t0, jobsBefore: at(4), plansBefore: t0, limit: 1 };
      expect(await store.prune(before)).toEqual({ deliveries: 0, jobs: 1, publishedPlans: 0 });
      expect((await store.listJobs()).map((job) => job.id)).toEqual([replacing.id]);
      expect(await store.prune(before)).toEqual({ deliveries: 0, jobs: 1, publishedPlans: 0 });
      expect(await store.listJobs()).toEqual([]);
    });

    it("deletes in batches of at most `limit` rows of each kind", async () => {
      const store = await open();
      for (let i = 0; i < 5; i++) {
        await store.recordDeliveryAndEnqueue({ id: `d-${i}`, event: "push", receivedAt: at(i) }, [{ kind: "merge", key: `m${i}`, payload: null }]);
        await store.completeJob(leaseOf(await leased(store, "w", lease, at(i))), null, at(i));
      }
      const before = { deliveriesBefore: at(day), jobsBefore: at(day), plansBefore: at(day), limit: 2 };
      const rounds = [];
      for (let i = 0; i < 4; i++) rounds.push(await store.prune(before));
      expect(rounds.map((round) => round.jobs)).toEqual([2, 2, 1, 0]);
      // A delivery goes once its job has gone.
      expect(rounds.reduce((sum, round) => sum + round.deliveries, 0)).toBe(5);
      expect(rounds.every((round) => round.deliveries <= 2)).toBe(true);
      expect(await store.listJobs()).toEqual([]);
    });

    it("prunes the old published plans of closed pull requests only, and keeps the audit", async () => {
      const store = await open();
      const ref = (pullNumber: number) => ({ repository: "octo/infra", pullNumber, declarationPath: "okctl.yaml" });
      const clusterKey = "123456789012/eu-west-1/prod";
      for (const n of [1, 2, 3, 4]) {
        await store.savePublishedPlan({ ...ref(n), headSha: `h${n}`, planHash: `p${n}`, plan: planFixture(`p${n}`), publishedAt: at(n) });
        await store.rememberPullRequestCluster({ ...ref(n), clusterKey, open: true });
      }
      await store.savePublishedPlan({ ...ref(5), headSha: "h5", planHash: "p5", plan: planFixture("p5"), publishedAt: at(50 * day) });
      await store.rememberPullRequestCluster({ ...ref(5), clusterKey, open: true });
      // 1: closed and old. 2: open. 3: closed and old, but its apply is held. 4: closed, old. 5: closed, young.
      for (const n of [1, 3, 4, 5]) await store.closePullRequest("octo/infra", n);
      await store.saveHeldApply({ ...ref(3), clusterKey, mergeSha: "m3", mergedBy: "alice", planHash: "p3", plan: planFixture("p3"), reason: "held", heldAt: at(10) });
      const audit = await store.recordApplyAudit({ ...ref(1), clusterKey, mergedBy: "alice", mergeSha: "m1", planHash: "p1", startedAt: at(1), finishedAt: at(2), result: "succeeded", summary: {} });

      const first = await store.prune({ deliveriesBefore: t0, jobsBefore: t0, plansBefore: at(40 * day), limit: 1 });
      const second = await store.prune({ deliveriesBefore: t0, jobsBefore: t0, plansBefore: at(40 * day), limit: 1 });
      const third = await store.prune({ deliveriesBefore: t0, jobsBefore: t0, plansBefore: at(40 * day), limit: 1 });
      expect([first.publishedPlans, second.publishedPlans, third.publishedPlans]).toEqual([1, 1, 0]);
      const kept = async (n: number) => (await store.latestPublishedPlan("octo/infra", n, "okctl.yaml"))?.planHash ?? null;
      expect(await Promise.all([1, 2, 3, 4, 5].map(kept))).toEqual([null, "p2", "p3", null, "p5"]);
      // The plan hashes of their commits (the approval check's) go with them.
      const commits = async (n: number) => (await store.publishedPlanCommits("octo/infra", n, "okctl.yaml")).map((commit) => commit.headSha);
      expect(await Promise.all([1, 2, 3, 4, 5].map(commits))).toEqual([[], ["h2"], ["h3"], [], ["h5"]]);
      expect(await store.openPullRequestsForCluster(clusterKey)).toEqual([{ ...ref(2), clusterKey, open: true }]);
      expect(await store.listApplyAudit()).toEqual([audit]);
      // A pull request reopened and planned again is tracked as before.
      await store.savePublishedPlan({ ...ref(1), headSha: "h1b", planHash: "p1b", plan: planFixture("p1b"), publishedAt: at(60 * day) });
      await store.rememberPullRequestCluster({ ...ref(1), clusterKey, open: true });
      expect((await store.openPullRequestsForCluster(clusterKey)).map((entry) => entry.pullNumber)).toEqual([1, 2]);
    });
  });
}

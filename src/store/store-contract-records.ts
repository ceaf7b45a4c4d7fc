// Contract: published plans, held applies, open pull requests per cluster, apply audit.
import { describe, expect, it } from "vitest";
import type { ApplyAuditEntry, Store } from "./store.js";
import { at, planFixture, t0 } from "./store-fixtures.js";

const pr = { repository: "octo/infra", pullNumber: 7, declarationPath: "prod/okctl.yaml" };

export function recordContract(open: () => Promise<Store>): void {
  describe("published plans", () => {
    it("returns the latest plan published for a declaration, never an older one saved late", async () => {
      const store = await open();
      expect(await store.latestPublishedPlan(pr.repository, pr.pullNumber, pr.declarationPath)).toBeNull();
      const first = { ...pr, headSha: "sha-1", planHash: "h1", plan: planFixture("h1"), commentId: 42, publishedAt: at(10) };
      expect(await store.savePublishedPlan(first)).toBe(true);
      expect(await store.savePublishedPlan({ ...first, headSha: "sha-2", planHash: "h2", plan: planFixture("h2"), commentId: null, publishedAt: at(20) })).toBe(true);
      expect(await store.savePublishedPlan({ ...first, headSha: "sha-0", planHash: "h0", publishedAt: at(15) })).toBe(false);
      expect(await store.latestPublishedPlan(pr.repository, pr.pullNumber, pr.declarationPath)).toEqual({
        ...pr,
        headSha: "sha-2",
        planHash: "h2",
        plan: planFixture("h2"),
        commentId: 42,
        publishedAt: at(20),
      });
      expect(await store.latestPublishedPlan(pr.repository, pr.pullNumber, "okctl.yaml")).toBeNull();
      expect(await store.latestPublishedPlan(pr.repository, 8, pr.declarationPath)).toBeNull();
    });

    it("keeps the plan hash of every commit planned (its latest plan), newest first, for the approval check", async () => {
      const store = await open();
      const base = { ...pr, commentId: null };
      expect(await store.publishedPlanCommits(pr.repository, pr.pullNumber, pr.declarationPath)).toEqual([]);
      await store.savePublishedPlan({ ...base, headSha: "sha-1", planHash: "h1", plan: planFixture("h1"), publishedAt: at(10) });
      await store.savePublishedPlan({ ...base, headSha: "sha-2", planHash: "h2", plan: planFixture("h2"), publishedAt: at(20) });
      await store.savePublishedPlan({ ...base, headSha: "sha-1", planHash: "h3", plan: planFixture("h3"), publishedAt: at(30) }); // sha-1 planned again: AWS changed
      await store.savePublishedPlan({ ...base, headSha: "sha-2", planHash: "h0", plan: planFixture("h0"), publishedAt: at(5) }); // an older plan saved late
      await store.savePublishedPlan({ ...base, pullNumber: 8, headSha: "sha-9", planHash: "h9", plan: planFixture("h9"), publishedAt: at(40) });
      expect(await store.publishedPlanCommits(pr.repository, pr.pullNumber, pr.declarationPath)).toEqual([
        { headSha: "sha-1", planHash: "h3", publishedAt: at(30) },
        { headSha: "sha-2", planHash: "h2", publishedAt: at(20) },
      ]);
      expect(await store.publishedPlanCommits(pr.repository, pr.pullNumber, "okctl.yaml")).toEqual([]);
    });
  });

  describe("held applies", () => {
    it("gives a held apply to one taker only; a newer hold replaces the older", async () => {
      const store = await open();
      const held = { ...pr, clusterKey: "123456789012/eu-west-1/prod", mergeSha: "m1", mergedBy: "alice", planHash: "h1", plan: planFixture("h1"), reason: "AWS changed since the plan was published", heldAt: t0 };
      await store.saveHeldApply(held);
      await store.saveHeldApply({ ...held, mergeSha: "m2", planHash: "h2", plan: planFixture("h2"), heldAt: at(5) });
      const takes = await Promise.all([
        store.takeHeldApply(pr.repository, pr.pullNumber, pr.declarationPath),
        store.takeHeldApply(pr.repository, pr.pullNumber, pr.declarationPath),
      ]);
      expect(takes.filter((take) => take !== null)).toEqual([{ ...held, mergeSha: "m2", planHash: "h2", plan: planFixture("h2"), heldAt: at(5) }]);
      expect(await store.takeHeldApply(pr.repository, pr.pullNumber, pr.declarationPath)).toBeNull();
    });
  });

  describe("open pull requests per cluster", () => {
    it("lists the open pull requests whose declaration plans a cluster", async () => {
      const store = await open();
      const prod = "123456789012/eu-west-1/prod";
      await store.rememberPullRequestCluster({ ...pr, clusterKey: prod, open: true });
      await store.rememberPullRequestCluster({ ...pr, pullNumber: 8, clusterKey: prod, open: true });
      await store.rememberPullRequestCluster({ ...pr, pullNumber: 9, clusterKey: prod, open: true });
      await store.rememberPullRequestCluster({ ...pr, pullNumber: 10, clusterKey: "123456789012/eu-west-1/dev", open: true });
      await store.rememberPullRequestCluster({ ...pr, pullNumber: 8, clusterKey: prod, open: false });
      await store.rememberPullRequestCluster({ ...pr, pullNumber: 9, clusterKey: "123456789012/eu-west-1/renamed", open: true });
      expect(await store.openPullRequestsForCluster(prod)).toEqual([{ ...pr, clusterKey: prod, open: true }]);
      expect(await store.openPullRequestsForCluster("nothing")).toEqual([]);
    });

    it("closes every declaration of one pull request, and a later plan opens it again", async () => {
      const store = await open();
      const prod = "123456789012/eu-west-1/prod";
      await store.rememberPullRequestCluster({ ...pr, clusterKey: prod, open: true });
      await store.rememberPullRequestCluster({ ...pr, declarationPath: "other/okctl.yaml", clusterKey: prod, open: true });
      await store.rememberPullRequestCluster({ ...pr, pullNumber: 8, clusterKey: prod, open: true });
      await store.rememberPullRequestCluster({ ...pr, repository: "someone/else", clusterKey: prod, open: true });
      await store.closePullRequest(pr.repository, pr.pullNumber);
      const stillOpen = (await store.openPullRequestsForCluster(prod)).map((entry) => `${entry.repository}#${entry.pullNumber}:${entry.declarationPath}`);
      expect(stillOpen).toEqual([`${pr.repository}#8:${pr.declarationPath}`, `someone/else#${pr.pullNumber}:${pr.declarationPath}`].sort());
      await store.rememberPullRequestCluster({ ...pr, clusterKey: prod, open: true });
      expect((await store.openPullRequestsForCluster(prod)).some((entry) => entry.pullNumber === pr.pullNumber && entry.repository === pr.repository)).toBe(true);
    });
  });

  describe("apply audit", () => {
    it("lists applies newest first, filtered by repository, pull request, cluster or result", async () => {
      const store = await open();
      const entry: ApplyAuditEntry = { ...pr, clusterKey: "c-prod", mergedBy: "alice", mergeSha: "m1", planHash: "h1", startedAt: t0, finishedAt: at(900_000), result: "succeeded", summary: { created: ["vpc"] } };
      const first = await store.recordApplyAudit(entry);
      const second = await store.recordApplyAudit({ ...entry, pullNumber: 8, mergeSha: "m2", result: "failed", summary: { failed: "eks", remaining: ["nodegroup"] } });
      const third = await store.recordApplyAudit({ ...entry, clusterKey: "c-dev", result: "refused", summary: null });
      expect(await store.listApplyAudit()).toEqual([third, second, first]);
      expect(first).toEqual({ ...entry, id: first.id });
      expect((await store.listApplyAudit({ clusterKey: "c-prod" })).map((row) => row.id)).toEqual([second.id, first.id]);
      expect((await store.listApplyAudit({ repository: "octo/infra", pullNumber: 7 })).map((row) => row.id)).toEqual([third.id, first.id]);
      expect((await store.listApplyAudit({ result: "failed" })).map((row) => row.summary)).toEqual([{ failed: "eks", remaining: ["nodegroup"] }]);
      expect(await store.listApplyAudit({ limit: 1 })).toEqual([third]);
      expect(await store.listApplyAudit({ repository: "octo/other" })).toEqual([]);
    });
  });
}

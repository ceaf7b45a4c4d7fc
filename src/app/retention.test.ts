// Retention on a timer, with a fake clock: old deliveries and finished jobs go in bounded
// batches; running and waiting jobs and the audit stay; each round that deleted something is
// one log line and counts in okctl_pruned_rows_total.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openSqliteStore } from "../store/sqlite-store.js";
import { leaseOf, type Store } from "../store/store.js";
import { registry } from "../metrics/metrics.js";
import { DEFAULT_RETENTION, pruneRound, retentionCutoffs, retentionFromEnv, startRetention, type Retention } from "./retention.js";

const day = 24 * 60 * 60 * 1000;
const t0 = new Date("2030-01-01T00:00:00.000Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

let store: Store;
let retention: Retention | undefined;
beforeEach(() => {
  store = openSqliteStore({ memory: true });
});
afterEach(async () => {
  await retention?.stop();
  retention = undefined;
  vi.useRealTimers();
  await store.close();
});

async function finishedJobs(count: number, finishedAt: Date): Promise<void> {
  for (let i = 0; i < count; i++) {
    await store.recordDeliveryAndEnqueue({ id: `d-${finishedAt.getTime()}-${i}`, event: "push", receivedAt: finishedAt }, [{ kind: "merge", key: `m${i}`, payload: null }]);
    const job = await store.leaseNextJob("w", 60_000, finishedAt);
    await store.completeJob(leaseOf(job!), null, finishedAt);
  }
}

async function prunedRows(kind: string): Promise<number> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === "okctl_pruned_rows_total");
  return metric?.values.find((v) => v.labels.kind === kind)?.value ?? 0;
}

describe("retention settings", () => {
  it("defaults to 30 days of deliveries and 90 days of finished jobs, hourly", () => {
    expect(retentionFromEnv({})).toEqual(DEFAULT_RETENTION);
    expect(DEFAULT_RETENTION).toMatchObject({ deliveryDays: 30, jobDays: 90, intervalMs: 3_600_000 });
    expect(retentionFromEnv({ OKCTL_DELIVERY_RETENTION_DAYS: "7", OKCTL_JOB_RETENTION_DAYS: "14", OKCTL_RETENTION_INTERVAL_MS: "60000" })).toMatchObject({ deliveryDays: 7, jobDays: 14, intervalMs: 60_000 });
    expect(() => retentionFromEnv({ OKCTL_JOB_RETENTION_DAYS: "0" })).toThrow(/OKCTL_JOB_RETENTION_DAYS/);
    expect(() => retentionFromEnv({ OKCTL_DELIVERY_RETENTION_DAYS: "soon" })).toThrow(/OKCTL_DELIVERY_RETENTION_DAYS/);
  });

  it("cuts off deliveries at their age, finished jobs and closed pull requests' plans at the jobs' age", () => {
    const now = at(100 * day);
    expect(retentionCutoffs(now, DEFAULT_RETENTION)).toEqual({ deliveriesBefore: at(70 * day), jobsBefore: at(10 * day), plansBefore: at(10 * day), limit: 500 });
  });
});

describe("pruning on a timer", () => {
  it("prunes what is old in bounded batches, keeps a running job, and logs one line per round", async () => {
    vi.useFakeTimers({ now: at(100 * day) });
    await finishedJobs(7, at(1 * day));
    await finishedJobs(2, at(95 * day));
    await store.enqueueJob({ kind: "apply", key: "running", payload: null }, at(2 * day));
    const running = await store.leaseNextJob("w", 60_000, at(2 * day));
    expect(running?.key).toBe("running");
    const before = await prunedRows("jobs");
    const lines: { obj: object; msg: string | undefined }[] = [];
    const log = { info: (obj: object, msg?: string) => lines.push({ obj, msg }), warn: () => {}, error: () => {} };
    retention = startRetention({ store, now: () => new Date(), log, settings: { ...DEFAULT_RETENTION, batchSize: 3 } });

    // Nothing happens until the first round is due (a minute after start, not in the start-up's way).
    expect(await store.listJobs()).toHaveLength(10);
    await vi.advanceTimersByTimeAsync(60_000);
    await retention.idle();
    expect((await store.listJobs()).map((job) => job.key).sort()).toEqual(["m0", "m1", "running"]);
    expect(lines).toEqual([{ obj: { pruned: { deliveries: 7, jobs: 7, publishedPlans: 0 }, batches: 3 }, msg: "retention: pruned old deliveries, finished jobs and closed pull requests' plans" }]);
    expect((await prunedRows("jobs")) - before).toBe(7);

    // An hour later the running job has finished long ago (by the clock) and goes; a quiet round logs nothing.
    await store.completeJob(leaseOf(running!), null, at(2 * day));
    await vi.advanceTimersByTimeAsync(DEFAULT_RETENTION.intervalMs);
    await retention.idle();
    expect((await store.listJobs()).map((job) => job.key).sort()).toEqual(["m0", "m1"]);
    expect(lines).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(DEFAULT_RETENTION.intervalMs);
    await retention.idle();
    expect(lines).toHaveLength(2);
  });

  it("stops after a bounded number of batches per round, and logs a failing round as a warning", async () => {
    await finishedJobs(5, at(0));
    const round = await pruneRound(store, at(100 * day), { ...DEFAULT_RETENTION, batchSize: 1, maxBatches: 2 });
    expect(round).toEqual({ pruned: { deliveries: 2, jobs: 2, publishedPlans: 0 }, batches: 2 });

    vi.useFakeTimers({ now: at(100 * day) });
    const warnings: unknown[] = [];
    const log = { info: () => {}, warn: (obj: object, msg?: string) => warnings.push([obj, msg]), error: () => {} };
    const broken = { ...store, prune: () => Promise.reject(new Error("database is locked")) } as Store;
    retention = startRetention({ store: broken, now: () => new Date(), log, settings: DEFAULT_RETENTION });
    await vi.advanceTimersByTimeAsync(60_000);
    await retention.idle();
    expect(warnings).toEqual([[{ err: expect.objectContaining({ message: "database is locked" }) }, "retention: pruning failed; trying again at the next round"]]);
  });
});

describe("retention settings at start", () => {
  it("stop the start when set but not a positive whole number", async () => {
    const { readStartSettings } = await import("./start-settings.js");
    const problems = (env: NodeJS.ProcessEnv): string => {
      try {
        readStartSettings({ NODE_ENV: "production", ...env });
        return "";
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(problems({ OKCTL_DELIVERY_RETENTION_DAYS: "0" })).toContain("OKCTL_DELIVERY_RETENTION_DAYS must be a positive whole number");
    expect(problems({ OKCTL_JOB_RETENTION_DAYS: "" })).toContain("OKCTL_JOB_RETENTION_DAYS must be a positive whole number");
    expect(problems({ OKCTL_RETENTION_INTERVAL_MS: "1h" })).toContain("OKCTL_RETENTION_INTERVAL_MS must be a positive whole number");
    expect(problems({ OKCTL_JOB_RETENTION_DAYS: "365" })).not.toContain("RETENTION");
  });
});

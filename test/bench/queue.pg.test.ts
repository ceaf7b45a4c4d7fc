// `npm run bench queue`, small (bench/queue.ts): jobs through the store's queue with SQLite, and
// with PostgreSQL (the run's server) with one and two replica processes (dist/bench/queue.js, built
// by `npm test`).
import { beforeAll, describe, expect, inject, it } from "vitest";
import { formatQueueBenchmark, runQueueBenchmark } from "../../bench/queue.js";
import { requireBuilt } from "./smoke.js";

beforeAll(() => requireBuilt("dist/bench/queue.js"));

describe("runQueueBenchmark", () => {
  it("smoke: every enqueued job is leased and completed, once, by the replicas together", async () => {
    const jobs = 24;
    const result = await runQueueBenchmark({ jobs, postgresAdminUrl: inject("postgresAdminUrl") });
    expect(result.postgresMissing).toBeUndefined();
    expect(result.runs.map((run) => [run.store, run.replicas])).toEqual([["SQLite", 1], ["PostgreSQL", 1], ["PostgreSQL", 2]]);
    for (const run of result.runs) {
      expect(run.jobs).toBe(jobs);
      expect(run.completedByReplica).toHaveLength(run.replicas);
      expect(run.completedByReplica.reduce((sum, n) => sum + n, 0)).toBe(jobs);
      expect(run.enqueueMs).toBeGreaterThan(0);
      expect(run.drainMs).toBeGreaterThan(0);
    }
    expect(formatQueueBenchmark(result)).toMatch(/^PostgreSQL +2 +24 /m);
  });
});

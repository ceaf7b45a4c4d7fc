import { afterEach, describe, expect, it } from "vitest";
import type { Json } from "../resources/types.js";
import { openSqliteStore } from "./sqlite-store.js";
import type { Job, Store } from "./store.js";
import { at, t0 } from "./store-fixtures.js";
import { PermanentJobError, startWorker, type JobContext, type Worker, type WorkerOptions } from "./worker.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function setup() {
  const store = openSqliteStore({ memory: true });
  cleanups.push(() => store.close());
  let clock = t0.getTime();
  const now = () => new Date(clock);
  const advance = (ms: number) => (clock += ms);
  const start = (options: Partial<WorkerOptions> & Pick<WorkerOptions, "handlers">): Worker => {
    const worker = startWorker({ store, workerId: "w1", leaseMs: 60_000, pollMs: 5, now, retryDelayMs: () => 0, ...options });
    cleanups.push(() => worker.stop({ timeoutMs: 0 }));
    return worker;
  };
  return { store, now, advance, start };
}

const enqueue = (store: Store, kind: string, payload: Json, extra: { queue?: string; maxAttempts?: number } = {}) =>
  store.enqueueJob({ kind, key: `key-${JSON.stringify(payload)}`, payload, ...extra }, t0);

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("worker", () => {
  it("runs jobs with their kind's handler and completes them with the result, a refusal included", async () => {
    const { store, start } = setup();
    const seen: Json[] = [];
    const plan = await enqueue(store, "plan", { pr: 1 });
    const refused = await enqueue(store, "plan", { pr: 2, fork: true });
    const worker = start({
      handlers: {
        plan: async (job: Job): Promise<Json> => {
          seen.push(job.payload);
          return (job.payload as { fork?: boolean }).fork ? { refused: "pull requests from forks are not planned" } : { planned: true };
        },
      },
    });
    await worker.runUntilIdle();
    expect(seen).toEqual([{ pr: 1 }, { pr: 2, fork: true }]);
    expect(await store.getJob(plan.id)).toMatchObject({ state: "completed", result: { planned: true } });
    expect(await store.getJob(refused.id)).toMatchObject({ state: "completed", result: { refused: "pull requests from forks are not planned" } });
  });

  it("retries a job that throws, after the backoff, until it succeeds", async () => {
    const { store, start, advance } = setup();
    const job = await enqueue(store, "apply", { n: 1 });
    let calls = 0;
    const worker = start({
      retryDelayMs: (attempts) => attempts * 1_000,
      handlers: {
        apply: async () => {
          calls++;
          if (calls < 3) throw new Error(`throttled (call ${calls})`);
          return "applied";
        },
      },
    });
    await worker.runUntilIdle();
    expect(await store.getJob(job.id)).toMatchObject({ state: "pending", attempts: 1, lastError: "Error: throttled (call 1)", runAfter: at(1_000) });
    advance(1_000);
    await worker.runUntilIdle();
    expect(await store.getJob(job.id)).toMatchObject({ state: "pending", attempts: 2, runAfter: at(3_000) });
    advance(2_000);
    await worker.runUntilIdle();
    expect(await store.getJob(job.id)).toMatchObject({ state: "completed", attempts: 3, result: "applied" });
    expect(calls).toBe(3);
  });

  it("gives up at once on a PermanentJobError, an unknown kind, or the last attempt", async () => {
    const { store, start } = setup();
    const bad = await enqueue(store, "plan", "malformed");
    const unknown = await enqueue(store, "mystery", null);
    const flaky = await enqueue(store, "apply", null, { maxAttempts: 2 });
    const worker = start({
      handlers: {
        plan: async () => {
          throw new PermanentJobError("payload is not a plan request");
        },
        apply: async () => {
          throw new Error("always");
        },
      },
    });
    await worker.runUntilIdle();
    expect(await store.getJob(bad.id)).toMatchObject({ state: "dead", attempts: 1, lastError: "PermanentJobError: payload is not a plan request" });
    expect(await store.getJob(unknown.id)).toMatchObject({ state: "dead", attempts: 1, lastError: 'PermanentJobError: no handler for job kind "mystery"' });
    expect(await store.getJob(flaky.id)).toMatchObject({ state: "dead", attempts: 2 });
  });

  it("runs a queue's jobs one at a time in order, while other work runs beside them", async () => {
    const { store, start } = setup();
    for (const n of [1, 2, 3]) await enqueue(store, "apply", n, { queue: "acct/eu-west-1/prod" });
    await enqueue(store, "plan", "other");
    const events: string[] = [];
    let active = 0;
    let maxActive = 0;
    const track = async (job: Job) => {
      active++;
      maxActive = Math.max(maxActive, active);
      events.push(`start ${String(job.payload)}`);
      await sleep(job.kind === "plan" ? 30 : 10);
      events.push(`end ${String(job.payload)}`);
      active--;
      return null;
    };
    const worker = start({ concurrency: 4, handlers: { apply: track, plan: track } });
    await worker.runUntilIdle();
    expect(events.filter((event) => !event.endsWith("other"))).toEqual(["start 1", "end 1", "start 2", "end 2", "start 3", "end 3"]);
    expect(maxActive).toBe(2);
    expect(await store.listJobs({ state: "completed" })).toHaveLength(4);
  });

  it("asks once when idle, and once it finds work leases its other free slots at the same time", async () => {
    const { store, start } = setup();
    // A server store's lease is a round trip: 20 ms here.
    let inFlight = 0;
    let mostInFlight = 0;
    let leases = 0;
    const slowStore: Store = {
      ...store,
      leaseNextJob: async (...args) => {
        leases++;
        mostInFlight = Math.max(mostInFlight, ++inFlight);
        await sleep(20);
        inFlight--;
        return store.leaseNextJob(...args);
      },
    };
    const worker = start({ store: slowStore, concurrency: 4, pollMs: 60_000, handlers: { plan: async () => sleep(50).then(() => null) } });
    // Asked while its first pass runs, it looks again at once (not after pollMs); with nothing to do, one question at a time.
    await worker.runUntilIdle();
    expect(leases).toBeLessThanOrEqual(2);
    expect(mostInFlight).toBe(1);
    for (const n of [1, 2, 3, 4, 5, 6]) await enqueue(store, "plan", n);
    await worker.runUntilIdle();
    expect(await store.listJobs({ state: "completed" })).toHaveLength(6);
    expect(mostInFlight).toBe(3); // the first lease found work: the three other slots asked together
  });

  it("keeps a long job's lease alive with heartbeats while it makes progress, so no other worker takes it", async () => {
    const store = openSqliteStore({ memory: true });
    cleanups.push(() => store.close());
    const job = await store.enqueueJob({ kind: "apply", key: "k", payload: null }, new Date());
    let runs = 0;
    const handlers = {
      apply: async (_job: Job, ctx: JobContext) => {
        runs++;
        for (let i = 0; i < 300; i++) {
          await sleep(2);
          ctx.progress();
        }
        return "done";
      },
    };
    const options = { store, handlers, leaseMs: 400, heartbeatMs: 20, pollMs: 5 };
    const first = startWorker({ ...options, workerId: "first" });
    await waitFor(() => runs === 1);
    const second = startWorker({ ...options, workerId: "second" });
    await first.stop();
    await second.stop();
    expect(runs).toBe(1);
    expect(await store.getJob(job.id)).toMatchObject({ state: "completed", attempts: 1, leasedBy: "first" });
  });

  it("aborts the handler's signal when another worker has taken the lease, and discards its result", async () => {
    const { store, start, now, advance } = setup();
    const job = await enqueue(store, "apply", null);
    let aborted = false;
    const worker = start({
      leaseMs: 1_000,
      heartbeatMs: 5,
      handlers: {
        apply: (_job, ctx) =>
          new Promise((resolve) =>
            ctx.signal.addEventListener("abort", () => {
              aborted = true;
              resolve("late result");
            }),
          ),
      },
    });
    await waitFor(async () => (await store.getJob(job.id))?.state === "leased");
    advance(1_000);
    // The first worker's heartbeats race this lease; retry until the lease is taken.
    await waitFor(async () => (await store.leaseNextJob("thief", 60_000, now())) !== null || (await store.getJob(job.id))?.leasedBy === "thief");
    await worker.runUntilIdle();
    expect(aborted).toBe(true);
    expect(await store.getJob(job.id)).toMatchObject({ state: "leased", leasedBy: "thief", result: null });
  });

  it("waits for running jobs on stop", async () => {
    const { store, start } = setup();
    const job = await enqueue(store, "plan", null);
    let started = false;
    const worker = start({
      handlers: {
        plan: async () => {
          started = true;
          await sleep(30);
          return "finished";
        },
      },
    });
    await waitFor(() => started);
    await worker.stop();
    expect(await store.getJob(job.id)).toMatchObject({ state: "completed", result: "finished" });
  });

  it("resumes a job on a new worker after the worker running it died", async () => {
    const { store, start, advance } = setup();
    const job = await enqueue(store, "apply", { mergeSha: "m1" }, { queue: "prod" });
    let release: () => void = () => {};
    const payloads: Json[] = [];
    const crashed = start({
      workerId: "crashed",
      leaseMs: 30_000,
      handlers: {
        apply: async (leased) => {
          payloads.push(leased.payload);
          await new Promise<void>((resolve) => (release = resolve));
          return "from the dead worker";
        },
      },
    });
    await waitFor(() => payloads.length === 1);
    await crashed.stop({ timeoutMs: 0 }); // like a kill: nothing recorded, the lease stays
    expect(await store.getJob(job.id)).toMatchObject({ state: "leased", leasedBy: "crashed" });

    const handlers = { apply: async (leased: Job) => (payloads.push(leased.payload), "resumed") };
    const early = start({ workerId: "new", handlers });
    await early.runUntilIdle();
    expect(payloads).toHaveLength(1);
    await early.stop();

    advance(30_000);
    const resumed = start({ workerId: "new", handlers });
    await resumed.runUntilIdle();
    release();
    await sleep(5);
    expect(payloads).toEqual([{ mergeSha: "m1" }, { mergeSha: "m1" }]);
    expect(await store.getJob(job.id)).toMatchObject({ state: "completed", attempts: 2, leasedBy: "new", result: "resumed" });
  });

  it("hands running jobs back at once on a graceful stop, so another worker resumes them without waiting for the lease", async () => {
    const { store, start, now } = setup();
    const job = await enqueue(store, "apply", { n: 1 }, { queue: "prod", maxAttempts: 1 });
    let aborted = false;
    const stopping = start({
      workerId: "stopping",
      leaseMs: 600_000,
      handlers: {
        apply: (_job, ctx) =>
          new Promise((_resolve, reject) =>
            ctx.signal.addEventListener("abort", () => {
              aborted = true;
              reject(ctx.signal.reason);
            }),
          ),
      },
    });
    await waitFor(async () => (await store.getJob(job.id))?.state === "leased");
    await stopping.stop({ handBack: true, timeoutMs: 1_000 });
    expect(aborted).toBe(true);
    // Not failed (no attempt used up, no error), and runnable now: the lease is not waited out.
    expect(await store.getJob(job.id)).toMatchObject({ state: "pending", leasedBy: null, lastError: null, runAfter: now() });
    const resumed = start({ workerId: "other", handlers: { apply: async (leased) => ({ resumedAttempt: leased.attempts }) } });
    await resumed.runUntilIdle();
    expect(await store.getJob(job.id)).toMatchObject({ state: "completed", leasedBy: "other", result: { resumedAttempt: 2 } });
  });

  it("hands a job back after the grace time even if its handler ignores the signal, and discards what it does later", async () => {
    const { store, start } = setup();
    const job = await enqueue(store, "apply", null);
    let finish: (value: Json) => void = () => {};
    const stubborn = start({ workerId: "stubborn", handlers: { apply: () => new Promise<Json>((resolve) => (finish = resolve)) } });
    await waitFor(async () => (await store.getJob(job.id))?.state === "leased");
    await stubborn.stop({ handBack: true, timeoutMs: 20 });
    expect(await store.getJob(job.id)).toMatchObject({ state: "pending", leasedBy: null });
    const other = await store.leaseNextJob("other", 60_000, t0);
    expect(other).toMatchObject({ id: job.id, leasedBy: "other" });
    finish("late");
    await sleep(5);
    expect(await store.getJob(job.id)).toMatchObject({ state: "leased", leasedBy: "other", result: null });
  });

  it("tells its observer about leases, takeovers and how runs ended", async () => {
    const { store, start, advance } = setup();
    const events: string[] = [];
    const observer = {
      jobLeased: (job: Job, takeover: boolean) => events.push(`leased ${job.key} takeover=${takeover}`),
      jobFinished: (job: Job, outcome: string, seconds: number) => events.push(`${outcome} ${job.key} ${seconds >= 0}`),
    };
    const crashed = await store.enqueueJob({ kind: "apply", key: "crashed", payload: null }, t0);
    expect((await store.leaseNextJob("dead-worker", 1_000, t0))?.id).toBe(crashed.id);
    await enqueue(store, "plan", "ok");
    await enqueue(store, "plan", "bad");
    advance(1_000);
    const worker = start({
      observer,
      handlers: {
        plan: async (job) => {
          if (job.payload === "bad") throw new PermanentJobError("bad");
          return null;
        },
        apply: async () => null,
      },
    });
    await worker.runUntilIdle();
    expect(events.sort()).toEqual(
      ["leased key-\"ok\" takeover=false", "leased key-\"bad\" takeover=false", "leased crashed takeover=true", "completed key-\"ok\" true", "dead key-\"bad\" true", "completed crashed true"].sort(),
    );
    expect(await store.getJob(crashed.id)).toMatchObject({ state: "completed", leaseTakenOver: true });
  });
});

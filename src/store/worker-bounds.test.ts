// The worker bounds every job: the lease is renewed only while the job makes progress (so a job
// stuck on a call that never answers is aborted and taken over), and each kind has a deadline.
// Time is the store's clock (`now`), advanced by hand; the heartbeat itself ticks every few ms.
import { afterEach, describe, expect, it } from "vitest";
import { currentCallScope } from "../bounds/call-scope.js";
import { openSqliteStore } from "./sqlite-store.js";
import type { Store } from "./store.js";
import { t0 } from "./store-fixtures.js";
import { JobAbortedError, startWorker, type JobContext, type Worker, type WorkerOptions } from "./worker.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(2);
  }
}

function setup() {
  const store: Store = openSqliteStore({ memory: true });
  cleanups.push(() => store.close());
  let clock = t0.getTime();
  const now = () => new Date(clock);
  const advance = (ms: number) => (clock += ms);
  const start = (options: Partial<WorkerOptions> & Pick<WorkerOptions, "handlers">): Worker => {
    const worker = startWorker({ store, workerId: "w1", leaseMs: 60_000, heartbeatMs: 2, pollMs: 5, now, retryDelayMs: () => 60_000, abortGraceMs: 50, ...options });
    cleanups.push(() => worker.stop({ timeoutMs: 0 }));
    return worker;
  };
  return { store, now, advance, start };
}

/** A handler that reports progress every few ms until its signal is aborted, then throws the reason. */
function busyUntilAborted(onStart: (ctx: JobContext) => void = () => {}) {
  return async (_job: unknown, ctx: JobContext) => {
    onStart(ctx);
    while (!ctx.signal.aborted) {
      await sleep(2);
      ctx.progress();
    }
    throw ctx.signal.reason;
  };
}

describe("the worker's bounds on a job", () => {
  /** Moves the clock by `ms` in steps of 5 s, giving the heartbeat time to tick after each. */
  async function pass(advance: (ms: number) => void, ms: number): Promise<void> {
    for (let left = ms; left > 0; left -= 5_000) {
      advance(Math.min(5_000, left));
      await sleep(15);
    }
  }

  it("renews the lease while the job makes progress, whatever the time", async () => {
    const { store, start, advance } = setup();
    const job = await store.enqueueJob({ kind: "apply", key: "k", payload: null }, t0);
    let ctx: JobContext | undefined;
    start({ handlers: { apply: busyUntilAborted((c) => (ctx = c)) } });
    await waitFor(() => ctx !== undefined);
    await pass(advance, 150_000);
    expect(ctx?.signal.aborted).toBe(false);
    expect((await store.getJob(job.id))?.attempts).toBe(1);
    expect((await store.getJob(job.id))?.leaseExpiresAt?.getTime()).toBeGreaterThan(t0.getTime() + 150_000);
  });

  it("lets the lease of a stalled job lapse and aborts it; the job is taken over", async () => {
    const { store, start, advance } = setup();
    const job = await store.enqueueJob({ kind: "apply", key: "k", payload: null }, t0);
    const runs: JobContext[] = [];
    start({
      workerId: "stuck",
      stallMs: 60_000,
      // A call that never answers: no progress, and the handler ignores its signal too.
      handlers: { apply: (_job, ctx) => (runs.push(ctx), new Promise(() => {})) },
    });
    await waitFor(() => runs.length === 1);
    await pass(advance, 55_000);
    expect(runs[0]?.signal.aborted).toBe(false);
    await pass(advance, 5_000);
    await waitFor(() => runs[0]?.signal.aborted === true);
    const renewedUntil = (await store.getJob(job.id))?.leaseExpiresAt?.getTime() ?? 0;
    await pass(advance, 30_000);
    expect((await store.getJob(job.id))?.leaseExpiresAt?.getTime() ?? 0).toBeLessThanOrEqual(renewedUntil); // no longer renewed
    expect(String(runs[0]?.signal.reason)).toMatch(/made no progress for 60 s/);
    await pass(advance, 120_000);
    await waitFor(async () => ((await store.getJob(job.id))?.attempts ?? 0) >= 2); // taken over
  });

  it("aborts a job past its kind's deadline even while it makes progress, and fails it", async () => {
    const { store, start, advance } = setup();
    const job = await store.enqueueJob({ kind: "plan", key: "k", payload: null }, t0);
    let ctx: JobContext | undefined;
    start({ deadlinesMs: { plan: 90_000 }, handlers: { plan: busyUntilAborted((c) => (ctx = c)) } });
    await waitFor(() => ctx !== undefined);
    await pass(advance, 85_000);
    expect(ctx?.signal.aborted).toBe(false);
    await pass(advance, 5_000);
    await waitFor(async () => (await store.getJob(job.id))?.state === "pending");
    expect((await store.getJob(job.id))?.lastError).toBe("JobAbortedError: the plan job passed its deadline of 90 s");
    expect(ctx?.signal.reason).toBeInstanceOf(JobAbortedError);
  });

  it("gives every call the handler makes the job's signal and progress (the call scope)", async () => {
    const { store, start } = setup();
    await store.enqueueJob({ kind: "plan", key: "k", payload: null }, t0);
    const seen: { same: boolean }[] = [];
    const worker = start({
      handlers: {
        plan: async (_job, ctx) => {
          await sleep(1);
          seen.push({ same: currentCallScope()?.signal === ctx.signal });
          return null;
        },
      },
    });
    await worker.runUntilIdle();
    expect(seen).toEqual([{ same: true }]);
    expect(currentCallScope()).toBeUndefined();
  });
});

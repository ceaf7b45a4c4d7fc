import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { executeGraph } from "./executor.js";
import { GraphError, type ExecuteOptions, type ExecutorEvent, type GraphNode } from "./types.js";

// Fake timers: every node sleeps on setTimeout and the clock is Date.now, both virtual, so
// durations and the makespan are exact.
beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function node(id: string, after: string[], ms: number, behaviour: { fail?: string; log?: string[] } = {}): GraphNode {
  return {
    id,
    after,
    async run(_signal, progress) {
      behaviour.log?.push(`start ${id}`);
      if (ms > 10) progress.waiting(`${id} is slow`);
      await sleep(ms);
      behaviour.log?.push(`end ${id}`);
      if (behaviour.fail) throw new Error(behaviour.fail);
    },
  };
}

async function run(nodes: GraphNode[], options: ExecuteOptions = {}) {
  const events: ExecutorEvent[] = [];
  const promise = executeGraph(nodes, { now: () => Date.now(), onEvent: (event) => events.push(event), ...options });
  await vi.runAllTimersAsync();
  return { report: await promise, events };
}

describe("executeGraph", () => {
  it("runs dependencies before dependents and independent nodes concurrently", async () => {
    const log: string[] = [];
    const { report } = await run([node("c", ["a", "b"], 5, { log }), node("a", [], 10, { log }), node("b", [], 20, { log })]);
    expect(log).toEqual(["start a", "start b", "end a", "end b", "start c", "end c"]);
    expect(report.ok).toBe(true);
    expect(report.makespanMs).toBe(25);
    expect(report.nodes.map((n) => [n.id, n.status, n.startedAtMs, n.durationMs])).toEqual([
      ["c", "done", 20, 5],
      ["a", "done", 0, 10],
      ["b", "done", 0, 20],
    ]);
  });

  it("starts a node as soon as its own dependencies are done, not a whole level", async () => {
    const { report } = await run([node("slow", [], 100), node("fast", [], 1), node("after-fast", ["fast"], 10), node("end", ["slow", "after-fast"], 1)]);
    expect(report.nodes.find((n) => n.id === "after-fast")!.startedAtMs).toBe(1);
    expect(report.makespanMs).toBe(101);
  });

  it("honours a concurrency limit", async () => {
    const { report } = await run([node("a", [], 10), node("b", [], 10), node("c", [], 10)], { concurrency: 2 });
    expect(report.makespanMs).toBe(20);
    expect(report.nodes.map((n) => n.startedAtMs)).toEqual([0, 0, 10]);
  });

  it("skips the descendants of a failed node and lets independent work finish", async () => {
    const { report, events } = await run([
      node("a", [], 5, { fail: "boom" }),
      node("b", ["a"], 1),
      node("c", ["b"], 1),
      node("d", [], 30),
      node("e", ["d"], 1),
    ]);
    expect(report.ok).toBe(false);
    expect(report.done).toEqual(["d", "e"]);
    expect(report.failed).toEqual(["a"]);
    expect(report.skipped).toEqual(["b", "c"]);
    expect(report.notStarted).toEqual([]);
    expect(report.nodes[0]).toMatchObject({ status: "failed", error: "boom", durationMs: 5 });
    expect(report.nodes[2]).toMatchObject({ status: "skipped", skippedBecause: "a" });
    expect(events.filter((event) => event.type !== "started" && event.type !== "waiting")).toEqual([
      { type: "failed", id: "a", elapsedMs: 5, error: "boom" },
      { type: "skipped", id: "b", elapsedMs: 0, message: "a failed" },
      { type: "skipped", id: "c", elapsedMs: 0, message: "a failed" },
      { type: "done", id: "d", elapsedMs: 30 },
      { type: "done", id: "e", elapsedMs: 1 },
    ]);
  });

  it("skips a node once even when several of its dependencies fail", async () => {
    const { report, events } = await run([node("a", [], 1, { fail: "a" }), node("b", [], 2, { fail: "b" }), node("c", ["a", "b"], 1), node("d", ["c"], 1)]);
    expect(events.filter((event) => event.type === "skipped").map((event) => event.id)).toEqual(["c", "d"]);
    expect(report.nodes[2]).toMatchObject({ status: "skipped", skippedBecause: "a" });
  });

  it("treats a synchronous throw as a failure", async () => {
    const throwing: GraphNode = { id: "x", after: [], run: () => { throw new Error("sync"); } };
    const { report } = await run([throwing]);
    expect(report.nodes[0]).toMatchObject({ status: "failed", error: "sync" });
  });

  it("emits started, waiting and done events with elapsed times", async () => {
    const { events } = await run([node("eks", [], 40)]);
    expect(events).toEqual([
      { type: "started", id: "eks", elapsedMs: 0 },
      { type: "waiting", id: "eks", elapsedMs: 0, message: "eks is slow" },
      { type: "done", id: "eks", elapsedMs: 40 },
    ]);
  });

  it("rejects a cycle before running anything, naming it deterministically", async () => {
    const log: string[] = [];
    const nodes = [node("free", [], 1, { log }), node("b", ["c"], 1, { log }), node("c", ["a"], 1, { log }), node("a", ["b"], 1, { log })];
    await expect(executeGraph(nodes)).rejects.toThrow(new GraphError("dependency cycle: a → b → c → a"));
    await expect(executeGraph([...nodes].reverse())).rejects.toThrow("dependency cycle: a → b → c → a");
    expect(log).toEqual([]);
  });

  it("rejects unknown dependencies and duplicate ids before running anything", async () => {
    await expect(executeGraph([node("a", ["ghost"], 1)])).rejects.toThrow("unknown dependencies: a → ghost");
    await expect(executeGraph([node("a", [], 1), node("a", [], 1)])).rejects.toThrow("duplicate node ids: a");
  });

  it("stops starting new nodes after stopAfter have finished, and says what was not started", async () => {
    const { report } = await run([node("a", [], 1), node("b", ["a"], 1), node("c", ["b"], 1), node("d", [], 5)], { stopAfter: 1 });
    expect(report.stopped).toBe("stop-after");
    expect(report.done).toEqual(["a", "d"]);
    expect(report.notStarted).toEqual(["b", "c"]);
    expect(report.ok).toBe(false);
  });

  it("does not claim to have stopped when stopAfter held nothing back", async () => {
    const { report } = await run([node("a", [], 1)], { stopAfter: 1 });
    expect(report.stopped).toBeUndefined();
    expect(report.ok).toBe(true);
  });

  it("on abort starts nothing new, passes the signal to running nodes and reports the rest", async () => {
    const controller = new AbortController();
    const seen: boolean[] = [];
    const abortable: GraphNode = {
      id: "long",
      after: [],
      run: (signal) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener("abort", () => {
            seen.push(signal.aborted);
            reject(new Error("cancelled"));
          });
        }),
    };
    const promise = executeGraph([abortable, node("quick", [], 1), node("next", ["quick"], 1), node("after-long", ["long"], 1)], {
      signal: controller.signal,
      now: () => Date.now(),
      onEvent: (event) => {
        if (event.type === "done" && event.id === "quick") controller.abort();
      },
    });
    await vi.runAllTimersAsync();
    const report = await promise;
    expect(seen).toEqual([true]);
    expect(report.stopped).toBe("aborted");
    expect(report.done).toEqual(["quick"]);
    expect(report.failed).toEqual(["long"]);
    expect(report.skipped).toEqual(["after-long"]);
    expect(report.notStarted).toEqual(["next"]);
  });

  it("ignores a listener that throws", async () => {
    const { report } = await run([node("a", [], 1)], { onEvent: () => { throw new Error("listener"); } });
    expect(report.ok).toBe(true);
  });

  it("lets many running nodes listen on the signal without a leak warning", async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning.name);
    process.on("warning", onWarning);
    try {
      // All 40 nodes listen at once: each waits until the last one has started.
      let started = 0;
      let allStarted = (): void => undefined;
      const everyoneListening = new Promise<void>((resolve) => (allStarted = resolve));
      const nodes: GraphNode[] = Array.from({ length: 40 }, (_, index) => ({
        id: `n${index}`,
        after: [],
        run: async (signal) => {
          const onAbort = (): void => undefined;
          signal.addEventListener("abort", onAbort);
          if (++started === 40) allStarted();
          await everyoneListening;
          signal.removeEventListener("abort", onAbort);
        },
      }));
      const report = await executeGraph(nodes);
      // Node emits the warning on the next tick.
      await new Promise((resolve) => process.nextTick(resolve));
      expect(report.ok).toBe(true);
      expect(warnings).not.toContain("MaxListenersExceededWarning");
    } finally {
      process.off("warning", onWarning);
    }
  });

  it("reports an empty graph as done", async () => {
    const { report } = await run([]);
    expect(report).toEqual({ ok: true, makespanMs: 0, nodes: [], done: [], failed: [], skipped: [], notStarted: [] });
  });
});

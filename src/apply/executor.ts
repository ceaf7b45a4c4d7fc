// Walks a validated DAG: each node starts as soon as its dependencies are done; a failure skips
// the node's descendants and lets independent work finish; the report says what was done.
import { setMaxListeners } from "node:events";
import { CONCURRENT_CALL_LISTENERS } from "../bounds/call-scope.js";
import type { ExecuteOptions, ExecutionReport, ExecutorEvent, GraphNode, NodeReport } from "./types.js";
import { validateGraph } from "./validate-graph.js";

type State = "pending" | "running" | "done" | "failed" | "skipped";

interface Entry {
  node: GraphNode;
  index: number;
  state: State;
  waitingOn: number;
  dependents: Entry[];
  report: NodeReport;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function executeGraph(nodes: readonly GraphNode[], options: ExecuteOptions = {}): Promise<ExecutionReport> {
  validateGraph(nodes);
  const now = options.now ?? (() => performance.now());
  const concurrency = options.concurrency ?? Number.POSITIVE_INFINITY;
  const origin = now();
  const controller = new AbortController();
  // Every AWS and GitHub call in flight listens on this signal (and removes its listener when it
  // ends): an apply runs many at once, so Node's default warning at 10 listeners is no leak here.
  setMaxListeners(CONCURRENT_CALL_LISTENERS, controller.signal);
  const forwardAbort = (): void => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) forwardAbort();
  else options.signal?.addEventListener("abort", forwardAbort, { once: true });

  const entries = nodes.map<Entry>((node, index) => ({
    node,
    index,
    state: "pending",
    waitingOn: new Set(node.after).size,
    dependents: [],
    report: { id: node.id, status: "not-started" },
  }));
  const byId = new Map(entries.map((entry) => [entry.node.id, entry]));
  for (const entry of entries) for (const dep of new Set(entry.node.after)) byId.get(dep)!.dependents.push(entry);

  const emit = (event: ExecutorEvent): void => {
    try {
      options.onEvent?.(event);
    } catch {
      // A progress listener's failure must not break the run (see ExecuteOptions.onEvent).
    }
  };
  const elapsed = (entry: Entry): number => now() - origin - (entry.report.startedAtMs ?? 0);
  const ready = entries.filter((entry) => entry.waitingOn === 0);
  let running = 0;
  let finished = 0;
  let stopped: ExecutionReport["stopped"];

  return new Promise<ExecutionReport>((resolve) => {
    const skipDescendants = (failed: Entry): void => {
      const queue = [...failed.dependents];
      while (queue.length > 0) {
        const entry = queue.shift()!;
        if (entry.state !== "pending") continue;
        entry.state = "skipped";
        entry.report.status = "skipped";
        entry.report.skippedBecause = failed.node.id;
        emit({ type: "skipped", id: entry.node.id, elapsedMs: 0, message: `${failed.node.id} failed` });
        queue.push(...entry.dependents);
      }
    };
    const settle = (entry: Entry, error: unknown, failed: boolean): void => {
      running -= 1;
      finished += 1;
      const finishedAt = now() - origin;
      entry.report.finishedAtMs = finishedAt;
      entry.report.durationMs = finishedAt - (entry.report.startedAtMs ?? 0);
      if (failed) {
        entry.state = "failed";
        entry.report.status = "failed";
        entry.report.error = errorMessage(error);
        emit({ type: "failed", id: entry.node.id, elapsedMs: entry.report.durationMs, error: entry.report.error });
        skipDescendants(entry);
      } else {
        entry.state = "done";
        entry.report.status = "done";
        emit({ type: "done", id: entry.node.id, elapsedMs: entry.report.durationMs });
        for (const dependent of entry.dependents) {
          dependent.waitingOn -= 1;
          if (dependent.waitingOn === 0 && dependent.state === "pending") {
            const at = ready.findIndex((other) => other.index > dependent.index);
            ready.splice(at === -1 ? ready.length : at, 0, dependent);
          }
        }
      }
      pump();
    };
    const start = (entry: Entry): void => {
      running += 1;
      entry.state = "running";
      entry.report.startedAtMs = now() - origin;
      emit({ type: "started", id: entry.node.id, elapsedMs: 0 });
      const progress = { waiting: (message: string) => emit({ type: "waiting", id: entry.node.id, elapsedMs: elapsed(entry), message }) };
      // Promise.resolve().then: a run() that throws synchronously fails like one that rejects.
      Promise.resolve()
        .then(() => entry.node.run(controller.signal, progress))
        .then(
          () => settle(entry, undefined, false),
          (error: unknown) => settle(entry, error, true),
        );
    };
    const pump = (): void => {
      if (stopped === undefined && controller.signal.aborted) stopped = "aborted";
      if (stopped === undefined && options.stopAfter !== undefined && finished >= options.stopAfter) stopped = "stop-after";
      while (stopped === undefined && running < concurrency && ready.length > 0) start(ready.shift()!);
      if (running === 0) resolve(report());
    };
    const report = (): ExecutionReport => {
      options.signal?.removeEventListener("abort", forwardAbort);
      const reports = entries.map((entry) => entry.report);
      const idsWith = (status: NodeReport["status"]): string[] => reports.filter((r) => r.status === status).map((r) => r.id);
      const notStarted = idsWith("not-started");
      // stopAfter that held nothing back did not stop anything.
      const stoppedEarly = stopped === "stop-after" && notStarted.length === 0 ? undefined : stopped;
      return {
        ok: reports.every((r) => r.status === "done"),
        ...(stoppedEarly ? { stopped: stoppedEarly } : {}),
        makespanMs: now() - origin,
        nodes: reports,
        done: idsWith("done"),
        failed: idsWith("failed"),
        skipped: idsWith("skipped"),
        notStarted,
      };
    };
    pump();
  });
}

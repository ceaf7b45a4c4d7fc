// The executor's vocabulary: nodes of a dependency graph, progress events, and the report.

export interface NodeProgress {
  /** Says the node is waiting on something slow; becomes a "waiting" event. */
  waiting(message: string): void;
}

export interface GraphNode {
  id: string;
  /** Ids of nodes that must be done before this one starts. */
  after: string[];
  run(signal: AbortSignal, progress: NodeProgress): Promise<void>;
}

export type ExecutorEventType = "started" | "waiting" | "done" | "failed" | "skipped";

export interface ExecutorEvent {
  type: ExecutorEventType;
  id: string;
  /** Time since the node started (0 for "started" and "skipped"). */
  elapsedMs: number;
  /** The waiting message, or why a node was skipped. */
  message?: string;
  /** The failure's message. */
  error?: string;
}

export interface ExecuteOptions {
  /** How many nodes may run at once; unbounded by default. */
  concurrency?: number;
  /** Cancels the run: no new node starts, and running nodes receive the signal. */
  signal?: AbortSignal;
  /** Stop starting new nodes once this many have finished (done or failed). */
  stopAfter?: number;
  /** Progress listener. Exceptions it throws are ignored: a listener must not break a run. */
  onEvent?(event: ExecutorEvent): void;
  /** Milliseconds from some fixed origin; injected so tests are deterministic. */
  now?(): number;
}

export type NodeStatus = "done" | "failed" | "skipped" | "not-started";

export interface NodeReport {
  id: string;
  status: NodeStatus;
  /** Relative to the start of the run. */
  startedAtMs?: number;
  finishedAtMs?: number;
  durationMs?: number;
  error?: string;
  /** For a skipped node: the failed node that caused it. */
  skippedBecause?: string;
}

export interface ExecutionReport {
  /** True when every node is done. */
  ok: boolean;
  /** Why the run stopped early, if it did. */
  stopped?: "aborted" | "stop-after";
  makespanMs: number;
  /** One per node, in the order the nodes were given. */
  nodes: NodeReport[];
  done: string[];
  failed: string[];
  skipped: string[];
  notStarted: string[];
}

/** The graph itself is wrong (unknown dependency, duplicate id, cycle): nothing was run. */
export class GraphError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GraphError";
  }
}

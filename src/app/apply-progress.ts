// Live apply progress for the `okctl apply` check run: the step list, updated from the engine's
// events, pushed to GitHub at most once per interval, and only when a step changed since the last
// push (with which ones did, so the live output can show just those: see check-run-output.ts).
import type { ApplyEvent } from "../apply/apply-plan.js";
import { buildApplyGraph, type ApplyOperation } from "../apply/build-graph.js";
import type { Action, Plan } from "../plan/types.js";
import type { ApplyStep } from "../render/markdown.js";

const ACTION_OF: Readonly<Record<ApplyOperation, Exclude<Action, "no-op">>> = {
  create: "create",
  update: "update",
  delete: "delete",
  "destroy-old": "replace",
  "create-new": "replace",
};

export class ApplyProgress {
  private readonly steps = new Map<string, ApplyStep>();
  /** Each step as last pushed (undefined before the first push). */
  private sent: string[] | undefined;
  private lastPush = 0;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    plan: Plan,
    /** `changed`: the indexes (in list()) of the steps that changed since the previous push. */
    private readonly push: (steps: ApplyStep[], changed: readonly number[]) => Promise<void>,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {
    for (const step of buildApplyGraph(plan)) {
      this.steps.set(step.id, { id: step.change.id, action: ACTION_OF[step.operation], status: "not-started" });
    }
  }

  list(): ApplyStep[] {
    return [...this.steps.values()];
  }

  onEvent(event: ApplyEvent): void {
    const step = this.steps.get(event.id);
    if (!step) return;
    if (event.type === "started" || event.type === "waiting") step.status = "running";
    if (event.type === "done") step.status = "done";
    if (event.type === "failed") step.status = "failed";
    if (event.type === "skipped") step.status = "skipped";
    if (event.type === "done" || event.type === "failed") step.durationMs = event.elapsedMs;
    if (event.error !== undefined) step.error = event.error;
    if (event.type === "skipped" && event.message) step.error = event.message;
    if (this.now() - this.lastPush >= this.intervalMs) this.flush();
  }

  /** Resolves once no push is in flight (never rejects): the final update must not be overtaken by a live one. */
  settled(): Promise<void> {
    return this.pending;
  }

  /**
   * Sends the current list if a step changed since the last push (serialised after any push in
   * flight); failures are ignored: progress is best effort.
   */
  flush(): Promise<void> {
    this.lastPush = this.now();
    const snapshot = this.list().map((step) => ({ ...step }));
    const keys = snapshot.map((step) => JSON.stringify([step.status, step.durationMs, step.error]));
    const changed = keys.flatMap((key, index) => (this.sent?.[index] === key ? [] : [index]));
    if (changed.length === 0) return this.pending;
    this.sent = keys;
    // A failed push is sent whole at the next chance: GitHub may have missed any of it.
    this.pending = this.pending.then(() => this.push(snapshot, changed)).catch(() => void (this.sent = undefined));
    return this.pending;
  }
}

import { describe, expect, it } from "vitest";
import type { ApplyEvent } from "../apply/apply-plan.js";
import { actual, desired, planOf } from "../plan/testing.js";
import type { ApplyStep } from "../render/markdown.js";
import { ApplyProgress } from "./apply-progress.js";
import { renderCheckRunOutput, LIVE_APPLY_TEXT_MAX } from "../render/check-run-output.js";
import { bigPlan } from "../render/testing.js";

const plan = planOf(
  [desired("vpc", "vpc", { cidr: "10.0.0.0/16" }), desired("hosted-zone", "hosted-zone", { domain: "dev.example.com" })],
  [actual("vpc", "vpc", { cidr: "10.9.0.0/16" })],
); // replace the VPC, create the zone

function event(type: ApplyEvent["type"], id: string, extra: Partial<ApplyEvent> = {}): ApplyEvent {
  const [operation, resourceId] = id.split(/:(.*)/) as [ApplyEvent["operation"], string];
  return { type, id, elapsedMs: 0, resourceId, kind: resourceId === "vpc" ? "vpc" : "hosted-zone", operation, ...extra };
}

function recorder() {
  const pushes: ApplyStep[][] = [];
  const changes: number[][] = [];
  return { pushes, changes, push: async (steps: ApplyStep[], changed: readonly number[] = []) => void (pushes.push(steps), changes.push([...changed])) };
}

describe("ApplyProgress", () => {
  it("lists every step of the plan, a replace as its two halves, not started", () => {
    const progress = new ApplyProgress(plan, async () => {}, 0);
    expect(progress.list().map((step) => [step.id, step.action, step.status])).toEqual(
      expect.arrayContaining([
        ["vpc", "replace", "not-started"],
        ["vpc", "replace", "not-started"],
        ["hosted-zone", "create", "not-started"],
      ]),
    );
    expect(progress.list()).toHaveLength(3);
  });

  it("follows the engine's events: running, done with its duration, failed with its error, skipped with why", () => {
    const progress = new ApplyProgress(plan, async () => {}, 60_000, () => 0);
    progress.onEvent(event("started", "create:hosted-zone"));
    expect(progress.list().find((step) => step.id === "hosted-zone")?.status).toBe("running");
    progress.onEvent(event("done", "create:hosted-zone", { elapsedMs: 1200 }));
    progress.onEvent(event("failed", "destroy-old:vpc", { elapsedMs: 300, error: "DependencyViolation" }));
    progress.onEvent(event("skipped", "create-new:vpc", { message: "skipped: destroy-old:vpc failed" }));
    progress.onEvent(event("done", "create:not-in-plan"));
    expect(progress.list().map(({ id, status, durationMs, error }) => ({ id, status, durationMs, error }))).toEqual(
      expect.arrayContaining([
        { id: "hosted-zone", status: "done", durationMs: 1200, error: undefined },
        { id: "vpc", status: "failed", durationMs: 300, error: "DependencyViolation" },
        { id: "vpc", status: "skipped", durationMs: undefined, error: "skipped: destroy-old:vpc failed" },
      ]),
    );
  });

  it("pushes at most once per interval, and on flush when a step changed, with snapshots in order", async () => {
    let now = 0;
    const { pushes, push } = recorder();
    const progress = new ApplyProgress(plan, push, 1000, () => now);
    await progress.flush(); // at 0
    now = 500;
    progress.onEvent(event("started", "create:hosted-zone")); // too soon
    now = 1000;
    progress.onEvent(event("done", "create:hosted-zone")); // due
    now = 1200;
    await progress.flush(); // nothing changed since
    progress.onEvent(event("started", "destroy-old:vpc")); // too soon
    await progress.flush();
    expect(pushes.map((steps) => steps.find((step) => step.id === "hosted-zone")?.status)).toEqual(["not-started", "done", "done"]);
    expect(pushes.map((steps) => steps.filter((step) => step.status === "running").length)).toEqual([0, 0, 1]);
    pushes[0]![0]!.status = "failed"; // a snapshot, not the live list
    expect(progress.list()[0]?.status).not.toBe("failed");
  });

  it("is settled only once the push in flight is done (the final update waits for it), even when it fails", async () => {
    const inFlight: { resolve(): void; reject(error: Error): void }[] = [];
    const progress = new ApplyProgress(plan, () => new Promise<void>((resolve, reject) => inFlight.push({ resolve, reject })), 0);
    void progress.flush();
    let settled = false;
    const waiting = progress.settled().then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect([inFlight.length, settled]).toEqual([1, false]);
    inFlight[0]?.reject(new Error("GitHub is slow, then down"));
    await waiting;
    expect(settled).toBe(true);
  });

  it("ignores a failed push: progress is best effort", async () => {
    let calls = 0;
    const progress = new ApplyProgress(plan, async () => {
      calls += 1;
      throw new Error("GitHub is down");
    }, 0);
    await expect(progress.flush()).resolves.toBeUndefined();
    await expect(progress.flush()).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });

  it("sends nothing when no step changed since the last update, and says which steps changed", async () => {
    let now = 0;
    const { pushes, changes, push } = recorder();
    const progress = new ApplyProgress(plan, push, 1000, () => now);
    await progress.flush();
    now = 5000;
    await progress.flush(); // nothing happened
    progress.onEvent(event("waiting", "create:hosted-zone")); // due: running now
    now = 10_000;
    progress.onEvent(event("waiting", "create:hosted-zone")); // due, but still running: nothing to send
    await progress.flush();
    expect(pushes).toHaveLength(2);
    const zone = progress.list().findIndex((step) => step.id === "hosted-zone");
    expect(changes).toEqual([[0, 1, 2], [zone]]);
  });

  it("keeps every live update of a large apply small: running, failed and changed steps only, within a bound", async () => {
    const large = bigPlan(600, 60);
    const sizes: number[] = [];
    const texts: string[] = [];
    let now = 0;
    const progress = new ApplyProgress(
      large,
      async (steps, changed) => {
        const output = renderCheckRunOutput({ kind: "apply", plan: large, declarationPath: "okctl.yaml", commit: { sha: "0123456789abcdef0123456789abcdef01234567", kind: "merge" }, steps, live: { changed } });
        sizes.push(output.title.length + output.summary.length + (output.text ?? "").length);
        texts.push(output.text ?? "");
      },
      1000,
      () => now,
    );
    await progress.flush();
    const ids = progress.list().map((_, index) => index);
    const graph = (progress as unknown as { steps: Map<string, ApplyStep> }).steps;
    const eventIds = [...graph.keys()];
    for (const [n, id] of eventIds.entries()) {
      now += 400;
      const [operation, resourceId] = id.split(/:(.*)/) as [ApplyEvent["operation"], string];
      progress.onEvent({ type: "started", id, elapsedMs: 0, resourceId, kind: "parameter", operation });
      progress.onEvent(n % 50 === 7
        ? { type: "failed", id, elapsedMs: 10, resourceId, kind: "parameter", operation, error: "ThrottlingException: ".concat("x".repeat(5000)) }
        : { type: "done", id, elapsedMs: 10, resourceId, kind: "parameter", operation });
    }
    await progress.flush();
    expect(ids.length).toBeGreaterThan(500);
    expect(sizes.length).toBeLessThan(ids.length); // throttled
    expect(Math.max(...sizes)).toBeLessThan(LIVE_APPLY_TEXT_MAX + 4000);
    expect(texts.at(-1)).toMatch(/failed/);
    expect(texts.at(-1)).toContain("the full list comes when the apply ends");
    // The final update (not live) carries the whole list, within GitHub's limit.
    const final = renderCheckRunOutput({ kind: "apply", plan: large, declarationPath: "okctl.yaml", commit: { sha: "0123456789abcdef0123456789abcdef01234567", kind: "merge" }, steps: progress.list() });
    expect((final.text ?? "").length).toBeGreaterThan(LIVE_APPLY_TEXT_MAX);
    expect((final.text ?? "").length).toBeLessThanOrEqual(65535);
  });
});

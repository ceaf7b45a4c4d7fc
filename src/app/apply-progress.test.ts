import { describe, expect, it } from "vitest";
import type { ApplyEvent } from "../apply/apply-plan.js";
import { actual, desired, planOf } from "../plan/testing.js";
import type { ApplyStep } from "../render/markdown.js";
import { ApplyProgress } from "./apply-progress.js";

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
  return { pushes, push: async (steps: ApplyStep[]) => void pushes.push(steps) };
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

  it("pushes at most once per interval, and always on flush, with snapshots in order", async () => {
    let now = 0;
    const { pushes, push } = recorder();
    const progress = new ApplyProgress(plan, push, 1000, () => now);
    await progress.flush(); // at 0
    now = 500;
    progress.onEvent(event("started", "create:hosted-zone")); // too soon
    now = 1000;
    progress.onEvent(event("done", "create:hosted-zone")); // due
    now = 1200;
    await progress.flush();
    expect(pushes.map((steps) => steps.find((step) => step.id === "hosted-zone")?.status)).toEqual(["not-started", "done", "done"]);
    pushes[0]![0]!.status = "failed"; // a snapshot, not the live list
    expect(progress.list()[0]?.status).not.toBe("failed");
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
});

// While a merge's apply fails and waits to try again (maybe for hours), drift is reported as from
// that merge; while an apply runs or is about to, no drift check runs (it would show it half done).
import { describe, expect, it } from "vitest";
import { openSqliteStore } from "../../store/sqlite-store.js";
import { leaseOf } from "../../store/store.js";
import { pendingApply, retryingCause } from "./cause.js";

const CLUSTER = "123456789012/eu-west-1/booking-dev";
const START = new Date("2030-01-01T00:00:00Z");
const context = { clusterKey: CLUSTER, repository: "acme/booking", htmlUrl: "https://github.com/acme/booking" };

function applyJob(payload: Record<string, unknown>) {
  return { kind: "apply" as const, key: "apply", queue: `cluster:${CLUSTER}`, maxAttempts: 80, payload: { installationId: 1, owner: "acme", repo: "booking", declarationPath: "okctl.yaml", mergeSha: "a".repeat(40), ...payload } };
}

describe("an apply of the cluster, as drift checks see it", () => {
  it("is running while queued or leased, and retrying (with its merge, error and next try) once it failed", async () => {
    const store = openSqliteStore({ memory: true });
    expect(await pendingApply(store, CLUSTER)).toBeUndefined();
    await store.enqueueJob(applyJob({ pullNumber: 12 }), START);
    expect(await pendingApply(store, CLUSTER)).toEqual({ state: "running" }); // about to run

    const leased = await store.leaseNextJob("w1", 60_000, START);
    expect(await pendingApply(store, CLUSTER)).toEqual({ state: "running" });
    const retryAt = new Date(START.getTime() + 300_000);
    await store.failJob(leaseOf(leased!), "aws: Throttling: Rate exceeded", { now: START, retryAt });
    const pending = await pendingApply(store, CLUSTER);
    expect(pending?.state).toBe("retrying");
    const job = pending?.state === "retrying" ? pending.job : undefined;
    expect(retryingCause(job!, context)).toEqual({
      kind: "apply-retrying",
      pullRequest: { number: 12, url: "https://github.com/acme/booking/pull/12" },
      commitSha: "a".repeat(40),
      detail: "aws: Throttling: Rate exceeded",
      retryAt: retryAt.toISOString(),
    });
    // Not a merge's: the drift issue's own `/okctl apply`, or another repository's.
    expect(retryingCause(job!, { ...context, issueNumber: 12 })).toBeUndefined();
    expect(retryingCause({ ...job!, payload: { ...(job!.payload as object), driftIssue: true } }, context)).toBeUndefined();
    expect(retryingCause(job!, { ...context, repository: "acme/other" })).toBeUndefined();

    await store.leaseNextJob("w1", 60_000, retryAt); // the next try runs
    expect(await pendingApply(store, CLUSTER)).toEqual({ state: "running" });
    await store.close();
  });
});

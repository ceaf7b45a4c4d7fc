// `npm run bench aws-calls`, small (bench/aws-calls.ts), on this worker's moto server: the full
// example applied, then the calls of its no-change plan counted, by operation and by the kind
// whose read made them. Without the larger example and the per-zone node groups (`variants:
// false`): each is one more apply of the whole example, ~5 s, and the suite's time is scarce.
import { describe, expect, it } from "vitest";
import { formatAwsCallsFigures, runAwsCallsBenchmark } from "../../bench/aws-calls.js";
import { OUTSIDE_READS } from "../../bench/calls-by-kind.js";
import { useMoto } from "../support/aws.js";

const { endpoint } = useMoto();

const sum = (values: Iterable<number>) => [...values].reduce((total, n) => total + n, 0);

describe("runAwsCallsBenchmark", () => {
  it("smoke: counts the calls of each no-change plan, every one of them attributed to the kind whose read made it", async () => {
    const figures = await runAwsCallsBenchmark({ endpoint, runs: 1, variants: false });
    expect(figures.runs).toBe(1);
    expect(figures.resources).toBeGreaterThan(30);
    expect(figures.calls).toBeGreaterThan(0);
    expect(figures.createPlanCalls).toBeGreaterThan(0);
    expect(sum(figures.byOperation.map(([, n]) => n))).toBe(figures.calls);
    // Each call counted once by kind, and the kinds that read through AWS all made calls.
    expect(sum([...figures.byKind.values()].map((operations) => sum(operations.values())))).toBe(figures.calls);
    for (const kind of ["vpc", "subnet", "nat-gateway", "eks-cluster", "eks-nodegroup", "eks-access-entry", "eks-addon", "eks-pod-identity", "hosted-zone", "certificate", "parameter"]) {
      expect(sum(figures.byKind.get(kind)?.values() ?? []), `${kind}'s read made no call`).toBeGreaterThan(0);
    }
    expect([...figures.byKind.keys()]).not.toContain("undefined");
    expect(figures.larger).toBeUndefined();
    const text = formatAwsCallsFigures(figures);
    expect(text).not.toContain("NO REASON RECORDED");
    expect(text).toContain(OUTSIDE_READS);
  }, 120_000);
});

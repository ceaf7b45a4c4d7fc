// `npm run bench makespan`, small (bench/makespan.ts): the full example's apply graph executed with
// simulated latencies of 1 ms a unit.
import { describe, expect, it } from "vitest";
import { formatMakespanFigures, fullExampleDesired, runMakespanBenchmark } from "../../bench/makespan.js";

describe("runMakespanBenchmark", () => {
  it("smoke: plans every resource of the example, runs every step, and finds the EKS path critical", async () => {
    const figures = await runMakespanBenchmark({ unitMs: 1 });
    expect(figures.actions).toBe(fullExampleDesired().length);
    expect(figures.criticalPath.slice(-3, -1)).toEqual(["create:eks-cluster", "create:eks-nodegroup/generic"]);
    expect(figures.criticalPath.at(-1)).toMatch(/^create:eks-addon\/(coredns|aws-ebs-csi-driver)$/);
    // vpc, subnet, cluster (150), node group (60), add-on (20), at 1 ms a unit.
    expect(figures.criticalPathMs).toBe(1 + 1 + 150 + 60 + 20);
    expect(figures.makespanMs).toBeGreaterThan(0);
    expect(formatMakespanFigures(figures)).toContain("makespan ÷ critical");
  });
});

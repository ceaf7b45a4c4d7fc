import { describe, expect, it } from "vitest";
import { estimateCost } from "../cost/estimate.js";
import { examplePlan } from "../../test/support/example-plan.js";
import type { CostEstimate } from "../cost/types.js";
import { costDetailsMarkdown, costSummaryMarkdown, costSummaryText, costText } from "./cost.js";

const estimate = (before: number, after: number, extra: Partial<CostEstimate> = {}): CostEstimate => ({
  available: true, region: "eu-west-1", currency: "USD", before, after, lines: [], notes: [], missing: [], ...extra,
});

describe("cost rendering", () => {
  it("states before, after and the difference in whole dollars", () => {
    expect(costSummaryText(estimate(412.4, 489.2))).toBe("Cost: $412 → $489 per month (+$77)");
    expect(costSummaryText(estimate(1489.2, 412.4))).toBe("Cost: $1,489 → $412 per month (−$1,077)");
    expect(costSummaryText(estimate(300, 300))).toBe("Cost: $300 per month (no change)");
    expect(costSummaryText(estimate(0, 12, { missing: ["ec2-instance/x9.mega"] }))).toBe("Cost: $0 → $12 per month (+$12) (without ec2-instance/x9.mega: no price found)");
  });

  it("says when prices could not be read", () => {
    expect(costSummaryText({ available: false, reason: "the AWS Price List could not be read (ThrottlingException: Rate exceeded)" }))
      .toBe("Cost: unavailable (the AWS Price List could not be read (ThrottlingException: Rate exceeded))");
    expect(costDetailsMarkdown({ available: false, reason: "x" })).toBe("");
  });

  it("folds a per-resource table with the totals and what is left out", () => {
    const cost = estimateCost(examplePlan(), new Map([["eks-control-plane", 0.1], ["nat-gateway-hour", 0.048], ["nat-gateway-gb", 0.048]]));
    const markdown = costDetailsMarkdown(cost);
    expect(markdown).toMatch(/^<details><summary>Estimated monthly cost: \$178<\/summary>/);
    expect(markdown).toContain("| `eks-cluster` | EKS control plane | – | $73.00 |");
    expect(markdown).toContain("| `eks-nodegroup/generic` | 2 × m5.large, on demand, 2 × 80 GB gp3 root volume | – | no price |");
    expect(markdown).toContain("NAT gateways: plus $0.048 per GB processed");
    expect(costSummaryMarkdown(cost).replace(/\\(.)/g, "$1")).toMatch(/^\*\*Cost:\*\* \$0 → \$178 per month \(\+\$178\) \(without ebs-volume\/gp3/);
    expect(costText(cost)).toContain("  eks-cluster: – → $73.00  EKS control plane");
    expect(costText(cost)).toContain("  elastic-ip/a: – → no price  public IPv4 address");
  });
});

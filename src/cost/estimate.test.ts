import { describe, expect, it } from "vitest";
import { examplePlan } from "../../test/support/example-plan.js";
import { fullDeclaration } from "../../test/support/declarations.js";
import { estimateCost, priceKeysOf } from "./estimate.js";
import { planUsage } from "./usage.js";
import { priceKeyId } from "./types.js";

const PRICES = new Map<string, number>([
  ["eks-control-plane", 0.1],
  ["ec2-instance/m5.large", 0.107],
  ["ec2-instance/m5.xlarge", 0.214],
  ["ebs-volume/gp3", 0.088],
  ["nat-gateway-hour", 0.048],
  ["nat-gateway-gb", 0.048],
  ["public-ipv4-hour", 0.005],
  ["hosted-zone-month", 0.5],
]);

describe("estimateCost", () => {
  it("prices the full example's first plan: nothing before, every billed resource after", () => {
    const plan = examplePlan();
    expect(priceKeysOf(plan).map(priceKeyId).sort()).toEqual([
      "ebs-volume/gp3", "ec2-instance/m5.large", "eks-control-plane", "hosted-zone-month", "nat-gateway-gb", "nat-gateway-hour", "public-ipv4-hour",
    ]);
    const cost = estimateCost(plan, PRICES);
    expect(cost.before).toBe(0);
    // EKS 0.10 × 730 = 73; 2 × m5.large 0.107 × 730 = 156.22; 2 × 80 GB gp3 (the launch template's
    // root volume) × 0.088 = 14.08; 3 NAT × 0.048 × 730 = 105.12; 3 IPv4 × 0.005 × 730 = 10.95; 1 zone 0.50.
    expect(cost.after).toBe(359.87);
    const line = (id: string) => cost.lines.find((l) => l.resourceId === id);
    expect(line("eks-nodegroup/generic")).toMatchObject({ after: 170.3, description: "2 × m5.large, on demand, 2 × 80 GB gp3 root volume" });
    expect(line("nat-gateway/a")).toMatchObject({ after: 35.04 });
    expect(line("vpc")).toBeUndefined(); // free resources have no line
    expect(cost.notes).toContain("NAT gateways: plus $0.048 per GB processed");
    expect(cost.notes).toContain("ACM public certificates are free");
    expect(cost.missing).toEqual([]);
  });

  it("compares before and after: scaling the node group changes only its line", () => {
    const before = examplePlan();
    const declaration = fullDeclaration();
    const bigger = fullDeclaration({ eks: { ...declaration.eks, nodeGroups: [{ ...declaration.eks.nodeGroups[0]!, instanceTypes: ["m5.xlarge"], desiredSize: 3 }] } });
    // What exists is the first plan's after state: turn its creates into actual resources.
    const actual = before.changes.map((change) => ({
      id: change.id, kind: change.kind, physicalId: `${change.id}-physical`,
      properties: Object.fromEntries(change.attributes.map((a) => [a.attribute, a.after as never])),
      outputs: { id: `${change.id}-physical`, name: change.name, arn: `arn:${change.id}` }, tags: change.desired?.tags ?? {}, repository: "oslokommune/booking",
    }));
    const plan = examplePlan(bigger, actual);
    const cost = estimateCost(plan, PRICES);
    expect(cost.before).toBe(359.87);
    const line = cost.lines.find((l) => l.resourceId === "eks-nodegroup/generic");
    expect(line).toMatchObject({ before: 170.3, after: 489.78 }); // 3 × 0.214 × 730 + 3 × 80 × 0.088
    expect(cost.after).toBe(679.35);
  });

  it("leaves out what has no price and says so, never guessing", () => {
    const cost = estimateCost(examplePlan(), new Map([...PRICES].filter(([key]) => key !== "ec2-instance/m5.large")));
    expect(cost.missing).toEqual(["ec2-instance/m5.large"]);
    expect(cost.lines.find((l) => l.resourceId === "eks-nodegroup/generic")).toMatchObject({ missing: true, after: 14.08 });
  });

  it("counts a deletion as before only", () => {
    const plan = examplePlan();
    const deletion = { ...plan, changes: plan.changes.filter((c) => c.kind === "nat-gateway").map((c) => ({ ...c, action: "delete" as const, desired: undefined, attributes: c.attributes.map((a) => ({ attribute: a.attribute, before: a.after ?? null })) })) };
    const usage = planUsage(deletion);
    expect(usage.after).toEqual([]);
    expect(usage.before).toHaveLength(3);
    expect(estimateCost(deletion, PRICES)).toMatchObject({ before: 105.12, after: 0 });
  });
});

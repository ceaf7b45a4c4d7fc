import { describe, expect, it } from "vitest";
import { actual, desired, planOf, ref } from "../plan/testing.js";
import { outageChanges } from "../plan/outage.js";
import { renderApplyEvent, renderPlanText } from "./terminal.js";
import { formatDuration } from "./terminal-values.js";

const PLAN = planOf(
  [
    desired("vpc", "vpc", { cidr: "10.1.0.0/16" }),
    desired("subnet/a", "subnet", { cidr: "10.1.0.0/24", vpcId: ref("vpc") }),
    desired("eks-nodegroup/generic", "eks-nodegroup", { desiredSize: 3 }),
    desired("parameter/secret", "parameter", { type: "SecureString", value: { generate: 32 } }),
  ],
  [
    actual("vpc", "vpc", { cidr: "10.0.0.0/16" }, { physicalId: "vpc-1" }),
    actual("eks-nodegroup/generic", "eks-nodegroup", { desiredSize: 2 }, { physicalId: "ng-1" }),
    actual("parameter/old", "parameter", { type: "String", value: "x" }, { physicalId: "/okctl/shop-dev/old", tags: { Name: "old" } }),
    actual("hosted-zone", "hosted-zone", {}, { physicalId: "Z1", repository: "other/repo" }),
  ],
  { notes: [{ id: "zone-delegation", message: "add the NS records of shop.example.com to example.com by hand" }] },
);

describe("renderPlanText", () => {
  it("puts outage-class changes first, saying what stops and for how long", () => {
    const text = renderPlanText(PLAN);
    expect(text.startsWith("OUTAGE: applying this plan stops what runs on this platform:\n  !! the VPC vpc-1 is replaced: everything in it loses its network")).toBe(true);
    expect(renderPlanText(planOf([desired("vpc", "vpc", { cidr: "10.1.0.0/16" })], []))).not.toContain("OUTAGE");
  });

  it("shows every action like Terraform, with markers for unknown and sensitive values", () => {
    expect(renderPlanText(PLAN)).toBe(
      [
        "OUTAGE: applying this plan stops what runs on this platform:",
        `  !! the VPC vpc-1 is replaced: ${outageChanges(PLAN)[0]!.impact}`,
        "",
        "okctl will perform the following actions on shop-dev (account 123456789012, eu-west-1):",
        "",
        "  # vpc must be replaced: cidr cannot be changed in place.",
        '-/+ vpc vpc "shop-vpc" (vpc-1)',
        '      ~ cidr: "10.0.0.0/16" -> "10.1.0.0/16" # forces replacement',
        "",
        "  # subnet/a will be created",
        '  + subnet subnet/a "shop-subnet-a"',
        '      + cidr: "10.1.0.0/24"',
        "      + vpcId: (known after apply)",
        "",
        "  # eks-nodegroup/generic will be updated in place",
        '  ~ eks-nodegroup eks-nodegroup/generic "shop-eks-nodegroup-generic" (ng-1)',
        "      ~ desiredSize: 2 -> 3",
        "",
        "  # parameter/old will be destroyed: no longer in okctl.yaml",
        '  - parameter parameter/old "old" (/okctl/shop-dev/old)',
        '      - type: "String"',
        "      - value: (sensitive)",
        "",
        "  # parameter/secret will be created",
        '  + parameter parameter/secret "shop-parameter-secret"',
        '      + type: "SecureString"',
        "      + value: (sensitive)",
        "",
        "Owned by another repository, left alone:",
        "  ! hosted-zone Z1 (hosted-zone) belongs to other/repo; okctl leaves it alone.",
        "",
        "Notes:",
        "  * zone-delegation: add the NS records of shop.example.com to example.com by hand",
        "",
        "Plan: 2 to create, 1 to update, 1 to replace, 1 to destroy.",
        "",
      ].join("\n"),
    );
  });

  it("says when nothing is to be done", () => {
    const plan = planOf([desired("vpc", "vpc", { cidr: "a" })], [actual("vpc", "vpc", { cidr: "a" })]);
    expect(renderPlanText(plan)).toBe("No changes. AWS matches okctl.yaml.\n");
  });

  it("shows errors, and does not claim AWS matches when there are errors", () => {
    const plan = planOf([desired("eks-cluster", "eks-cluster", { version: "1.31" })], [actual("eks-cluster", "eks-cluster", { version: "1.29" })]);
    const text = renderPlanText(plan);
    expect(text).toContain("Errors (this plan cannot be applied):\n  ✗ eks-cluster: the cluster runs Kubernetes 1.29");
    expect(text.trimEnd().split("\n").at(-1)).toBe("Plan: 0 to create, 1 to update, 0 to replace, 0 to destroy.");
  });

  it("formats nested values with unknown parts, and objects", () => {
    const plan = planOf([desired("subnet/a", "subnet"), desired("eks-cluster", "eks-cluster", { network: [ref("subnet/a"), "subnet-x"], labels: { a: "b" } })]);
    const text = renderPlanText(plan);
    expect(text).toContain('      + network: [(known after apply), "subnet-x"]');
    expect(text).toContain('      + labels: {"a": "b"}');
  });

  it("colours only when asked", () => {
    const plan = planOf([desired("vpc", "vpc")]);
    expect(renderPlanText(plan)).not.toContain("\u001b[");
    expect(renderPlanText(plan, { color: true })).toContain("\u001b[32m+\u001b[0m");
  });
});

describe("renderApplyEvent", () => {
  const base = { resourceId: "eks-cluster", kind: "eks-cluster" as const, operation: "create" as const, id: "create:eks-cluster" };

  it("renders each kind of apply event as one line", () => {
    expect(renderApplyEvent({ ...base, type: "started", elapsedMs: 0 })).toBe("eks-cluster: Creating…");
    expect(renderApplyEvent({ ...base, type: "waiting", elapsedMs: 125_000, message: "cluster status CREATING" })).toBe(
      "eks-cluster: Still waiting: cluster status CREATING [2m05s elapsed]",
    );
    expect(renderApplyEvent({ ...base, type: "done", elapsedMs: 600_000 })).toBe("eks-cluster: Creation complete after 10m00s");
    expect(renderApplyEvent({ ...base, type: "failed", elapsedMs: 3_000, error: "AccessDenied" })).toBe("eks-cluster: Creation failed after 3s: AccessDenied");
    expect(renderApplyEvent({ ...base, operation: "delete", type: "skipped", elapsedMs: 0, message: "delete:eks-nodegroup/g failed" })).toBe(
      "eks-cluster: Skipped, because delete:eks-nodegroup/g failed",
    );
    expect(renderApplyEvent({ ...base, operation: "destroy-old", type: "done", elapsedMs: 1_000 })).toBe("eks-cluster: Old one destroyed after 1s");
  });

  it("renders plain executor events by node id", () => {
    expect(renderApplyEvent({ id: "node-1", type: "done", elapsedMs: 42_000 })).toBe("node-1: Done after 42s");
  });

  it("formats durations", () => {
    expect([0, 999, 59_999, 60_000, 3_661_000].map(formatDuration)).toEqual(["0s", "0s", "59s", "1m00s", "61m01s"]);
  });
});

describe("hostile values on the terminal", () => {
  const hostile = "x\u001b]0;pwned\u0007\u001b[2J\u001b[31m\u009b8m\u202eevil\u2066";
  const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
  const withoutOwnStyle = (text: string): string => text.replaceAll(/\u001b\[(0|1|31|32|33)m/g, "");

  it("shows control and bidi characters of names, ids, values, notes, conflicts and errors as escapes", () => {
    const plan = structuredClone(PLAN);
    for (const change of plan.changes) {
      change.name = `${change.name}${hostile}`;
      if (change.physicalId) change.physicalId = `${change.physicalId}${hostile}`;
      if (change.reason) change.reason = `${change.reason}${hostile}`;
      for (const attribute of change.attributes) attribute.after = `${JSON.stringify(attribute.after)}${hostile}`;
    }
    plan.notes = plan.notes.map((note) => ({ ...note, message: `${note.message}${hostile}` }));
    plan.conflicts = plan.conflicts.map((conflict) => ({ ...conflict, message: `${conflict.message}${hostile}` }));
    plan.errors = [`AWS said: ${hostile}`];
    for (const color of [false, true]) {
      const text = renderPlanText(plan, { color });
      expect(withoutOwnStyle(text)).not.toMatch(RAW);
      expect(text).toContain("\\u202eevil");
      // A colour code inside a value is shown, not obeyed.
      expect(text).toContain("\\u001b[31m");
    }
  });

  it("shows them as escapes in live apply progress (AWS error texts)", () => {
    const line = renderApplyEvent({ type: "failed", operation: "create", resourceId: "vpc", elapsedMs: 1000, error: `InvalidParameter: ${hostile}` } as Parameters<typeof renderApplyEvent>[0]);
    expect(line).not.toMatch(RAW);
    expect(line).toContain("\\u001b]0;pwned");
  });
});

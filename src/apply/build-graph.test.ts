import { describe, expect, it } from "vitest";
import { actual, desired, planOf, ref } from "../plan/testing.js";
import { buildApplyGraph } from "./build-graph.js";

function edges(steps: ReturnType<typeof buildApplyGraph>): Record<string, string[]> {
  return Object.fromEntries(steps.map((step) => [step.id, [...step.after].sort()]));
}

describe("buildApplyGraph", () => {
  it("creates in dependency order and leaves no-ops out", () => {
    const plan = planOf(
      [desired("vpc", "vpc"), desired("subnet/a", "subnet", { vpcId: ref("vpc") }), desired("parameter/p", "parameter", { type: "String" })],
      [actual("parameter/p", "parameter", { type: "String" })],
    );
    expect(edges(buildApplyGraph(plan))).toEqual({ "create:vpc": [], "create:subnet/a": ["create:vpc"] });
  });

  it("orders updates after the updates and creates of their dependencies, looking through no-ops", () => {
    const plan = planOf(
      [
        desired("eks-cluster", "eks-cluster", { version: "1.31" }),
        desired("middle", "eks-nodegroup", { clusterName: ref("eks-cluster", "name") }),
        desired("eks-nodegroup/g", "eks-nodegroup", { size: 3 }, { dependsOn: ["middle"] }),
      ],
      [
        actual("eks-cluster", "eks-cluster", { version: "1.30" }, { outputs: { name: "shop" } }),
        actual("middle", "eks-nodegroup", { clusterName: "shop" }),
        actual("eks-nodegroup/g", "eks-nodegroup", { size: 2 }),
      ],
    );
    expect(edges(buildApplyGraph(plan))).toEqual({ "update:eks-cluster": [], "update:eks-nodegroup/g": ["update:eks-cluster"] });
  });

  it("deletes resources no longer declared in reverse dependency order, by kind", () => {
    const plan = planOf(
      [],
      [actual("vpc", "vpc"), actual("subnet/a", "subnet"), actual("subnet/b", "subnet"), actual("nat-gateway/a", "nat-gateway"), actual("parameter/p", "parameter")],
    );
    expect(edges(buildApplyGraph(plan))).toEqual({
      "delete:vpc": ["delete:nat-gateway/a", "delete:subnet/a", "delete:subnet/b"],
      "delete:subnet/a": ["delete:nat-gateway/a"],
      "delete:subnet/b": ["delete:nat-gateway/a"],
      "delete:nat-gateway/a": [],
      "delete:parameter/p": [],
    });
  });

  it("splits a replace into destroy-old (delete ordering) and create-new (create ordering)", () => {
    const plan = planOf(
      [
        desired("vpc", "vpc", { cidr: "10.1.0.0/16" }),
        desired("subnet/a", "subnet", { vpcId: ref("vpc") }),
        desired("internet-gateway", "internet-gateway", { vpcId: ref("vpc") }),
      ],
      [
        actual("vpc", "vpc", { cidr: "10.0.0.0/16" }),
        actual("subnet/a", "subnet", { vpcId: "vpc-1" }),
        actual("internet-gateway", "internet-gateway", { vpcId: "vpc-1" }),
        actual("subnet/old", "subnet"),
      ],
    );
    expect(plan.changes.map((change) => [change.id, change.action])).toEqual([
      ["vpc", "replace"],
      ["internet-gateway", "update"],
      ["subnet/a", "replace"],
      ["subnet/old", "delete"],
    ]);
    expect(edges(buildApplyGraph(plan))).toEqual({
      "destroy-old:vpc": ["delete:subnet/old", "destroy-old:subnet/a"],
      "destroy-old:subnet/a": [],
      "delete:subnet/old": [],
      "create-new:vpc": ["destroy-old:vpc"],
      "update:internet-gateway": ["create-new:vpc"],
      "create-new:subnet/a": ["create-new:vpc", "destroy-old:subnet/a"],
    });
  });

  it("lists delete-phase steps first, in reverse plan order, then the create phase in plan order", () => {
    const plan = planOf([desired("vpc", "vpc", { cidr: "b" })], [actual("vpc", "vpc", { cidr: "a" }), actual("parameter/x", "parameter")]);
    expect(buildApplyGraph(plan).map((step) => step.id)).toEqual(["delete:parameter/x", "destroy-old:vpc", "create-new:vpc"]);
  });
});

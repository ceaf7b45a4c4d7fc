import { describe, expect, it } from "vitest";
import { actual, desired, planOf, ref } from "./testing.js";
import type { Plan, ResourceChange } from "./types.js";

function byId(plan: Plan, id: string): ResourceChange {
  const found = plan.changes.find((change) => change.id === id);
  if (!found) throw new Error(`no change for ${id}`);
  return found;
}

const vpc = desired("vpc", "vpc", { cidr: "10.0.0.0/16" });
const subnet = desired("subnet/a", "subnet", { cidr: "10.0.0.0/24", vpcId: ref("vpc") });

describe("computePlan: references", () => {
  it("resolves a reference to an existing resource from its outputs", () => {
    const plan = planOf([vpc, subnet], [actual("vpc", "vpc", { cidr: "10.0.0.0/16" }, { outputs: { id: "vpc-1" } })]);
    expect(byId(plan, "subnet/a").attributes).toContainEqual({ attribute: "vpcId", after: "vpc-1" });
  });

  it("shows a reference to a resource being created as known after apply", () => {
    const plan = planOf([vpc, subnet]);
    expect(byId(plan, "subnet/a").attributes).toContainEqual({ attribute: "vpcId", after: { unknown: true } });
  });

  it("resolves references nested in arrays and objects", () => {
    const cluster = desired("eks-cluster", "eks-cluster", { network: { subnets: [ref("subnet/a"), ref("subnet/b")] } });
    const plan = planOf(
      [desired("subnet/a", "subnet"), desired("subnet/b", "subnet"), cluster],
      [actual("subnet/a", "subnet", {}, { outputs: { id: "subnet-a" } })],
    );
    expect(byId(plan, "eks-cluster").attributes).toContainEqual({ attribute: "network", after: { subnets: ["subnet-a", { unknown: true }] } });
  });

  it("treats an output the existing resource does not have as unknown", () => {
    const plan = planOf([vpc, desired("subnet/a", "subnet", { vpcArn: ref("vpc", "arn") })], [actual("vpc", "vpc", { cidr: "10.0.0.0/16" })]);
    expect(byId(plan, "subnet/a").attributes).toContainEqual({ attribute: "vpcArn", after: { unknown: true } });
  });

  it("adds every referenced id to dependsOn", () => {
    const plan = planOf([vpc, subnet]);
    expect(byId(plan, "subnet/a").dependsOn).toEqual(["vpc"]);
  });

  it("updates an existing resource whose referenced value differs", () => {
    const plan = planOf(
      [vpc, desired("route-table/public", "route-table", { gatewayId: ref("internet-gateway") }), desired("internet-gateway", "internet-gateway")],
      [
        actual("vpc", "vpc", { cidr: "10.0.0.0/16" }),
        actual("internet-gateway", "internet-gateway", {}, { outputs: { id: "igw-2" } }),
        actual("route-table/public", "route-table", { gatewayId: "igw-1" }),
      ],
    );
    expect(byId(plan, "route-table/public")).toMatchObject({ action: "update", attributes: [{ attribute: "gatewayId", before: "igw-1", after: "igw-2" }] });
  });

  it("cascades a replace through replaceOn references, and updates the other dependents", () => {
    const plan = planOf(
      [
        desired("vpc", "vpc", { cidr: "10.1.0.0/16" }),
        desired("subnet/a", "subnet", { cidr: "10.1.0.0/24", vpcId: ref("vpc") }),
        desired("nat-gateway/a", "nat-gateway", { subnetId: ref("subnet/a") }),
        desired("internet-gateway", "internet-gateway", { vpcId: ref("vpc") }),
        desired("parameter/x", "parameter", { type: "String" }),
      ],
      [
        actual("vpc", "vpc", { cidr: "10.0.0.0/16" }, { outputs: { id: "vpc-1" } }),
        actual("subnet/a", "subnet", { cidr: "10.1.0.0/24", vpcId: "vpc-1" }, { outputs: { id: "subnet-1" } }),
        actual("nat-gateway/a", "nat-gateway", { subnetId: "subnet-1" }),
        actual("internet-gateway", "internet-gateway", { vpcId: "vpc-1" }),
        actual("parameter/x", "parameter", { type: "String" }),
      ],
    );
    expect(plan.changes.map((change) => [change.id, change.action])).toEqual([
      ["vpc", "replace"],
      ["internet-gateway", "update"],
      ["subnet/a", "replace"],
      ["nat-gateway/a", "replace"],
      ["parameter/x", "no-op"],
    ]);
    expect(byId(plan, "subnet/a").attributes).toEqual([{ attribute: "vpcId", before: "vpc-1", after: { unknown: true }, forcesReplacement: true }]);
    expect(byId(plan, "subnet/a").reason).toBe("vpcId cannot be changed in place (because vpc will be replaced).");
    expect(byId(plan, "internet-gateway").attributes).toEqual([{ attribute: "vpcId", before: "vpc-1", after: { unknown: true } }]);
  });

  it("resolves a reference to a resource that is only updated", () => {
    const plan = planOf(
      [desired("vpc", "vpc", { cidr: "10.0.0.0/16", dns: true }), subnet],
      [actual("vpc", "vpc", { cidr: "10.0.0.0/16", dns: false }, { outputs: { id: "vpc-1" } }), actual("subnet/a", "subnet", { cidr: "10.0.0.0/24", vpcId: "vpc-1" })],
    );
    expect(byId(plan, "vpc").action).toBe("update");
    expect(byId(plan, "subnet/a").action).toBe("no-op");
  });

  it("treats an output an update changes (a launch template's version) as known after apply, so its users change too", () => {
    const template = desired("launch-template/g", "launch-template", { name: "shop-g", size: 100 });
    const group = desired("eks-nodegroup/g", "eks-nodegroup", { launchTemplateId: ref("launch-template/g"), launchTemplateVersion: ref("launch-template/g", "version") });
    const found = [
      actual("launch-template/g", "launch-template", { name: "shop-g", size: 80 }, { outputs: { id: "lt-1", version: "1" } }),
      actual("eks-nodegroup/g", "eks-nodegroup", { launchTemplateId: "lt-1", launchTemplateVersion: "1" }),
    ];
    const plan = planOf([template, group], found);
    expect(byId(plan, "launch-template/g").action).toBe("update");
    expect(byId(plan, "eks-nodegroup/g").action).toBe("update");
    expect(byId(plan, "eks-nodegroup/g").attributes).toEqual([{ attribute: "launchTemplateVersion", before: "1", after: { unknown: true } }]);
    const unchanged = planOf([template, group], [actual("launch-template/g", "launch-template", { name: "shop-g", size: 100 }, { outputs: { id: "lt-1", version: "1" } }), found[1]!]);
    expect(byId(unchanged, "eks-nodegroup/g").action).toBe("no-op");
  });
});

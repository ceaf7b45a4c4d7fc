import { describe, expect, it } from "vitest";
import { destructiveChanges, isDestructive } from "./destructive.js";
import { hashPlan } from "./hash.js";
import { actual, desired, planOf, ref } from "./testing.js";
import type { ActualResource, DesiredResource } from "../resources/types.js";

const DESIRED: DesiredResource[] = [
  desired("parameter/b", "parameter", { type: "String", value: "x" }),
  desired("eks-cluster", "eks-cluster", { subnetIds: [ref("subnet/private-a"), ref("subnet/private-b")], version: "1.31" }),
  desired("subnet/private-b", "subnet", { vpcId: ref("vpc"), cidr: "10.0.1.0/24" }),
  desired("subnet/private-a", "subnet", { vpcId: ref("vpc"), cidr: "10.0.0.0/24" }),
  desired("internet-gateway", "internet-gateway", { vpcId: ref("vpc") }),
  desired("vpc", "vpc", { cidr: "10.0.0.0/16" }, { tags: { Name: "shop", team: "red" } }),
  desired("parameter/a", "parameter", { type: "String", value: "y" }),
  desired("hosted-zone", "hosted-zone", { domain: "shop.example.com" }),
];
const ACTUAL: ActualResource[] = [
  actual("vpc", "vpc", { cidr: "10.0.0.0/16" }, { outputs: { id: "vpc-1" }, tags: { Name: "shop", team: "blue" } }),
  actual("subnet/private-a", "subnet", { vpcId: "vpc-1", cidr: "10.0.0.0/24" }, { outputs: { id: "subnet-a" } }),
  actual("subnet/old", "subnet", { vpcId: "vpc-1", cidr: "10.0.9.0/24" }),
  actual("parameter/a", "parameter", { type: "String", value: "y" }),
  actual("parameter/a", "parameter", { type: "String", value: "y" }, { physicalId: "zzz" }),
  actual("vpc", "vpc", {}, { physicalId: "vpc-other", repository: "other/repo" }),
];

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe("computePlan: order and hash", () => {
  it("orders changes by dependency, ties by kind order then id", () => {
    const plan = planOf(DESIRED, ACTUAL.slice(0, 5));
    expect(plan.changes.map((change) => change.id)).toEqual([
      "vpc",
      "internet-gateway",
      "subnet/old",
      "subnet/private-a",
      "subnet/private-b",
      "eks-cluster",
      "hosted-zone",
      "parameter/a",
      "parameter/a#2",
      "parameter/b",
    ]);
  });

  it("puts a dependency first even when its kind comes later in KIND_ORDER", () => {
    const plan = planOf([desired("vpc", "vpc", { zone: ref("hosted-zone") }), desired("hosted-zone", "hosted-zone")]);
    expect(plan.changes.map((change) => change.id)).toEqual(["hosted-zone", "vpc"]);
  });

  it("rejects a dependency cycle with a deterministic message naming it", () => {
    const cyclic = [
      desired("c", "subnet", { next: ref("a") }),
      desired("a", "subnet", { next: ref("b") }),
      desired("b", "subnet", { next: ref("c") }),
      desired("d", "vpc", {}, { dependsOn: ["a"] }),
    ];
    const expected = ["dependency cycle: a → b → c → a (each needs the next; a bug in okctl)."];
    expect(planOf(cyclic).errors).toEqual(expected);
    expect(planOf([...cyclic].reverse()).errors).toEqual(expected);
  });

  it("gives the same plan and hash whatever order the inputs arrive in", () => {
    const reference = planOf(DESIRED, ACTUAL);
    for (const seed of [1, 2, 3, 4, 5]) {
      const again = planOf(shuffled(DESIRED, seed), shuffled(ACTUAL, seed * 7));
      expect(again.hash).toBe(reference.hash);
      expect(again).toEqual(reference);
    }
  });

  it("has a hash that is sha256 hex over the content, and changes with any change", () => {
    const reference = planOf(DESIRED, ACTUAL);
    expect(reference.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashPlan(reference)).toBe(reference.hash);
    const variants = [
      planOf(DESIRED.slice(1), ACTUAL),
      planOf(DESIRED, ACTUAL.slice(1)),
      planOf(DESIRED, ACTUAL, { region: "eu-north-1" }),
      planOf(DESIRED, ACTUAL, { notes: [{ id: "n", message: "m" }] }),
    ];
    for (const variant of variants) expect(variant.hash).not.toBe(reference.hash);
    const edited = structuredClone(reference);
    edited.changes[0]!.name = "renamed";
    expect(hashPlan(edited)).not.toBe(reference.hash);
  });

  it("survives a JSON round trip unchanged", () => {
    const plan = planOf(DESIRED, ACTUAL);
    const back = JSON.parse(JSON.stringify(plan)) as typeof plan;
    expect(back).toEqual(plan);
    expect(hashPlan(back)).toBe(plan.hash);
  });

  it("lists the destructive changes", () => {
    const plan = planOf(DESIRED, ACTUAL);
    expect(destructiveChanges(plan).map((change) => [change.id, change.action])).toEqual([
      ["subnet/old", "delete"],
      ["parameter/a#2", "delete"],
    ]);
    expect(isDestructive(plan)).toBe(true);
    expect(isDestructive(planOf(DESIRED))).toBe(false);
  });
});

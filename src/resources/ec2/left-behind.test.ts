import { describe, expect, it } from "vitest";
import type { DesiredResource } from "../types.js";
import { pairLeftBehind } from "./left-behind.js";

const resource = (id: string): DesiredResource => ({ id, kind: "elastic-ip", name: id, properties: {}, dependsOn: [], tags: {} });
const pairs = (ids: string[], names: string[]) =>
  pairLeftBehind(ids.map(resource), names, (name) => name, (name) => name).map(([desired, name]) => [desired.id, name]);

describe("pairing what the original okctl left behind with what the plan creates", () => {
  it("pairs by the end of the Name first, then the rest in order, each at most once", () => {
    expect(pairs(["elastic-ip/a", "elastic-ip/b", "elastic-ip/c"], ["okctl-vpc-x-eip-c", "okctl-vpc-x-eip-b"])).toEqual([
      ["elastic-ip/b", "okctl-vpc-x-eip-b"],
      ["elastic-ip/c", "okctl-vpc-x-eip-c"],
    ]);
    expect(pairs(["elastic-ip/a", "elastic-ip/b"], ["stray-2", "stray-1", "okctl-vpc-x-eip-b"])).toEqual([
      ["elastic-ip/a", "stray-1"],
      ["elastic-ip/b", "okctl-vpc-x-eip-b"],
    ]);
    expect(pairs(["route-table/private-a", "route-table/public"], ["okctl-vpc-x-public", "okctl-vpc-x-private-a"])).toEqual([
      ["route-table/private-a", "okctl-vpc-x-private-a"],
      ["route-table/public", "okctl-vpc-x-public"],
    ]);
    expect(pairs(["elastic-ip/a"], [])).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { compareStrings } from "./canonical.js";
import { describeCycle, topologicalSort } from "./graph.js";

function sort(edges: Record<string, string[]>) {
  return topologicalSort({ ids: Object.keys(edges), after: (id) => edges[id] ?? [], compare: compareStrings });
}

describe("topologicalSort", () => {
  it("puts dependencies first and breaks ties by the comparator", () => {
    expect(sort({ d: ["b"], c: [], b: ["a"], a: [] })).toEqual({ ok: true, order: ["a", "b", "c", "d"] });
    expect(sort({ z: [], y: ["z"], x: [] })).toEqual({ ok: true, order: ["x", "z", "y"] });
  });

  it("names the cycle starting at its smallest member, whatever the input order", () => {
    expect(sort({ q: ["p"], p: ["r"], r: ["q"], s: ["p"] })).toEqual({ ok: false, cycle: ["p", "r", "q"] });
    expect(sort({ s: ["p"], r: ["q"], p: ["r"], q: ["p"] })).toEqual({ ok: false, cycle: ["p", "r", "q"] });
    expect(sort({ a: ["a"] })).toEqual({ ok: false, cycle: ["a"] });
  });

  it("describes a cycle as a closed path", () => {
    expect(describeCycle(["a", "b"])).toBe("a → b → a");
  });
});

import { describe, expect, it } from "vitest";
import { escapeMermaidLabel, MAX_MERMAID_NODES, MIN_TEXT_PX, renderMermaid } from "./mermaid.js";
import { bigPlan, fullExampleFirstPlan, noChangesPlan, samplePlan } from "./testing.js";
import type { Plan } from "../plan/types.js";

function source(plan: Plan): string {
  const result = renderMermaid(plan);
  if (result.kind !== "graph") throw new Error(`no graph: ${result.kind}`);
  return result.graph.source;
}

describe("renderMermaid", () => {
  it("escapes what would end a label or a code block", () => {
    expect(escapeMermaidLabel('a"b<c>#d`&\ne')).toBe("a#quot;b#lt;c#gt;#35;d#96;#amp; e");
  });

  it("draws nothing when nothing changes", () => {
    expect(renderMermaid(noChangesPlan())).toEqual({ kind: "none" });
  });

  it("draws the changed resources and their direct neighbours only, the neighbours grey", () => {
    // Without the add-ons that wait for the node group: with them, the drawing's labels would be too small.
    const example = fullExampleFirstPlan();
    const plan = { ...example, changes: example.changes.filter((change) => change.kind !== "eks-addon") };
    // Only the node group changes: its neighbours are what it depends on (the cluster, the private subnets, …).
    const changes = plan.changes.map((change) => ({ ...change, action: change.id === "eks-nodegroup/generic" ? ("update" as const) : ("no-op" as const) }));
    const nodegroup = changes.find((change) => change.id === "eks-nodegroup/generic")!;
    const neighbours = changes.filter((change) => nodegroup.dependsOn.includes(change.id) || change.dependsOn.includes(nodegroup.id));
    const graph = source({ ...plan, changes });
    const nodes = graph.split("\n").filter((line) => /^ {2}n\d+\[/.test(line));
    expect(nodes).toHaveLength(neighbours.length + 1);
    expect(nodes.filter((line) => line.endsWith(":::unchanged"))).toHaveLength(neighbours.length);
    expect(nodes).toContain('  n3["eks-cluster"]:::unchanged');
    expect(nodes).toContain('  n0["subnet<br>private-a"]:::unchanged');
    expect(nodes).toContainEqual(expect.stringMatching(/\["eks-nodegroup<br>generic"\]:::update$/));
    expect(neighbours.length).toBeLessThan(10);
    expect(graph).not.toContain("vpc");
  });

  it("labels nodes short and unique: the kind over the name, never the kind twice", () => {
    const plan = fullExampleFirstPlan();
    const some = plan.changes.filter((c) => ["vpc", "hosted-zone", "certificate", "eks-cluster"].includes(c.kind) || ["subnet/private-a", "subnet/private-b"].includes(c.id));
    const graph = source({ ...plan, changes: some });
    expect(graph).toContain('["vpc"]:::create');
    expect(graph).toContain('["subnet<br>private-a"]:::create');
    expect(graph).toContain('["certificate<br>argocd.…"]:::create');
    expect(graph).not.toMatch(/"vpc: vpc"|eks-cluster: eks-cluster/);
    const labels = [...graph.matchAll(/\["([^"]+)"\]/g)].map((match) => match[1]);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("keeps the edges of destroyed resources, from the resources they refer to", () => {
    const graph = source(samplePlan());
    const legacy = /n(\d+)\["subnet<br>legacy"\]:::delete/.exec(graph)?.[1];
    const vpc = /n(\d+)\["vpc"\]/.exec(graph)?.[1];
    expect(graph).toContain(`n${vpc} --> n${legacy}`);
  });

  it("leaves out the full example's first plan: too many resources to draw readably at comment width", () => {
    // Measured in headless Chromium (test/visual/): drawn, its labels would be 7.6 px.
    expect(renderMermaid(fullExampleFirstPlan())).toEqual({ kind: "too-large", changed: fullExampleFirstPlan().changes.length });
  });

  it("leaves out a graph too large to read", () => {
    expect(renderMermaid(bigPlan(MAX_MERMAID_NODES + 1))).toEqual({ kind: "too-large", changed: MAX_MERMAID_NODES + 1 });
    // Few nodes, but so deep a chain that the drawing would shrink the text below MIN_TEXT_PX.
    expect(renderMermaid(bigPlan(12))).toEqual({ kind: "too-large", changed: 12 });
    expect(MIN_TEXT_PX).toBe(12);
  });
});

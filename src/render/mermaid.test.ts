import { describe, expect, it } from "vitest";
import { escapeMermaidLabel, MAX_MERMAID_NODES, renderMermaid } from "./mermaid.js";
import { bigPlan, noChangesPlan } from "./testing.js";

describe("renderMermaid", () => {
  it("escapes what would end a label or a code block", () => {
    expect(escapeMermaidLabel('a"b<c>#d`&\ne')).toBe("a#quot;b#lt;c#gt;#35;d#96;#amp; e");
  });

  it("draws unchanged resources in small plans", () => {
    expect(renderMermaid(noChangesPlan())?.source).toContain('n0["vpc: vpc"]:::unchanged');
  });

  it("draws only changed resources in a big plan, and nothing when even that is too big", () => {
    const plan = bigPlan(MAX_MERMAID_NODES + 50);
    const unchanged = plan.changes.slice(0, 60).map((change) => ({ ...change, action: "no-op" as const }));
    const mixed = { ...plan, changes: [...unchanged, ...plan.changes.slice(60)] };
    expect(renderMermaid(mixed)).toMatchObject({ drawn: MAX_MERMAID_NODES - 10, total: MAX_MERMAID_NODES + 50 });
    expect(renderMermaid(plan)).toBeUndefined();
  });
});

// The plan as a Mermaid graph: one node per resource, an edge from each dependency to its
// dependent, nodes coloured by action. GitHub renders ```mermaid blocks; big graphs are trimmed
// to the changed resources, or left out, because large diagrams stop being readable (and GitHub
// refuses to render very large ones).
import type { Action, Plan, ResourceChange } from "../plan/types.js";
import { clip } from "./escape.js";

/** Most nodes drawn. */
export const MAX_MERMAID_NODES = 100;
const MAX_LABEL_SIZE = 80;

const CLASS_OF: Readonly<Record<Action, string>> = {
  create: "create",
  update: "update",
  replace: "replace",
  delete: "delete",
  "no-op": "unchanged",
  adopt: "adopt",
};

const CLASS_DEFS = [
  "classDef create fill:#dafbe1,stroke:#1a7f37,color:#1f2328",
  "classDef update fill:#fff8c5,stroke:#9a6700,color:#1f2328",
  "classDef replace fill:#fff1e5,stroke:#bc4c00,color:#1f2328",
  "classDef delete fill:#ffebe9,stroke:#cf222e,color:#1f2328",
  "classDef adopt fill:#ddf4ff,stroke:#0969da,color:#1f2328",
  "classDef unchanged fill:#f6f8fa,stroke:#8c959f,color:#1f2328",
];

const ENTITIES: Readonly<Record<string, string>> = {
  "#": "#35;",
  '"': "#quot;",
  "<": "#lt;",
  ">": "#gt;",
  "&": "#amp;",
  "`": "#96;",
};

/** Text for inside a quoted Mermaid label: entities for what Mermaid or Markdown would read. */
export function escapeMermaidLabel(text: string): string {
  return clip(text, MAX_LABEL_SIZE)
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, " ")
    .replace(/[#"<>&`]/g, (char) => ENTITIES[char] as string);
}

export interface MermaidGraph {
  /** The diagram source (without the code fence). */
  source: string;
  /** How many resources were drawn and how many were in the plan. */
  drawn: number;
  total: number;
}

function pickNodes(changes: readonly ResourceChange[]): ResourceChange[] | undefined {
  if (changes.length <= MAX_MERMAID_NODES) return [...changes];
  const changed = changes.filter((change) => change.action !== "no-op");
  return changed.length > 0 && changed.length <= MAX_MERMAID_NODES ? changed : undefined;
}

/** The diagram, or undefined when there is nothing to draw or too much. */
export function renderMermaid(plan: Plan): MermaidGraph | undefined {
  const nodes = pickNodes(plan.changes);
  if (!nodes || nodes.length === 0) return undefined;
  const nodeId = new Map(nodes.map((change, index) => [change.id, `n${index}`]));
  const lines = ["graph LR"];
  nodes.forEach((change, index) => {
    lines.push(`  n${index}["${escapeMermaidLabel(`${change.kind}: ${change.id}`)}"]:::${CLASS_OF[change.action]}`);
  });
  for (const change of nodes) {
    for (const dependency of change.dependsOn) {
      const from = nodeId.get(dependency);
      if (from) lines.push(`  ${from} --> ${nodeId.get(change.id) as string}`);
    }
  }
  lines.push(...CLASS_DEFS.map((line) => `  ${line}`));
  return { source: lines.join("\n"), drawn: nodes.length, total: plan.changes.length };
}

// The plan as a Mermaid graph: the resources that change and their direct neighbours (unchanged
// ones grey), an edge from each dependency to its dependent, nodes coloured by action, and short
// unique labels (kind over name). GitHub renders ```mermaid blocks scaled to the comment's width:
// a graph whose estimated drawing would shrink its text below a readable size is left out.
import type { Action, Plan, ResourceChange } from "../plan/types.js";
import { clip } from "./escape.js";

/** Most nodes drawn. */
export const MAX_MERMAID_NODES = 60;
const MAX_LABEL_SIZE = 40;

/**
 * The estimate of readability: GitHub draws a comment about COMMENT_WIDTH pixels wide, Mermaid
 * writes 16 px text and scales the whole drawing down to that width. Below MIN_TEXT_PX the labels
 * are too small to read. Node widths assume ~8.5 px a character plus padding; a left-to-right
 * graph is as wide as its columns (dependency depth) and as tall as it needs.
 */
export const COMMENT_WIDTH = 820;
export const MIN_TEXT_PX = 12;
const FONT_PX = 16;
const CHAR_PX = 8.5;
const NODE_PADDING_PX = 40;
const RANK_GAP_PX = 50;
/**
 * Mermaid's layout spreads a graph wider than the sum of its columns (edge routing between ranks,
 * node spacing): measured in headless Chromium with the mermaid package (test/visual/), the full
 * example's first plan (29 nodes, 5 ranks) drew its labels at 7.6 px where the plain sum promised 12.
 */
const LAYOUT_SPREAD = 1.7;

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
  "classDef delete fill:#ffebe9,stroke:#cf222e,color:#1f2328,stroke-dasharray:4 3",
  "classDef adopt fill:#ddf4ff,stroke:#0969da,color:#1f2328",
  "classDef unchanged fill:#f6f8fa,stroke:#8c959f,color:#59636e",
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
  /** How many resources were drawn and how many changed. */
  drawn: number;
  changed: number;
}

export type MermaidResult =
  | { kind: "graph"; graph: MermaidGraph }
  /** Nothing changes: nothing to draw. */
  | { kind: "none" }
  /** Too many resources to draw readably at the comment's width. */
  | { kind: "too-large"; changed: number };

/** The changed resources and their direct neighbours, in plan order. */
function pickNodes(changes: readonly ResourceChange[], edges: readonly Edge[]): ResourceChange[] {
  const changed = new Set(changes.filter((change) => change.action !== "no-op").map((change) => change.id));
  const picked = new Set(changed);
  for (const { from, to } of edges) {
    if (changed.has(from)) picked.add(to);
    if (changed.has(to)) picked.add(from);
  }
  return changes.filter((change) => picked.has(change.id));
}

interface Edge {
  from: string;
  to: string;
}

/**
 * Dependency → dependent. A destroyed resource has no declared dependencies left, so its edges
 * come from what it refers to: an attribute holding another resource's AWS identifier.
 */
function edgesOf(changes: readonly ResourceChange[]): Edge[] {
  const ids = new Set(changes.map((change) => change.id));
  const byPhysicalId = new Map(changes.filter((change) => change.physicalId).map((change) => [change.physicalId as string, change.id]));
  const edges: Edge[] = [];
  const seen = new Set<string>();
  const add = (from: string, to: string): void => {
    const key = `${from}\u0000${to}`;
    if (from === to || seen.has(key)) return;
    seen.add(key);
    edges.push({ from, to });
  };
  for (const change of changes) {
    for (const dependency of change.dependsOn) if (ids.has(dependency)) add(dependency, change.id);
    if (change.action !== "delete") continue;
    for (const attribute of change.attributes) {
      for (const text of stringsIn(attribute.before)) {
        const target = byPhysicalId.get(text);
        if (target) add(target, change.id);
      }
    }
  }
  return edges;
}

function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(stringsIn);
  return [];
}

/** The part of an id after its kind ("subnet/private-a" → "private-a"), with a shared domain suffix cut. */
function shortName(change: ResourceChange, domain: string | undefined): string {
  const rest = change.id.startsWith(`${change.kind}/`) ? change.id.slice(change.kind.length + 1) : change.id === change.kind ? "" : change.id;
  if (domain && rest.endsWith(`.${domain}`) && rest.length > domain.length + 1) return `${rest.slice(0, -domain.length - 1)}.…`;
  return rest;
}

/** Two-line labels (kind, then name), unique: a shortened name that would repeat another falls back to the id. */
function labelsOf(nodes: readonly ResourceChange[], domain: string | undefined): string[][] {
  const short = nodes.map((change) => [change.kind, shortName(change, domain)].filter((part) => part !== ""));
  const counts = new Map<string, number>();
  for (const label of short) counts.set(label.join("/"), (counts.get(label.join("/")) ?? 0) + 1);
  return short.map((label, index) => (counts.get(label.join("/"))! > 1 ? [nodes[index]!.kind, nodes[index]!.id] : label));
}

/** Dependency depth of each node within the drawn graph (roots 0). */
function depths(nodes: readonly ResourceChange[], edges: readonly Edge[]): Map<string, number> {
  const incoming = new Map<string, string[]>();
  for (const { from, to } of edges) incoming.set(to, [...(incoming.get(to) ?? []), from]);
  const depth = new Map<string, number>();
  const visit = (id: string, trail: Set<string>): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (trail.has(id)) return 0; // a cycle (the planner reports those): stop here
    trail.add(id);
    const value = Math.max(-1, ...(incoming.get(id) ?? []).map((from) => visit(from, trail))) + 1;
    trail.delete(id);
    depth.set(id, value);
    return value;
  };
  for (const node of nodes) visit(node.id, new Set());
  return depth;
}

/** The estimated size of the text when GitHub scales the drawing to the comment's width. */
export function estimatedTextPx(nodes: readonly ResourceChange[], labels: readonly string[][], edges: readonly Edge[]): number {
  const depth = depths(nodes, edges);
  const columns = new Map<number, number>();
  nodes.forEach((node, index) => {
    const width = Math.max(...labels[index]!.map((line) => [...line].length)) * CHAR_PX + NODE_PADDING_PX;
    const column = depth.get(node.id) ?? 0;
    columns.set(column, Math.max(columns.get(column) ?? 0, width));
  });
  const width = ([...columns.values()].reduce((sum, column) => sum + column, 0) + RANK_GAP_PX * (columns.size - 1) + 16) * (columns.size > 1 ? LAYOUT_SPREAD : 1);
  return FONT_PX * Math.min(1, COMMENT_WIDTH / width);
}

/** The diagram; or why there is none: nothing changes, or it would be too large to read. */
export function renderMermaid(plan: Plan): MermaidResult {
  const changedCount = plan.changes.filter((change) => change.action !== "no-op").length;
  if (changedCount === 0) return { kind: "none" };
  const allEdges = edgesOf(plan.changes);
  const nodes = pickNodes(plan.changes, allEdges);
  if (nodes.length > MAX_MERMAID_NODES) return { kind: "too-large", changed: changedCount };
  const drawn = new Set(nodes.map((change) => change.id));
  const edges = allEdges.filter(({ from, to }) => drawn.has(from) && drawn.has(to));
  const domain = plan.changes.find((change) => change.kind === "hosted-zone")?.name;
  const labels = labelsOf(nodes, domain);
  if (estimatedTextPx(nodes, labels, edges) < MIN_TEXT_PX) return { kind: "too-large", changed: changedCount };

  const nodeId = new Map(nodes.map((change, index) => [change.id, `n${index}`]));
  const lines = ["graph LR"];
  nodes.forEach((change, index) => {
    const label = labels[index]!.map(escapeMermaidLabel).join("<br>");
    lines.push(`  n${index}["${label}"]:::${CLASS_OF[change.action]}`);
  });
  for (const { from, to } of edges) lines.push(`  ${nodeId.get(from)} --> ${nodeId.get(to)}`);
  lines.push(...CLASS_DEFS.map((line) => `  ${line}`));
  return { kind: "graph", graph: { source: lines.join("\n"), drawn: nodes.length, changed: changedCount } };
}

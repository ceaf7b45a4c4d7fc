// Up-front validation of an executor graph: every problem is found before anything runs.
import { compareStrings } from "../plan/canonical.js";
import { describeCycle, topologicalSort } from "../plan/graph.js";
import { GraphError, type GraphNode } from "./types.js";

/** Throws a GraphError for duplicate ids, unknown dependencies or a cycle (deterministic text). */
export function validateGraph(nodes: readonly GraphNode[]): void {
  const ids = new Set<string>();
  const duplicates = new Set<string>();
  for (const node of nodes) (ids.has(node.id) ? duplicates : ids).add(node.id);
  if (duplicates.size > 0) throw new GraphError(`duplicate node ids: ${[...duplicates].sort(compareStrings).join(", ")}`);
  const unknown = nodes
    .flatMap((node) => node.after.filter((dep) => !ids.has(dep)).map((dep) => `${node.id} → ${dep}`))
    .sort(compareStrings);
  if (unknown.length > 0) throw new GraphError(`unknown dependencies: ${unknown.join(", ")}`);
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const sorted = topologicalSort({ ids: [...ids], after: (id) => byId.get(id)!.after, compare: compareStrings });
  if (!sorted.ok) throw new GraphError(`dependency cycle: ${describeCycle(sorted.cycle)}`);
}

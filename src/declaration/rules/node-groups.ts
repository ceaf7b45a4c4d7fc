// Node groups: unique names, and 0 ≤ minSize ≤ desiredSize ≤ maxSize (the schema bounds each
// size; defaults count: maxSize is 10 when not written).
import { nodeGroupSizes } from "../defaults.js";
import { displayPath, pointerFrom } from "../pointer.js";
import type { Problem } from "../problem.js";
import { duplicates, field, integer, list, problemAt, text, type Raw } from "./raw.js";

type SizeKey = "minSize" | "desiredSize" | "maxSize";

function sizeProblems(input: Raw, index: number): Problem[] {
  const written: Partial<Record<SizeKey, number>> = {};
  for (const key of ["minSize", "desiredSize", "maxSize"] as const) {
    const raw = field(input, key);
    if (raw === undefined) continue;
    const value = integer(raw);
    if (value === undefined) return []; // the schema reports it
    written[key] = value;
  }
  const sizes = nodeGroupSizes(written);
  const path = (key: SizeKey) => pointerFrom(["eks", "nodeGroups", index, key]);
  const group = displayPath(pointerFrom(["eks", "nodeGroups", index]));
  const show = (key: SizeKey) => `${key} (${sizes[key]}${written[key] === undefined ? ", the default" : ""})`;
  if (sizes.minSize > sizes.maxSize) {
    const at = written.minSize !== undefined ? "minSize" : "maxSize";
    return [problemAt(path(at), `${group}.${show("minSize")} must not be greater than ${show("maxSize")}`)];
  }
  if (sizes.desiredSize < sizes.minSize) {
    return [problemAt(path("desiredSize"), `${group}.${show("desiredSize")} must be at least ${show("minSize")}`)];
  }
  if (sizes.desiredSize > sizes.maxSize) {
    return [problemAt(path("desiredSize"), `${group}.${show("desiredSize")} must be at most ${show("maxSize")}`)];
  }
  return [];
}

export function nodeGroupRules(data: Raw): Problem[] {
  const groups = list(field(data, "eks", "nodeGroups"));
  return [
    ...duplicates(groups, (g) => text(field(g, "name")), (i) => pointerFrom(["eks", "nodeGroups", i, "name"]), "node group name"),
    ...groups.flatMap(sizeProblems),
  ];
}

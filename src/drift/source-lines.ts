// Where each declaration value that would match AWS sits in the okctl.yaml text: its line, or,
// for a value the file leaves at its default, the line of the nearest thing written above it
// (where to add it). Pure.
import { parentPointer } from "../declaration/pointer.js";
import type { SourceIndex } from "../declaration/source-index.js";
import { parseYamlTree } from "../declaration/yaml-tree.js";
import type { MatchingValue } from "./types.js";

function lineOf(index: SourceIndex, pointer: string): { line: number; inFile: boolean } {
  const entry = index.get(pointer);
  if (entry) return { line: (entry.key ?? entry.value).line, inFile: true };
  let parent = parentPointer(pointer);
  for (;;) {
    const found = index.get(parent);
    if (found) return { line: (found.key ?? found.value).line, inFile: false };
    if (parent === "") return { line: 1, inFile: false };
    parent = parentPointer(parent);
  }
}

/** `values` with their line in `source` (the declaration's text); unchanged when it does not parse. */
export function withSourceLines(values: readonly MatchingValue[], source: string): MatchingValue[] {
  const tree = parseYamlTree(source);
  if (!tree.ok) return [...values];
  return values.map((value) => {
    // An addition goes at the end of its list: the list's own line.
    const { line, inFile } = lineOf(tree.index, value.op === "add" ? parentPointer(value.path) : value.path);
    return { ...value, line, ...(inFile || value.op === "add" ? {} : { inFile: false }) };
  });
}

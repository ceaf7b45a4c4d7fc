// Where each declaration value that would match AWS sits in the okctl.yaml text: its line, or,
// for a value the file leaves at its default, the line of the nearest thing written above it
// (where to add it). Pure.
import { parentPointer } from "../declaration/pointer.js";
import type { SourceIndex } from "../declaration/source-index.js";
import { parseYamlTree, type DataObject } from "../declaration/yaml-tree.js";
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

const ADDON_PATH = /^\/eks\/addons\/(\d+)(\/.*)?$/;

/**
 * A value's pointer in the file. The declaration as defaulted lists the default add-ons first, so
 * an add-on's index there is not the file's: it is found in the file by name (its resource's), and
 * an add-on the file does not name is written under `eks.addons`.
 */
function filePointer(value: MatchingValue, data: DataObject): string {
  const match = ADDON_PATH.exec(value.path);
  const name = value.resources[0]?.replace(/^eks-addon\//, "");
  if (!match || name === undefined) return value.path;
  const eks = data.eks as DataObject | undefined;
  const written = Array.isArray(eks?.addons) ? (eks.addons as unknown[]) : [];
  const index = written.findIndex((addon) => typeof addon === "object" && addon !== null && (addon as DataObject).name === name);
  return index < 0 ? "/eks/addons/-" : `/eks/addons/${index}${match[2] ?? ""}`;
}

/** `values` with their line in `source` (the declaration's text); unchanged when it does not parse. */
export function withSourceLines(values: readonly MatchingValue[], source: string): MatchingValue[] {
  const tree = parseYamlTree(source);
  if (!tree.ok) return [...values];
  return values.map((value) => {
    // An addition goes at the end of its list: the list's own line.
    const { line, inFile } = lineOf(tree.index, value.op === "add" ? parentPointer(value.path) : filePointer(value, tree.value));
    return { ...value, line, ...(inFile || value.op === "add" ? {} : { inFile: false }) };
  });
}

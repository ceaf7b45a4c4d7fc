// Where each node of the parsed YAML sits in the file, by JSON pointer, and how to find the
// position for a problem (falling back to the nearest ancestor that exists in the file).
import type { Anchor } from "./problem.js";
import { parentPointer } from "./pointer.js";

export interface Position {
  line: number;
  column: number;
}

export interface SourceEntry {
  value: Position;
  /** The position of the node's key, when the node is a mapping value. */
  key?: Position;
  /** For scalars: the text as written in the file (e.g. `1.30`, `yes`), for messages. */
  source?: string;
}

export type SourceIndex = Map<string, SourceEntry>;

const START: Position = { line: 1, column: 1 };

/** The position a problem should point at; see Anchor. */
export function locate(index: SourceIndex, path: string, anchor: Anchor): Position {
  if (anchor !== "parent") {
    const entry = index.get(path);
    if (entry) return anchor === "key" ? (entry.key ?? entry.value) : entry.value;
  }
  // Missing node (a default, or a required key): point at the nearest existing ancestor, at its
  // key when it has one ("metadata:"), else at its start.
  let pointer = anchor === "parent" ? parentPointer(path) : path;
  for (;;) {
    const entry = index.get(pointer);
    if (entry) return entry.key ?? entry.value;
    if (pointer === "") return START;
    pointer = parentPointer(pointer);
  }
}

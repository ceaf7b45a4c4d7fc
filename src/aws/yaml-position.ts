// Finds where a JSON pointer lands in a parsed YAML document, so diagnostics can name a line and
// column (both 1-based).
import { isMap, isNode, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";
import { pointerSegments } from "../declaration/pointer.js";

export interface Position {
  line: number;
  column: number;
}

function childOf(node: unknown, segment: string): unknown {
  if (isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
    return pair?.value ?? pair?.key;
  }
  if (isSeq(node)) return node.items[Number(segment)];
  return undefined;
}

/**
 * The position of the node at `pointer`; with `key`, of that key inside the mapping at `pointer`
 * (for unknown or duplicate keys). Falls back to the nearest ancestor that exists.
 */
export function positionOf(doc: Document, lineCounter: LineCounter, pointer: string, key?: string): Position {
  let node: unknown = doc.contents;
  let found: Node | undefined = isNode(node) ? node : undefined;
  for (const segment of pointerSegments(pointer)) {
    node = childOf(node, segment);
    if (!isNode(node)) break;
    found = node;
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === key);
    if (pair && isNode(pair.key)) found = pair.key;
  }
  const offset = found?.range?.[0] ?? 0;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** Position of a character offset in the source. */
export function positionAt(lineCounter: LineCounter, offset: number): Position {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

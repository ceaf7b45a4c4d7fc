// Parses YAML text into plain data plus a SourceIndex of positions. Plain data means objects
// without a prototype, string keys only, no __proto__/constructor/prototype keys, and a bounded
// amount of work however many aliases the text uses ("billion laughs").
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from "yaml";
import { yamlErrorProblem } from "./yaml-errors.js";
import { pointerFrom } from "./pointer.js";
import type { PositionedProblem } from "./problem.js";
import type { Position, SourceIndex } from "./source-index.js";

/** At most this many values, counting each alias expansion again. */
export const MAX_VALUES = 100_000;
/** At most this deep nesting of mappings and lists. */
export const MAX_DEPTH = 64;
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

export type DataObject = Record<string, unknown>;

export type TreeResult =
  /** Problems here do not stop validation (the offending key was left out). */
  | { ok: true; value: DataObject; index: SourceIndex; problems: PositionedProblem[] }
  | { ok: false; problems: PositionedProblem[] };

class TooLarge extends Error {}

function scalarKind(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "number" || typeof value === "bigint") return "a number";
  if (typeof value === "boolean") return "a boolean";
  return "a value that is not text";
}

class Converter {
  readonly index: SourceIndex = new Map();
  readonly problems: PositionedProblem[] = [];
  private count = 0;
  private aliases = 0;

  constructor(
    private readonly doc: Document,
    private readonly text: string,
    private readonly lines: LineCounter,
  ) {}

  position(node: { range?: [number, number, number] | null } | null | undefined, fallback: Position): Position {
    const offset = node?.range?.[0];
    if (offset === undefined) return fallback;
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  problem(at: Position, segments: readonly (string | number)[], message: string): void {
    this.problems.push({ ...at, path: pointerFrom(segments), message });
  }

  convert(node: unknown, segments: (string | number)[], at: Position, key?: Position): unknown {
    this.count += 1;
    if (this.count > MAX_VALUES) throw new TooLarge();
    if (segments.length > MAX_DEPTH) throw new TooLarge();
    if (isAlias(node)) {
      this.aliases += 1;
      const target = node.resolve(this.doc);
      if (!target) {
        this.problem(this.position(node, at), segments, `alias *${node.source} refers to no anchor &${node.source}`);
        return null;
      }
      return this.convert(target, segments, this.position(node, at), key);
    }
    const value = this.position(node as Node | null, at);
    const pointer = pointerFrom(segments);
    if (isMap(node)) {
      this.index.set(pointer, { value, ...(key ? { key } : {}) });
      return this.convertMap(node.items, segments, value);
    }
    if (isSeq(node)) {
      this.index.set(pointer, { value, ...(key ? { key } : {}) });
      return node.items.map((item, i) => this.convert(item, [...segments, i], value));
    }
    if (isScalar(node)) {
      const range = node.range;
      const source = range ? this.text.slice(range[0], Math.min(range[1], range[0] + 60)) : String(node.value);
      this.index.set(pointer, { value, ...(key ? { key } : {}), source });
      return node.value ?? null;
    }
    // An empty value (`key:` with nothing after it).
    this.index.set(pointer, { value, ...(key ? { key } : {}), source: "" });
    return null;
  }

  convertMap(pairs: Pair[], segments: (string | number)[], at: Position): DataObject {
    const result: DataObject = Object.create(null) as DataObject;
    const seen = new Map<string, Position>();
    for (const pair of pairs) {
      const keyNode = isAlias(pair.key) ? pair.key.resolve(this.doc) : pair.key;
      const keyAt = this.position(pair.key as Node | null, at);
      if (!isScalar(keyNode)) {
        const what = isMap(keyNode) ? "a mapping" : isSeq(keyNode) ? "a list" : "empty";
        this.problem(keyAt, segments, `a key must be text, not ${what}`);
        continue;
      }
      if (typeof keyNode.value !== "string") {
        const written = pair.key && isScalar(pair.key) && pair.key.range ? this.text.slice(pair.key.range[0], pair.key.range[1]) : String(keyNode.value);
        this.problem(keyAt, segments, `key ${written} must be text, but YAML read it as ${scalarKind(keyNode.value)}; quote it: "${written}"`);
        continue;
      }
      const name = keyNode.value;
      if (FORBIDDEN_KEYS.has(name)) {
        this.problem(keyAt, [...segments, name], `the key "${name}" is not allowed`);
        continue;
      }
      const first = seen.get(name);
      if (first) {
        this.problem(keyAt, [...segments, name], `duplicate key "${name}" (first at line ${first.line}); each key may appear only once`);
        continue;
      }
      seen.set(name, keyAt);
      result[name] = this.convert(pair.value, [...segments, name], keyAt, keyAt);
    }
    return result;
  }

  get usedAliases(): boolean {
    return this.aliases > 0;
  }
}

function topLevelProblem(contents: unknown): string | undefined {
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === undefined))) {
    return "the file is empty; it needs at least apiVersion, kind, metadata and clusterRootDomain";
  }
  if (isSeq(contents)) return "the top level must be a mapping of keys such as apiVersion and kind, not a list";
  if (isScalar(contents)) return "the top level must be a mapping of keys such as apiVersion and kind, not a single value";
  return undefined;
}

export function parseYamlTree(text: string): TreeResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true, lineCounter: lines, merge: false, version: "1.2" });
  // Duplicate keys are reported by the converter, with the key's name and path.
  const errors = [...doc.errors, ...doc.warnings].filter((e) => e.code !== "DUPLICATE_KEY");
  if (errors.length > 0) return { ok: false, problems: errors.map(yamlErrorProblem) };
  const top = topLevelProblem(doc.contents);
  if (top) return { ok: false, problems: [{ line: 1, column: 1, path: "", message: top }] };
  const converter = new Converter(doc, text, lines);
  try {
    const value = converter.convert(doc.contents, [], { line: 1, column: 1 }) as DataObject;
    return { ok: true, value, index: converter.index, problems: converter.problems };
  } catch (error) {
    if (!(error instanceof TooLarge)) throw error;
    const message = converter.usedAliases
      ? `the aliases in this file expand to more than ${MAX_VALUES} values (an alias bomb?); okctl.yaml needs far fewer`
      : `the file nests more than ${MAX_DEPTH} levels deep or holds more than ${MAX_VALUES} values; okctl.yaml needs far fewer`;
    return { ok: false, problems: [{ line: 1, column: 1, path: "", message }] };
  }
}

// Parses YAML text into plain data plus a SourceIndex of positions. Plain data means objects
// without a prototype, string keys only, no __proto__/constructor/prototype keys, and a bounded
// amount of work however many aliases the text uses ("billion laughs").
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from "yaml";
import { yamlBudgetProblem } from "./yaml-budget.js";
import { overIndentedKey } from "./yaml-indentation.js";
import { yamlErrorProblem } from "./yaml-errors.js";
import { pointerFrom } from "./pointer.js";
import type { PositionedProblem } from "./problem.js";
import type { Position, SourceIndex } from "./source-index.js";

/** At most this many values, counting each alias expansion again. */
export const MAX_VALUES = 10_000;
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
  /** Set by problems that make the data meaningless (an alias to nothing is a YAML error). */
  fatal = false;
  private count = 0;
  private aliases = 0;
  /** Anchors seen so far in document order (Alias.resolve would search the whole document each time). */
  private readonly anchors = new Map<string, Node>();

  constructor(
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
      const target = this.anchors.get(node.source);
      if (!target) {
        this.problem(this.position(node, at), segments, `alias *${node.source} refers to no anchor &${node.source}`);
        this.fatal = true;
        return null;
      }
      return this.convert(target, segments, this.position(node, at), key);
    }
    if ((isMap(node) || isSeq(node) || isScalar(node)) && node.anchor) this.anchors.set(node.anchor, node);
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
      const keyNode = isAlias(pair.key) ? this.anchors.get(pair.key.source) : pair.key;
      if (isScalar(pair.key) && pair.key.anchor) this.anchors.set(pair.key.anchor, pair.key);
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

/** Syntax errors after the first few are mostly echoes of the first. */
const MAX_SYNTAX_ERRORS = 10;

export function parseYamlTree(text: string): TreeResult {
  const overBudget = yamlBudgetProblem(text);
  if (overBudget) return { ok: false, problems: [{ line: 1, column: 1, path: "", message: overBudget }] };
  const lines = new LineCounter();
  // uniqueKeys is off because the library checks it in quadratic time (a minute for 60 000 keys);
  // the converter reports duplicate keys instead, in linear time, with the key's name and path.
  // maxAliasCount is a toJS option; the converter bounds alias expansion itself (MAX_VALUES).
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: true, lineCounter: lines, merge: false, version: "1.2" });
  const errors = [...doc.errors, ...doc.warnings];
  // The parser overflowing its stack leaves a trail of follow-up errors: report the cause alone.
  const overflow = errors.find((e) => /call stack/i.test(e.message));
  if (overflow) return { ok: false, problems: [yamlErrorProblem(overflow)] };
  if (errors.length > 0) {
    const problems = errors.slice(0, MAX_SYNTAX_ERRORS).map(yamlErrorProblem);
    // An over-indented key: reported at its own line, instead of the library's echoes on the line above.
    const indented = overIndentedKey(text);
    if (!indented) return { ok: false, problems };
    return { ok: false, problems: [indented.problem, ...problems.filter((problem) => problem.line < indented.aboveLine)] };
  }
  const top = topLevelProblem(doc.contents);
  if (top) return { ok: false, problems: [{ line: 1, column: 1, path: "", message: top }] };
  const converter = new Converter(text, lines);
  try {
    const value = converter.convert(doc.contents, [], { line: 1, column: 1 }) as DataObject;
    if (converter.fatal) return { ok: false, problems: converter.problems };
    return { ok: true, value, index: converter.index, problems: converter.problems };
  } catch (error) {
    if (!(error instanceof TooLarge)) throw error;
    const message = converter.usedAliases
      ? `the aliases in this file expand to more than ${MAX_VALUES} values (an alias bomb?); okctl.yaml needs far fewer`
      : `the file nests more than ${MAX_DEPTH} levels deep or holds more than ${MAX_VALUES} values; okctl.yaml needs far fewer`;
    return { ok: false, problems: [{ line: 1, column: 1, path: "", message }] };
  }
}

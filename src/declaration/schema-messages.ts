// Turns ajv's errors into problems a person understands without reading the schema, one per
// offending node: `metadata.accountID must be a quoted string of 12 digits: YAML read
// 123456789012 as a number`, `unknown key "vcp" — did you mean "vpc"?`.
import type { ErrorObject } from "ajv/dist/2020.js";
import { closestMatch } from "./did-you-mean.js";
import { describeRead, showValue } from "./describe-value.js";
import { displayPath, pointerFrom, pointerSegments } from "./pointer.js";
import type { Problem } from "./problem.js";
import type { SourceIndex } from "./source-index.js";

interface SchemaNode {
  properties?: Record<string, unknown>;
  patternErrorMessage?: string;
}

/** Keywords whose errors only repeat what the errors inside them say. */
const CASCADES = new Set(["oneOf", "anyOf", "allOf", "if", "then", "else", "not", "propertyNames"]);

/**
 * Lower wins: at one path, only the most basic kind of problem is reported. A length outranks a
 * pattern ("b" is too short before it is badly formed), so that the message states the limit.
 */
const PRIORITY: Record<string, number> = { type: 0, const: 1, enum: 1, minLength: 2, maxLength: 2, pattern: 2.5 };

const TYPE_PHRASES: Record<string, string> = {
  string: "must be text",
  integer: "must be a whole number",
  number: "must be a number",
  boolean: "must be true or false",
  array: "must be a list",
  object: "must be a mapping (indented key: value lines)",
};

function childPath(parent: string, key: string): string {
  return parent + pointerFrom([key]);
}

function orList(values: readonly unknown[]): string {
  const shown = values.map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
  if (shown.length <= 2) return shown.join(" or ");
  return `one of ${shown.slice(0, -1).join(", ")} or ${shown[shown.length - 1]}`;
}

function andList(values: readonly string[]): string {
  return values.length <= 1 ? values.join("") : `${values.slice(0, -1).join(", ")} and ${values[values.length - 1]}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function unknownKey(error: ErrorObject, schema: SchemaNode): Problem {
  const key = String(error.params.additionalProperty);
  const path = childPath(error.instancePath, key);
  const allowed = Object.keys(schema.properties ?? {});
  const suggestion = closestMatch(key, allowed);
  const where = error.instancePath === "" ? "at the top level" : `in ${displayPath(error.instancePath)}`;
  const message = suggestion
    ? `unknown key "${key}" — did you mean "${suggestion}"?`
    : `unknown key "${key}" ${where}; the keys here are ${andList(allowed)}`;
  return { path, message, anchor: "key" };
}

function typeMessage(error: ErrorObject, schema: SchemaNode, source: string | undefined): string {
  const expected = String(error.params.type).split(",")[0]!;
  const phrase = (expected === "string" && schema.patternErrorMessage) || TYPE_PHRASES[expected] || `must be ${expected}`;
  const quote = expected === "string" && (typeof error.data === "number" || typeof error.data === "boolean") && !phrase.includes("quote");
  return `${phrase}: ${describeRead(error.data, source)}${quote ? "; put it in quotes" : ""}`;
}

function describe(error: ErrorObject, index: SourceIndex): Problem {
  const schema = (error.parentSchema ?? {}) as SchemaNode;
  const path = error.instancePath;
  const shown = displayPath(path);
  const data: unknown = error.data;
  const params = error.params as Record<string, unknown>;
  const value = (message: string): Problem => ({ path, message: `${shown} ${message}`, anchor: "value" });
  switch (error.keyword) {
    case "additionalProperties":
      return unknownKey(error, schema);
    case "required": {
      const missing = String(params.missingProperty);
      return { path: childPath(path, missing), message: `${shown} is missing required key "${missing}"`, anchor: "parent" };
    }
    case "type":
      return value(typeMessage(error, schema, index.get(path)?.source));
    case "const":
      return value(`must be ${JSON.stringify(params.allowedValue)}, not ${showValue(data)}`);
    case "enum": {
      const allowed = (params.allowedValues as unknown[]) ?? [];
      const strings = allowed.filter((v): v is string => typeof v === "string");
      const hint = typeof data === "string" ? closestMatch(data, strings) : undefined;
      return value(`must be ${orList(allowed)}, not ${showValue(data)}${hint ? ` — did you mean ${hint}?` : ""}`);
    }
    case "pattern":
      return value(`${schema.patternErrorMessage ?? "is not in the expected format"}, not ${showValue(data)}`);
    case "minLength":
    case "maxLength": {
      const length = typeof data === "string" ? [...data].length : 0;
      const bound = error.keyword === "minLength" ? "at least" : "at most";
      const rule = schema.patternErrorMessage && typeof data === "string" && !new RegExp(String((schema as { pattern?: string }).pattern ?? "")).test(data)
        ? ` and ${schema.patternErrorMessage.replace(/^must be /, "")}`
        : "";
      return value(`must be ${bound} ${plural(Number(params.limit), "character")} long${rule}, not ${length}${error.keyword === "minLength" ? `: ${showValue(data)}` : ""}`);
    }
    case "minimum":
    case "maximum":
      return value(`must be ${error.keyword === "minimum" ? "at least" : "at most"} ${String(params.limit)}, not ${showValue(data)}`);
    case "minItems":
    case "maxItems": {
      const count = Array.isArray(data) ? data.length : 0;
      return value(`must list ${error.keyword === "minItems" ? "at least" : "at most"} ${plural(Number(params.limit), "item")}, not ${count}`);
    }
    case "maxProperties":
      return value(`may have at most ${plural(Number(params.limit), "entry")}`.replace("entrys", "entries"));
    case "uniqueItems": {
      const later = Number(params.i);
      const item = Array.isArray(data) ? data[later] : undefined;
      const itemPath = `${path}/${later}`;
      return { path: itemPath, message: `${shown} lists ${showValue(item)} more than once`, anchor: "value" };
    }
    default:
      return value(error.message ?? "is not valid");
  }
}

/** A property name that failed propertyNames: reported at the key. */
function badKey(error: ErrorObject): Problem {
  const key = String(error.propertyName);
  const schema = (error.parentSchema ?? {}) as SchemaNode;
  const rule = error.keyword === "pattern" ? schema.patternErrorMessage : error.message;
  const where = displayPath(error.instancePath);
  return { path: childPath(error.instancePath, key), message: `key "${key}" in ${where} ${rule ?? "is not valid"}`, anchor: "key" };
}

/** Human problems for ajv's errors: cascades dropped, one kind of problem per path. */
export function schemaProblems(errors: readonly ErrorObject[], index: SourceIndex): Problem[] {
  const ranked: { problem: Problem; priority: number }[] = [];
  for (const error of errors) {
    if (CASCADES.has(error.keyword)) continue;
    const problem = error.propertyName !== undefined ? badKey(error) : describe(error, index);
    ranked.push({ problem, priority: PRIORITY[error.keyword] ?? 3 });
  }
  const best = new Map<string, number>();
  for (const { problem, priority } of ranked) best.set(problem.path, Math.min(priority, best.get(problem.path) ?? Infinity));
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const { problem, priority } of ranked) {
    const id = `${problem.path}\n${problem.message}`;
    if (priority !== best.get(problem.path) || seen.has(id)) continue;
    seen.add(id);
    problems.push(problem);
  }
  return problems;
}

/** Paths (and everything below them) that the schema already found wrong. */
export function coversPath(problems: readonly Problem[], path: string): boolean {
  const segments = pointerSegments(path);
  return problems.some((p) => {
    const other = pointerSegments(p.path);
    return other.length <= segments.length && other.every((s, i) => s === segments[i]);
  });
}

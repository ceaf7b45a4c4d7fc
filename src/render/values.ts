// Plan values for comments: the terminal renderer's one-line form (JSON, "(sensitive)",
// "(known after apply)"), cut when huge; and the same value over several lines, for values too
// long for one.
import type { PlanValue } from "../plan/types.js";
import { isSensitiveValue, isUnknownValue } from "../plan/values.js";
import { clip, oneLine, sizeOf } from "./escape.js";
import { formatValue as formatPlainValue } from "./terminal-values.js";

export { KNOWN_AFTER_APPLY, SENSITIVE_TEXT } from "./terminal-values.js";

/** Longest value shown, in bytes; longer ones are cut with a note of their size. */
export const MAX_VALUE_SIZE = 1000;
/** Most lines one value is shown on; the rest is counted. */
export const MAX_VALUE_LINES = 40;

/** One line, at most `max` bytes (plus a short note of how much was cut). */
export function formatValue(value: PlanValue | undefined, max = MAX_VALUE_SIZE): string {
  if (value === undefined) return "(none)";
  const text = oneLine(formatPlainValue(value));
  if (sizeOf(text) <= max) return text;
  return `${clip(text, max)} (${text.length} characters)`;
}

/** Cuts one line into pieces of at most `width` characters, after a space, comma or slash where there is one. */
function wrap(text: string, width: number): string[] {
  const pieces: string[] = [];
  let rest = [...text];
  while (rest.length > width) {
    let cut = width;
    for (let index = width - 1; index >= width / 2; index -= 1) {
      if (/[\s,/;]/.test(rest[index]!)) {
        cut = index + 1;
        break;
      }
    }
    pieces.push(rest.slice(0, cut).join("").trimEnd());
    rest = rest.slice(cut);
  }
  pieces.push(rest.join(""));
  return pieces;
}

/** A string holding a JSON object or array (a policy, a document), parsed; else undefined. */
function embeddedJson(value: PlanValue): PlanValue | undefined {
  if (typeof value !== "string" || !/^\s*[[{]/.test(value)) return undefined;
  try {
    return JSON.parse(value) as PlanValue;
  } catch {
    return undefined;
  }
}

function isPlainObject(value: PlanValue): value is Record<string, PlanValue> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !isUnknownValue(value) && !isSensitiveValue(value);
}

/** YAML-like lines: list items as `- item`, members as `key: value`, nested ones indented. */
function structuredLines(value: PlanValue, width: number, indent: string): string[] {
  const entry = (prefix: string, member: PlanValue): string[] => {
    const flat = `${prefix}${formatValue(member)}`;
    if (indent.length + flat.length <= width || !(Array.isArray(member) || isPlainObject(member))) {
      return wrap(`${indent}${flat}`, width);
    }
    const nested = structuredLines(member, width, `${indent}  `);
    // A list item's nested lines start on the dash's line, as YAML writes them.
    if (prefix === "- " && nested.length > 0) return [`${indent}- ${nested[0]!.slice(indent.length + 2)}`, ...nested.slice(1)];
    return [`${indent}${prefix.trimEnd()}`, ...nested];
  };
  if (Array.isArray(value)) return value.length === 0 ? [`${indent}[]`] : value.flatMap((item) => entry("- ", item));
  if (isPlainObject(value)) {
    const members = Object.entries(value);
    return members.length === 0 ? [`${indent}{}`] : members.flatMap(([key, member]) => entry(`${oneLine(JSON.stringify(key))}: `, member));
  }
  const json = embeddedJson(value);
  if (json !== undefined) return [`${indent}(JSON text)`, ...structuredLines(json, width, `${indent}  `)];
  return wrap(`${indent}${formatValue(value)}`, width);
}

/** The value over lines of at most `width` characters, at most MAX_VALUE_LINES of them. */
export function valueLines(value: PlanValue | undefined, width: number): string[] {
  const lines = value === undefined ? ["(none)"] : structuredLines(value, Math.max(20, width), "");
  if (lines.length <= MAX_VALUE_LINES) return lines;
  return [...lines.slice(0, MAX_VALUE_LINES - 1), `… ${lines.length - MAX_VALUE_LINES + 1} more lines`];
}

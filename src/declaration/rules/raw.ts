// Careful reading of not-yet-validated data for the semantic rules: each accessor returns
// undefined when the value is missing or of the wrong type (the schema reports that), so rules can
// run even when other parts of the file are wrong, and every problem is reported in one run.
import { displayPath } from "../pointer.js";
import type { Problem } from "../problem.js";

export type Raw = unknown;

export function field(value: Raw, ...keys: string[]): Raw {
  let current = value;
  for (const key of keys) {
    if (typeof current !== "object" || current === null || Array.isArray(current)) return undefined;
    current = Object.hasOwn(current, key) ? (current as Record<string, unknown>)[key] : undefined;
  }
  return current;
}

export function text(value: Raw): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function integer(value: Raw): number | undefined {
  return typeof value === "number" && Number.isInteger(value) ? value : undefined;
}

export function list(value: Raw): Raw[] {
  return Array.isArray(value) ? value : [];
}

/** A semantic rule: reads the raw data, returns problems (value-anchored unless stated). */
export type Rule = (data: Raw) => Problem[];

export function problemAt(path: string, message: string): Problem {
  return { path, message, anchor: "value" };
}

/**
 * Problems for each repeated value of `name(item)`, at the later occurrences. `key` says when two
 * values are the same (by default, when they are equal); `why` explains a match that is not equal.
 */
export function duplicates(
  items: Raw[],
  name: (item: Raw) => string | undefined,
  pathOf: (index: number) => string,
  what: string,
  same: { key: (value: string) => string; why: string } = { key: (value) => value, why: "" },
): Problem[] {
  const first = new Map<string, { index: number; value: string }>();
  const problems: Problem[] = [];
  items.forEach((item, index) => {
    const value = name(item);
    if (value === undefined) return;
    const key = same.key(value);
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, { index, value });
      return;
    }
    const at = `${displayPath(pathOf(index))} "${value}"`;
    const used = earlier.value === value ? `is already used by ${displayPath(pathOf(earlier.index))}` : `is the same as ${displayPath(pathOf(earlier.index))} "${earlier.value}" (${same.why})`;
    problems.push(problemAt(pathOf(index), `${at} ${used}; each ${what} must be unique`));
  });
  return problems;
}

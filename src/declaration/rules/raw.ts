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

/** Problems for each repeated value of `name(item)`, at the later occurrences. */
export function duplicates(items: Raw[], name: (item: Raw) => string | undefined, pathOf: (index: number) => string, what: string): Problem[] {
  const first = new Map<string, number>();
  const problems: Problem[] = [];
  items.forEach((item, index) => {
    const value = name(item);
    if (value === undefined) return;
    const earlier = first.get(value);
    if (earlier === undefined) first.set(value, index);
    else problems.push(problemAt(pathOf(index), `${displayPath(pathOf(index))} "${value}" is already used by ${displayPath(pathOf(earlier))}; each ${what} must be unique`));
  });
  return problems;
}

// Plan values for comments: the terminal renderer's one-line form (JSON, "(sensitive)",
// "(known after apply)"), kept on one line and cut when huge.
import type { PlanValue } from "../plan/types.js";
import { clip, oneLine, sizeOf } from "./escape.js";
import { formatValue as formatPlainValue } from "./terminal-values.js";

export { KNOWN_AFTER_APPLY, SENSITIVE_TEXT } from "./terminal-values.js";

/** Longest value shown, in bytes; longer ones are cut with a note of their size. */
export const MAX_VALUE_SIZE = 1000;

/** One line, at most `max` bytes (plus a short note of how much was cut). */
export function formatValue(value: PlanValue | undefined, max = MAX_VALUE_SIZE): string {
  if (value === undefined) return "(none)";
  const text = oneLine(formatPlainValue(value));
  if (sizeOf(text) <= max) return text;
  return `${clip(text, max)} (${text.length} characters)`;
}

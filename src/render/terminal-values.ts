// Plan values as terminal text: JSON, with markers for what is not known or not shown.
import type { PlanValue } from "../plan/types.js";
import { isSensitiveValue, isUnknownValue } from "../plan/values.js";
import { neutralise } from "./controls.js";

export const KNOWN_AFTER_APPLY = "(known after apply)";
export const SENSITIVE_TEXT = "(sensitive)";

export function formatValue(value: PlanValue | undefined): string {
  if (value === undefined) return "null";
  if (isUnknownValue(value)) return KNOWN_AFTER_APPLY;
  if (isSensitiveValue(value)) return SENSITIVE_TEXT;
  if (Array.isArray(value)) return `[${value.map((item) => formatValue(item)).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const members = Object.entries(value).map(([key, member]) => `${neutralise(JSON.stringify(key))}: ${formatValue(member as PlanValue)}`);
    return `{${members.join(", ")}}`;
  }
  // JSON escapes C0 controls but leaves C1 and bidi controls as they are.
  return neutralise(JSON.stringify(value));
}

/** "0s", "42s", "2m05s". */
export function formatDuration(ms: number): string {
  const seconds = Math.floor(Math.max(0, ms) / 1000);
  if (seconds < 60) return `${seconds}s`;
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
}

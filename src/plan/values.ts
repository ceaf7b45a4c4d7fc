// Plan values that stand for what cannot, or must not, be shown.
import type { PlanValue } from "./types.js";

export const UNKNOWN: { unknown: true } = Object.freeze({ unknown: true });
export const SENSITIVE: { sensitive: true } = Object.freeze({ sensitive: true });

function isMarker(value: unknown, key: "unknown" | "sensitive"): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    (value as Record<string, unknown>)[key] === true
  );
}

/** `{ unknown: true }`: known only after apply. */
export function isUnknownValue(value: unknown): value is { unknown: true } {
  return isMarker(value, "unknown");
}

/** `{ sensitive: true }`: a secret, never shown. */
export function isSensitiveValue(value: unknown): value is { sensitive: true } {
  return isMarker(value, "sensitive");
}

/** True when the value is unknown or contains an unknown part. */
export function containsUnknown(value: PlanValue | undefined): boolean {
  if (isUnknownValue(value)) return true;
  if (Array.isArray(value)) return value.some((item) => containsUnknown(item));
  if (typeof value === "object" && value !== null) {
    return Object.values(value).some((member) => containsUnknown(member as PlanValue));
  }
  return false;
}

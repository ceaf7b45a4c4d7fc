// Says what YAML made of a value, in words: `YAML read 1.30 as the number 1.3`.

/** A value's kind in words: "text", "a number", "true or false", "a list", "a mapping", "empty". */
export function kindOf(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      return "text";
    case "number":
    case "bigint":
      return "a number";
    case "boolean":
      return "a boolean";
    default:
      return "a mapping";
  }
}

/**
 * "YAML read 123456789012 as a number"; mentions the value YAML made when it differs from the
 * text written (1.30 → 1.3, 0123 → 123). `source` is the scalar as written, when known.
 */
export function describeRead(value: unknown, source: string | undefined): string {
  const kind = kindOf(value);
  if (value === null || value === undefined) return source ? `YAML read ${source} as empty (null)` : "the value is empty";
  if (Array.isArray(value) || typeof value === "object") return `YAML read ${kind}`;
  const written = source?.trim() || JSON.stringify(value);
  const made = typeof value === "string" ? JSON.stringify(value) : String(value);
  const differs = typeof value !== "string" && written !== made;
  return `YAML read ${written} as ${kind}${differs ? ` (${made})` : ""}`;
}

/** A value quoted for a message: strings in double quotes, others as YAML would write them. */
export function showValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value === null || value === undefined) return "an empty value";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return String(value);
}

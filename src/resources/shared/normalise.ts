// Canonical forms for values AWS returns in no particular order, so desired and actual compare equal.

/** A sorted copy without duplicates. */
export function sortedSet(values: readonly string[] | undefined): string[] {
  return [...new Set(values ?? [])].sort();
}

/** A copy of a string record with its keys sorted. */
export function sortedRecord(record: Record<string, string | undefined> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(record ?? {}).sort()) {
    const value = record?.[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

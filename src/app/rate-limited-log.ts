// A log line that cannot be turned into a flood: at most one per interval; the lines dropped in
// between are counted and reported with the next one that is written.

export interface RateLimitedLine {
  /** Writes the line now, or counts it as suppressed; true if it was written. */
  (fields: Record<string, unknown>): boolean;
}

export function rateLimitedLine(write: (fields: Record<string, unknown>) => void, intervalMs: number, now: () => number = Date.now): RateLimitedLine {
  let lastWritten = -Infinity;
  let suppressed = 0;
  return (fields) => {
    const at = now();
    if (at - lastWritten < intervalMs) {
      suppressed++;
      return false;
    }
    lastWritten = at;
    write(suppressed > 0 ? { ...fields, suppressedSinceLast: suppressed } : fields);
    suppressed = 0;
    return true;
  };
}

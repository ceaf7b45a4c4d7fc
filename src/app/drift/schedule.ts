// Drift rounds, in time: OKCTL_DRIFT_INTERVAL cuts time into rounds aligned to the epoch (round n
// covers [n·interval, (n+1)·interval)), so every replica and every restart agrees on which round it
// is without asking anyone. A round's checks are spread evenly over what is left of it. Pure.

/** One round of drift checks. */
export interface DriftRound {
  /** floor(start / intervalMs): with the interval, names the round everywhere (dedupe keys). */
  index: number;
  intervalMs: number;
  start: Date;
  end: Date;
}

export const DEFAULT_DRIFT_INTERVAL_MS = 24 * 60 * 60 * 1000;
/** Shorter intervals are for tests; a real installation checks every few hours at most. */
export const MIN_DRIFT_INTERVAL_MS = 1000;

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * OKCTL_DRIFT_INTERVAL: unset → 24 hours; `0` (or `off`) → no drift checks (0 returned); else a
 * duration with its unit: `24h`, `90m`, `30s`, `1d`, `500ms`. Throws saying what is accepted.
 */
export function parseDriftInterval(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_DRIFT_INTERVAL_MS;
  const text = raw.trim().toLowerCase();
  if (text === "0" || text === "off") return 0;
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/.exec(text);
  const ms = match ? Math.round(Number(match[1]) * UNITS[match[2]!]!) : Number.NaN;
  if (!(ms >= MIN_DRIFT_INTERVAL_MS) || ms > 366 * UNITS.d!) {
    throw new Error(`OKCTL_DRIFT_INTERVAL must be a duration such as 24h, 6h, 90m or 1d (at least 1s, at most 366d), or 0 to turn drift checks off; got "${raw.slice(0, 40)}"`);
  }
  return ms;
}

export function driftRoundAt(now: Date, intervalMs: number): DriftRound {
  if (!(intervalMs > 0)) throw new Error(`a drift round needs a positive interval, got ${intervalMs}`);
  const index = Math.floor(now.getTime() / intervalMs);
  return { index, intervalMs, start: new Date(index * intervalMs), end: new Date((index + 1) * intervalMs) };
}

/** The round's name in dedupe keys: the interval is part of it, so changing the interval starts afresh. */
export function roundName(round: Pick<DriftRound, "index" | "intervalMs">): string {
  return `${round.intervalMs}ms#${round.index}`;
}

/**
 * When the i-th of n checks runs: evenly over [from, round end), the first at `from`. `from` is
 * when the round was laid out (its start, or later after a restart): nothing is put in the past.
 */
export function spreadRunAfter(round: Pick<DriftRound, "end">, from: Date, i: number, n: number): Date {
  if (n <= 0 || i < 0 || i >= n) throw new Error(`check ${i} of ${n} is not in the round`);
  const span = Math.max(0, round.end.getTime() - from.getTime());
  return new Date(from.getTime() + Math.floor((span * i) / n));
}

// Keeps drift rounds coming: every replica, now and then, enqueues the current round's job. Its
// dedupe key makes that one job per round whoever asks and however often, across restarts and
// replicas; a round missed entirely while no replica ran is not made up (the next one is due).
import type { Store } from "../../store/store.js";
import type { AppLogger } from "../deps.js";
import { driftRoundJob } from "./jobs.js";
import { driftRoundAt } from "./schedule.js";

export interface DriftScheduler {
  /** Enqueues the current round's job unless it exists; what the timer does. */
  tick(): Promise<void>;
  stop(): void;
}

/** How often to look: a round starts at most this late (a minute, or a quarter of a short interval). */
export function tickMs(intervalMs: number): number {
  return Math.max(250, Math.min(60_000, Math.floor(intervalMs / 4)));
}

export function scheduleDriftRounds(options: { store: Store; intervalMs: number; now: () => Date; log: Pick<AppLogger, "error" | "info"> }): DriftScheduler {
  const { store, intervalMs, now, log } = options;
  let lastIndex: number | undefined;
  const tick = async (): Promise<void> => {
    const round = driftRoundAt(now(), intervalMs);
    if (round.index === lastIndex) return; // this process enqueued it (or saw it) already
    try {
      const job = await store.enqueueJob(driftRoundJob(round), now());
      lastIndex = round.index;
      log.info({ round: round.start.toISOString(), jobId: job.id }, "drift round scheduled");
    } catch (error) {
      log.error({ err: error instanceof Error ? error.message : String(error) }, "could not schedule the drift round; trying again soon");
    }
  };
  const timer = setInterval(() => void tick(), tickMs(intervalMs));
  timer.unref();
  void tick();
  return { tick, stop: () => clearInterval(timer) };
}

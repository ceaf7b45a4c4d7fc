// What an attacker without the webhook secret can cost the server: 4 × 50 MB unsigned bodies sent
// at once to the real server process (`node dist/src/server.js`), twice — declaring their length
// (refused from Content-Length) and chunked (refused by counting the stream at 25 MB). Measures
// the server's resident memory growth (peak VmHWM over the RSS before) and the bytes it logged.
// Targets: < 100 MB RSS growth, < 1 MB of log, every body answered 413 or cut off.
import { pathToFileURL } from "node:url";
import { startAppProcess, WEBHOOK_PATH } from "../test/support/app-process.js";
import { sendOversizedBody, type OversizedOutcome } from "../test/support/oversized-body.js";
import { serverDir } from "../test/support/server-start.js";

const MB = 1024 * 1024;
const BODIES = 4;
const BODY_BYTES = 50 * MB;
export const RSS_GROWTH_TARGET_MB = 100;
export const LOG_GROWTH_TARGET_BYTES = 1 * MB;

export interface OversizedRound {
  mode: "content-length" | "chunked";
  statuses: (number | null)[];
  /** Bytes the senders had written when the server answered or cut them off, in total. */
  sentMb: number;
}

export interface OversizedBodiesFigures {
  /** Bodies per round, and the size of each. */
  bodies: number;
  bodyMb: number;
  rounds: OversizedRound[];
  rssBeforeMb: number;
  rssPeakGrowthMb: number;
  rssAfterGrowthMb: number;
  logGrowthBytes: number;
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface OversizedBodiesOptions {
  /** Bodies sent at once in each round (default 4). */
  bodies?: number;
  /** The size of each (default 50 MB; more than the server's 25 MB limit, or nothing is refused). */
  bodyBytes?: number;
}

export async function runOversizedBodiesBenchmark(options: OversizedBodiesOptions = {}): Promise<OversizedBodiesFigures> {
  const bodies = options.bodies ?? BODIES;
  const bodyBytes = options.bodyBytes ?? BODY_BYTES;
  const dir = serverDir();
  const app = await startAppProcess(dir.options({ LOG_FORMAT: "json" }));
  try {
    await settle(1_000); // start-up work (migrations, first timers) done
    const before = app.memory();
    if (!before) throw new Error("cannot read the server's memory from /proc (Linux only)");
    const logBefore = app.logBytes();
    const rounds: OversizedRound[] = [];
    for (const mode of ["content-length", "chunked"] as const) {
      const outcomes: OversizedOutcome[] = await Promise.all(
        Array.from({ length: bodies }, () => sendOversizedBody({ url: `${app.url}${WEBHOOK_PATH}`, bytes: bodyBytes, chunked: mode === "chunked", timeoutMs: 60_000 })),
      );
      rounds.push({ mode, statuses: outcomes.map((outcome) => outcome.status), sentMb: outcomes.reduce((sum, outcome) => sum + outcome.sentBytes, 0) / MB });
    }
    await settle(1_000); // let the last log lines arrive
    const after = app.memory();
    if (!after) throw new Error("the server exited during the benchmark");
    return {
      bodies,
      bodyMb: bodyBytes / MB,
      rounds,
      rssBeforeMb: before.rssKb / 1024,
      rssPeakGrowthMb: (after.hwmKb - before.rssKb) / 1024,
      rssAfterGrowthMb: (after.rssKb - before.rssKb) / 1024,
      logGrowthBytes: app.logBytes() - logBefore,
    };
  } finally {
    await app.stop();
    dir.remove();
  }
}

export function formatOversizedBodiesFigures(figures: OversizedBodiesFigures): string {
  const rss = figures.rssPeakGrowthMb < RSS_GROWTH_TARGET_MB ? "met" : "MISSED";
  const log = figures.logGrowthBytes < LOG_GROWTH_TARGET_BYTES ? "met" : "MISSED";
  return [
    `${figures.bodies} × ${figures.bodyMb} MB unsigned bodies at once, to the real server (RSS before: ${figures.rssBeforeMb.toFixed(0)} MB)`,
    ...figures.rounds.map((round) => `  ${round.mode.padEnd(14)}  answers ${round.statuses.map((status) => status ?? "cut").join(", ")}; ${round.sentMb.toFixed(1)} MB sent before the answer`),
    `  RSS growth: peak +${figures.rssPeakGrowthMb.toFixed(1)} MB, after +${figures.rssAfterGrowthMb.toFixed(1)} MB (target < ${RSS_GROWTH_TARGET_MB} MB: ${rss})`,
    `  log growth: ${figures.logGrowthBytes} bytes (target < ${LOG_GROWTH_TARGET_BYTES} bytes: ${log})`,
  ].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(formatOversizedBodiesFigures(await runOversizedBodiesBenchmark()));
}

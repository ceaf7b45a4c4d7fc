// Drives signed webhook deliveries at one server with a fixed concurrency, bounded by count and
// time, and samples the server's memory from /proc while it runs.
import { Agent } from "node:http";
import type { AppProcess, MemorySample } from "./app-process.js";
import { sendWebhook } from "./webhooks.js";

export interface Delivery {
  event: string;
  payload: unknown;
}

/** One bounded run of deliveries against one server. */
export interface LoadRun {
  sent: number;
  /** Acknowledgement latencies of the 2xx answers, in milliseconds, ascending. */
  latenciesMs: number[];
  failed: number;
  firstFailure?: string;
  wallMs: number;
  peakRssKb: number;
  hwmKb: number;
}

/** Figures over one or more runs against the same server. */
export interface LoadFigures {
  sent: number;
  acknowledged: number;
  /** Non-2xx answers and transport errors, with one example message. */
  failed: number;
  firstFailure?: string;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  throughputRps: number;
  wallMs: number;
  /** The highest VmRSS sampled during the load, and VmHWM at its end (kB). */
  peakRssKb: number;
  hwmKb: number;
}

/** Nearest-rank percentile of ascending `sorted`. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? NaN;
}

export async function runLoad(
  app: AppProcess,
  deliveries: Delivery[],
  options: { concurrency: number; timeLimitMs: number; sampleEveryMs?: number; agent?: Agent },
): Promise<LoadRun> {
  // A caller's agent keeps its connections across runs; without one, this run opens its own.
  const agent = options.agent ?? new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies: number[] = [];
  let failed = 0;
  let firstFailure: string | undefined;
  let next = 0;
  let peakRssKb = app.memory()?.rssKb ?? 0;
  const sampler = setInterval(() => {
    peakRssKb = Math.max(peakRssKb, app.memory()?.rssKb ?? 0);
  }, options.sampleEveryMs ?? 20);
  const started = performance.now();
  const deadline = started + options.timeLimitMs;

  const worker = async (): Promise<void> => {
    while (next < deliveries.length && performance.now() < deadline) {
      const delivery = deliveries[next++] as Delivery;
      try {
        const response = await sendWebhook({
          url: app.webhookUrl,
          secret: app.webhookSecret,
          event: delivery.event,
          payload: delivery.payload,
          agent,
        });
        if (response.status >= 200 && response.status < 300) latencies.push(response.durationMs);
        else {
          failed += 1;
          firstFailure ??= `HTTP ${response.status}: ${response.body.slice(0, 200)}`;
        }
      } catch (error) {
        failed += 1;
        firstFailure ??= (error as Error).message;
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  } finally {
    clearInterval(sampler);
    if (!options.agent) agent.destroy();
  }
  const wallMs = performance.now() - started;
  const end: MemorySample | undefined = app.memory();
  peakRssKb = Math.max(peakRssKb, end?.rssKb ?? 0);
  latencies.sort((a, b) => a - b);
  return {
    sent: next,
    latenciesMs: latencies,
    failed,
    ...(firstFailure === undefined ? {} : { firstFailure }),
    wallMs,
    peakRssKb,
    hwmKb: end?.hwmKb ?? peakRssKb,
  };
}

/** Pools runs: percentiles over all latencies, throughput as acknowledged ÷ total wall time. */
export function summariseRuns(runs: LoadRun[]): LoadFigures {
  const latencies = runs.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
  const wallMs = runs.reduce((sum, r) => sum + r.wallMs, 0);
  const firstFailure = runs.find((r) => r.firstFailure !== undefined)?.firstFailure;
  return {
    sent: runs.reduce((sum, r) => sum + r.sent, 0),
    acknowledged: latencies.length,
    failed: runs.reduce((sum, r) => sum + r.failed, 0),
    ...(firstFailure === undefined ? {} : { firstFailure }),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1) ?? NaN,
    throughputRps: latencies.length / (wallMs / 1000),
    wallMs,
    peakRssKb: Math.max(0, ...runs.map((r) => r.peakRssKb)),
    hwmKb: Math.max(0, ...runs.map((r) => r.hwmKb)),
  };
}

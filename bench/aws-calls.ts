// AWS API calls of a no-change plan of the full example, against moto: apply the example on an
// empty account, then plan again with fresh clients and count each call. Target: ≤ 30 calls.
// Also the plan's wall time (median of several runs; moto answers locally, so this is okctl's
// own overhead plus loopback round trips, not AWS latency). For comparison, the calls of the first
// plan on the empty account: everything is created, so it includes the collision look-ups (issue 8).
import { pathToFileURL } from "node:url";
import { createAwsClients } from "../src/aws/clients.js";
import { fullDeclaration } from "../test/support/declarations.js";
import { applyFor, hostParentZone, planFor } from "../test/support/engine.js";
import { startTestAws } from "../test/support/test-aws.js";

export const AWS_CALLS_TARGET = 30;

export interface AwsCallsFigures {
  /** Resources in the plan (all no-ops). */
  resources: number;
  /** API calls of one no-change plan. */
  calls: number;
  /** API calls of the plan on the empty account (all creates, collision look-ups included). */
  createPlanCalls: number;
  /** Calls by "Service.Operation", most first. */
  byOperation: [string, number][];
  runs: number;
  planMsMedian: number;
  planMsMin: number;
  planMsMax: number;
}

const ENV_KEYS = ["AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "AWS_PROFILE", "AWS_SESSION_TOKEN"] as const;

/** Points the SDK at the endpoint with dummy credentials (as test/support/aws.ts does); returns a restore function. */
function pointSdkAt(endpoint: string): () => void {
  const saved = ENV_KEYS.map((key) => [key, process.env[key]] as const);
  Object.assign(process.env, { AWS_ENDPOINT_URL: endpoint, AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing", AWS_REGION: "eu-west-1" });
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  return () => {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export async function runAwsCallsBenchmark(options: { runs?: number } = {}): Promise<AwsCallsFigures> {
  const runs = options.runs ?? 5;
  const moto = await startTestAws({ acmValidationWaitSeconds: 0 });
  const restore = pointSdkAt(moto.endpoint);
  try {
    const declaration = fullDeclaration();
    const setup = createAwsClients({ region: declaration.metadata.region });
    await hostParentZone(setup);
    const counted = createAwsClients({ region: declaration.metadata.region });
    const createPlan = await planFor(declaration, counted);
    const applied = await applyFor(createPlan, setup);
    if (applied.outcome !== "applied" || !applied.ok) throw new Error("applying the full example on moto failed");

    const samples: { ms: number; calls: number; byOperation: Map<string, number>; resources: number }[] = [];
    for (let run = 0; run < runs; run++) {
      const clients = createAwsClients({ region: declaration.metadata.region });
      const started = performance.now();
      const plan = await planFor(declaration, clients);
      const ms = performance.now() - started;
      const pending = plan.changes.filter((change) => change.action !== "no-op");
      if (plan.errors.length > 0 || pending.length > 0) {
        throw new Error(`the plan after apply is not empty: ${[...plan.errors, ...pending.map((c) => `${c.action} ${c.id}`)].join("; ")}`);
      }
      samples.push({ ms, calls: clients.calls.total, byOperation: clients.calls.byOperation, resources: plan.changes.length });
    }
    const first = samples[0]!;
    const times = samples.map((sample) => sample.ms);
    return {
      resources: first.resources,
      calls: first.calls,
      createPlanCalls: counted.calls.total,
      byOperation: [...first.byOperation].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
      runs,
      planMsMedian: median(times),
      planMsMin: Math.min(...times),
      planMsMax: Math.max(...times),
    };
  } finally {
    restore();
    await moto.stop();
  }
}

export function formatAwsCallsFigures(figures: AwsCallsFigures): string {
  const met = figures.calls <= AWS_CALLS_TARGET ? "met" : "MISSED";
  const width = Math.max(...figures.byOperation.map(([operation]) => operation.length));
  return [
    `AWS API calls of a no-change plan (full example, ${figures.resources} resources, against moto)`,
    `  calls:      ${figures.calls} (target ≤ ${AWS_CALLS_TARGET}: ${met})`,
    ...figures.byOperation.map(([operation, count]) => `    ${operation.padEnd(width)}  ${count}`),
    `  wall time:  median ${figures.planMsMedian.toFixed(0)} ms of ${figures.runs} plans ` +
      `(min ${figures.planMsMin.toFixed(0)}, max ${figures.planMsMax.toFixed(0)})`,
    `  the first plan, on the empty account (every resource created, collision look-ups included): ${figures.createPlanCalls} calls`,
  ].join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runAwsCallsBenchmark().then(
    (figures) => console.log(formatAwsCallsFigures(figures)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}

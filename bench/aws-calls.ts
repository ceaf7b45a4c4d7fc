// AWS API calls of a no-change plan of the full example, against moto and the EKS stand-in: apply
// the example on an empty account, then plan again with fresh clients and count each call.
// Target: ≤ 40 calls. Then the same with more resources of the same kinds (3 more access entries,
// 3 more pod identities, a second node group), to show how the count grows.
// Also the plan's wall time (median of several runs; moto answers locally, so this is okctl's
// own overhead plus loopback round trips, not AWS latency). For comparison, the calls of the first
// plan on the empty account: everything is created, so it includes the collision look-ups (issue 8).
import { pointSdkAt } from "./point-sdk.js";
import { pathToFileURL } from "node:url";
import { createAwsClients } from "../src/aws/clients.js";
import { fullDeclaration } from "../test/support/declarations.js";
import { applyFor, hostParentZone, planFor } from "../test/support/engine.js";
import { resetMoto } from "../test/support/moto-server.js";
import { startTestAws } from "../test/support/test-aws.js";
import type { Declaration } from "../src/declaration/types.js";

export const AWS_CALLS_TARGET = 40;

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
  /** The same, for the example with 3 more access entries, 3 more pod identities and a second node group. */
  larger: { resources: number; calls: number; byOperation: [string, number][] };
}

/** The full example with 3 more access entries, 3 more pod identities and a second node group. */
export function largerDeclaration(): Declaration {
  const declaration = fullDeclaration();
  const { eks } = declaration;
  return {
    ...declaration,
    eks: {
      ...eks,
      nodeGroups: [...eks.nodeGroups, { ...eks.nodeGroups[0]!, name: "batch", labels: { pool: "batch" } }],
      accessEntries: [
        ...eks.accessEntries,
        ...["auditors", "ci", "support"].map((name) => ({ principalArn: `arn:aws:iam::123456789012:role/booking-${name}`, accessPolicy: "view" as const, namespaces: [] })),
      ],
      podIdentities: [
        ...eks.podIdentities,
        ...["worker", "cron", "web"].map((name) => ({ namespace: "booking", serviceAccount: name, roleArn: `arn:aws:iam::123456789012:role/booking-${name}` })),
      ],
    },
  };
}

/** Applies the declaration on an empty account, then counts the calls of no-change plans. */
async function noChangePlans(declaration: Declaration, runs: number) {
  const setup = createAwsClients({ region: declaration.metadata.region });
  await hostParentZone(setup);
  // The first plan, on the empty account, counted: every resource is created, collision look-ups included.
  const counted = createAwsClients({ region: declaration.metadata.region });
  const applied = await applyFor(await planFor(declaration, counted), setup);
  if (applied.outcome !== "applied" || !applied.ok) throw new Error("applying the example on moto failed");
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
  return { samples, createPlanCalls: counted.calls.total };
}

function sortedOperations(byOperation: Map<string, number>): [string, number][] {
  return [...byOperation].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
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
    const { samples, createPlanCalls } = await noChangePlans(fullDeclaration(), runs);
    await resetMoto(moto.endpoint);
    const [larger] = (await noChangePlans(largerDeclaration(), 1)).samples;
    const first = samples[0]!;
    const times = samples.map((sample) => sample.ms);
    return {
      resources: first.resources,
      calls: first.calls,
      createPlanCalls,
      byOperation: sortedOperations(first.byOperation),
      runs,
      planMsMedian: median(times),
      planMsMin: Math.min(...times),
      planMsMax: Math.max(...times),
      larger: { resources: larger!.resources, calls: larger!.calls, byOperation: sortedOperations(larger!.byOperation) },
    };
  } finally {
    restore();
    await moto.stop();
  }
}

export function formatAwsCallsFigures(figures: AwsCallsFigures): string {
  const met = figures.calls <= AWS_CALLS_TARGET ? "met" : "MISSED";
  const width = Math.max(...figures.byOperation.map(([operation]) => operation.length));
  const larger = new Map(figures.larger.byOperation);
  const grew = figures.larger.byOperation.filter(([operation, count]) => count !== (figures.byOperation.find(([o]) => o === operation)?.[1] ?? 0));
  return [
    `AWS API calls of a no-change plan (full example, ${figures.resources} resources, against moto and the EKS stand-in)`,
    `  calls:      ${figures.calls} (target ≤ ${AWS_CALLS_TARGET}: ${met})`,
    ...figures.byOperation.map(([operation, count]) => `    ${operation.padEnd(width)}  ${count}${larger.get(operation) !== count ? ` (larger: ${larger.get(operation) ?? 0})` : ""}`),
    `  larger example (+3 access entries, +3 pod identities, +1 node group: ${figures.larger.resources} resources): ${figures.larger.calls} calls, ` +
      `+${figures.larger.calls - figures.calls}, all in per-item describes EKS has no batch read for: ${grew.map(([operation, count]) => `${operation} ${count}`).join(", ")}`,
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

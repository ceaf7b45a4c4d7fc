// AWS API calls of a no-change plan of the full example with every field in use, against moto and
// the EKS stand-in: apply it on an empty account, then plan again with fresh clients and count each
// call, by the kind whose read made it. Target: ≤ 40 calls. Then the same with more resources of the
// same kinds (3 more access entries, 3 more pod identities, a second node group), and with the node
// group split per availability zone, to show how the count grows.
// Also the plan's wall time (median of several runs; moto answers locally, so this is okctl's
// own overhead plus loopback round trips, not AWS latency). For comparison, the calls of the first
// plan on the empty account: everything is created, so it includes the collision look-ups (issue 8).
import { attributeReadsToKinds, countCallsByKind, formatCallsByKind, type CallsByKind } from "./calls-by-kind.js";
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
  /** Calls by the kind whose read made them, then by "Service.Operation". */
  byKind: CallsByKind;
  runs: number;
  planMsMedian: number;
  planMsMin: number;
  planMsMax: number;
  /** The same, for the example with 3 more access entries, 3 more pod identities and a second node group (absent with `variants: false`). */
  larger?: { resources: number; calls: number; byOperation: [string, number][]; byKind: CallsByKind };
  /** The same, with the node group split per availability zone (absent with `variants: false`). */
  perZone?: { resources: number; calls: number };
}

const KMS_KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/**
 * examples/okctl.yaml with the two node group fields it shows only in comments in use too: a KMS key
 * for the root volumes and a taint.
 */
export function everyFieldDeclaration(): Declaration {
  const declaration = fullDeclaration();
  const { eks } = declaration;
  const generic = { ...eks.nodeGroups[0]!, diskKmsKeyArn: KMS_KEY, taints: [{ key: "dedicated", value: "booking", effect: "NoSchedule" as const }] };
  return { ...declaration, eks: { ...eks, nodeGroups: [generic] } };
}

/** The same with its node group split into one per availability zone (three groups). */
export function perZoneDeclaration(): Declaration {
  const declaration = everyFieldDeclaration();
  const { eks } = declaration;
  return { ...declaration, eks: { ...eks, nodeGroups: [{ ...eks.nodeGroups[0]!, perAvailabilityZone: true }] } };
}

/** The same with 3 more access entries, 3 more pod identities and a second node group. */
export function largerDeclaration(): Declaration {
  const declaration = everyFieldDeclaration();
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
  const samples: { ms: number; calls: number; byOperation: Map<string, number>; byKind: CallsByKind; resources: number }[] = [];
  for (let run = 0; run < runs; run++) {
    const clients = createAwsClients({ region: declaration.metadata.region });
    const byKind = countCallsByKind(clients);
    const started = performance.now();
    const plan = await planFor(declaration, clients);
    const ms = performance.now() - started;
    const pending = plan.changes.filter((change) => change.action !== "no-op");
    if (plan.errors.length > 0 || pending.length > 0) {
      throw new Error(`the plan after apply is not empty: ${[...plan.errors, ...pending.map((c) => `${c.action} ${c.id}`)].join("; ")}`);
    }
    samples.push({ ms, calls: clients.calls.total, byOperation: clients.calls.byOperation, byKind, resources: plan.changes.length });
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

export interface AwsCallsBenchmarkOptions {
  /** No-change plans of the example to time (default 5). */
  runs?: number;
  /** A moto server (behind the EKS stand-in) to use instead of starting one; it is reset between the declarations. */
  endpoint?: string;
  /** Also the larger example and the per-zone node groups, each applied on an emptied account (default true). */
  variants?: boolean;
}

export async function runAwsCallsBenchmark(options: AwsCallsBenchmarkOptions = {}): Promise<AwsCallsFigures> {
  const runs = options.runs ?? 5;
  const moto = options.endpoint === undefined ? await startTestAws({ acmValidationWaitSeconds: 0 }) : { endpoint: options.endpoint, stop: async () => {} };
  const restore = pointSdkAt(moto.endpoint);
  const restoreReads = attributeReadsToKinds();
  try {
    const { samples, createPlanCalls } = await noChangePlans(everyFieldDeclaration(), runs);
    const variant = async (declaration: Declaration) => {
      await resetMoto(moto.endpoint);
      return (await noChangePlans(declaration, 1)).samples[0]!;
    };
    const larger = options.variants === false ? undefined : await variant(largerDeclaration());
    const perZone = options.variants === false ? undefined : await variant(perZoneDeclaration());
    const first = samples[0]!;
    const times = samples.map((sample) => sample.ms);
    return {
      resources: first.resources,
      calls: first.calls,
      createPlanCalls,
      byOperation: sortedOperations(first.byOperation),
      byKind: first.byKind,
      runs,
      planMsMedian: median(times),
      planMsMin: Math.min(...times),
      planMsMax: Math.max(...times),
      ...(larger ? { larger: { resources: larger.resources, calls: larger.calls, byOperation: sortedOperations(larger.byOperation), byKind: larger.byKind } } : {}),
      ...(perZone ? { perZone: { resources: perZone.resources, calls: perZone.calls } } : {}),
    };
  } finally {
    restoreReads();
    restore();
    await moto.stop();
  }
}

export function formatAwsCallsFigures(figures: AwsCallsFigures): string {
  const met = figures.calls <= AWS_CALLS_TARGET ? "met" : "MISSED";
  const { larger, perZone } = figures;
  return [
    `AWS API calls of a no-change plan (full example with every field in use, diskKmsKeyArn and a taint too: ${figures.resources} resources; against moto and the EKS stand-in)`,
    `  calls:      ${figures.calls} (target ≤ ${AWS_CALLS_TARGET}: ${met})`,
    ...(larger ? [`  larger example (+3 access entries, +3 pod identities, +1 node group: ${larger.resources} resources): ${larger.calls} calls, +${larger.calls - figures.calls}`] : []),
    ...(perZone ? [`  the node group split per availability zone (perAvailabilityZone: true, 3 groups: ${perZone.resources} resources): ${perZone.calls} calls, +${perZone.calls - figures.calls}`] : []),
    ...formatCallsByKind(figures.byKind, larger?.byKind ?? figures.byKind),
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

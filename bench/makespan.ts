// Apply makespan ÷ critical-path length for the full example's graph, with simulated per-action
// latencies (EKS cluster ≫ node group ≫ NAT gateway ≫ the rest). Target: ≤ 1.05.
// The desired graph is built by hand, mirroring the resources and dependencies the desired
// builders produce for examples/okctl.yaml (3 AZs, highAvailability); planned against an empty
// account with the real planner and turned into steps by the real graph builder.
import { pathToFileURL } from "node:url";
import { buildApplyGraph, type ApplyStep } from "../src/apply/build-graph.js";
import { executeGraph } from "../src/apply/executor.js";
import { computePlan } from "../src/plan/plan.js";
import type { DesiredResource, DesiredValue, KindRules, ResourceKind } from "../src/resources/types.js";

/** Simulated latency of one action, in time units. */
export const LATENCY_UNITS: Readonly<Partial<Record<ResourceKind, number>>> = { "eks-cluster": 150, "eks-nodegroup": 60, "nat-gateway": 20, "eks-addon": 20 };
const DEFAULT_UNITS = 1;

const ref = (id: string, output = "id"): DesiredValue => ({ $ref: id, output });

function resource(id: string, kind: ResourceKind, properties: Record<string, DesiredValue>, dependsOn: string[] = []): DesiredResource {
  return { id, kind, name: `booking-dev-${id.replace(/\W+/g, "-")}`, properties, dependsOn, tags: {} };
}

/**
 * The full example: 1 VPC, IGW, 9 subnets, 3 EIPs, 3 NAT gateways, 5 route tables, EKS, 1 node group,
 * 2 access entries, 5 add-ons (coredns and aws-ebs-csi-driver after the node group), 1 pod identity,
 * zone, delegation, certificate, 2 parameters.
 */
export function fullExampleDesired(): DesiredResource[] {
  const zones = ["a", "b", "c"];
  const tiers = ["public", "private", "database"];
  const subnets = zones.flatMap((zone) => tiers.map((tier) => `subnet/${tier}-${zone}`));
  const privateSubnets = zones.map((zone) => `subnet/private-${zone}`);
  return [
    resource("vpc", "vpc", { cidr: "192.168.0.0/20" }),
    resource("internet-gateway", "internet-gateway", { vpcId: ref("vpc") }, ["vpc"]),
    ...subnets.map((id) => resource(id, "subnet", { vpcId: ref("vpc") }, ["vpc"])),
    ...zones.map((zone) => resource(`elastic-ip/${zone}`, "elastic-ip", {}, ["internet-gateway"])),
    ...zones.map((zone) =>
      resource(`nat-gateway/${zone}`, "nat-gateway", { subnetId: ref(`subnet/public-${zone}`), allocationId: ref(`elastic-ip/${zone}`) }, [
        `subnet/public-${zone}`,
        `elastic-ip/${zone}`,
        "internet-gateway",
      ]),
    ),
    resource("route-table/public", "route-table", { gateway: ref("internet-gateway") }, ["vpc", "internet-gateway", ...zones.map((z) => `subnet/public-${z}`)]),
    ...zones.map((zone) =>
      resource(`route-table/private-${zone}`, "route-table", { nat: ref(`nat-gateway/${zone}`) }, ["vpc", `nat-gateway/${zone}`, `subnet/private-${zone}`]),
    ),
    resource("route-table/database", "route-table", {}, ["vpc", ...zones.map((z) => `subnet/database-${z}`)]),
    resource("eks-cluster", "eks-cluster", { subnetIds: privateSubnets.map((id) => ref(id)) }, privateSubnets),
    resource("eks-nodegroup/generic", "eks-nodegroup", { clusterName: ref("eks-cluster", "name") }, ["eks-cluster", ...privateSubnets]),
    ...["booking-admins", "booking-developers"].map((name) =>
      resource(`eks-access-entry/123456789012:role/${name}`, "eks-access-entry", { clusterName: ref("eks-cluster", "name") }, ["eks-cluster"]),
    ),
    ...["vpc-cni", "kube-proxy", "eks-pod-identity-agent"].map((name) => resource(`eks-addon/${name}`, "eks-addon", { clusterName: ref("eks-cluster", "name") }, ["eks-cluster"])),
    ...["coredns", "aws-ebs-csi-driver"].map((name) =>
      resource(`eks-addon/${name}`, "eks-addon", { clusterName: ref("eks-cluster", "name") }, ["eks-cluster", "eks-nodegroup/generic"]),
    ),
    resource("eks-pod-identity/booking/api", "eks-pod-identity", { clusterName: ref("eks-cluster", "name") }, ["eks-cluster"]),
    resource("hosted-zone", "hosted-zone", { domain: "booking-dev.oslo.systems" }),
    resource("zone-delegation", "zone-delegation", { nameServers: ref("hosted-zone", "nameServers") }, ["hosted-zone"]),
    resource("certificate/argocd.booking-dev.oslo.systems", "certificate", { zoneId: ref("hosted-zone") }, ["hosted-zone", "zone-delegation"]),
    resource("parameter/argocd/client_secret", "parameter", { type: "SecureString" }),
    resource("parameter/app/log-level", "parameter", { type: "String", value: "info" }),
  ];
}

function latencyOf(step: ApplyStep): number {
  return LATENCY_UNITS[step.change.kind] ?? DEFAULT_UNITS;
}

/** Longest path through the step graph, weighted by latency (units). */
export function criticalPath(steps: readonly ApplyStep[]): { units: number; path: string[] } {
  const byId = new Map(steps.map((step) => [step.id, step]));
  const memo = new Map<string, { units: number; path: string[] }>();
  const longestTo = (step: ApplyStep): { units: number; path: string[] } => {
    const cached = memo.get(step.id);
    if (cached) return cached;
    let best = { units: 0, path: [] as string[] };
    for (const dep of step.after) {
      const candidate = longestTo(byId.get(dep)!);
      if (candidate.units > best.units) best = candidate;
    }
    const result = { units: best.units + latencyOf(step), path: [...best.path, step.id] };
    memo.set(step.id, result);
    return result;
  };
  return steps.map(longestTo).reduce((a, b) => (b.units > a.units ? b : a), { units: 0, path: [] });
}

export interface MakespanFigures {
  actions: number;
  unitMs: number;
  makespanMs: number;
  criticalPathMs: number;
  ratio: number;
  criticalPath: string[];
}

const noRules: KindRules = { replaceOn: [] };

export async function runMakespanBenchmark(options: { unitMs?: number } = {}): Promise<MakespanFigures> {
  const unitMs = options.unitMs ?? 4;
  const desired = fullExampleDesired();
  const rules = Object.fromEntries(desired.map((r) => [r.kind, noRules])) as Record<ResourceKind, KindRules>;
  const plan = computePlan({ desired, actual: [], rules, cluster: "booking-dev", accountId: "123456789012", region: "eu-west-1", repository: "oslokommune/booking", repositoryId: "1001" });
  if (plan.errors.length > 0) throw new Error(`the benchmark's plan has errors: ${plan.errors.join("; ")}`);
  const steps = buildApplyGraph(plan);
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
  const report = await executeGraph(
    steps.map((step) => ({ id: step.id, after: step.after, run: () => sleep(latencyOf(step) * unitMs) })),
  );
  if (!report.ok) throw new Error("the simulated apply did not complete");
  const critical = criticalPath(steps);
  const criticalPathMs = critical.units * unitMs;
  return { actions: steps.length, unitMs, makespanMs: report.makespanMs, criticalPathMs, ratio: report.makespanMs / criticalPathMs, criticalPath: critical.path };
}

export function formatMakespanFigures(figures: MakespanFigures): string {
  return [
    `apply makespan (full example, ${figures.actions} actions, 1 unit = ${figures.unitMs} ms; EKS 150, node group 60, NAT 20, add-on 20, other 1)`,
    `  makespan:             ${figures.makespanMs.toFixed(1)} ms`,
    `  critical path:        ${figures.criticalPathMs.toFixed(1)} ms (${figures.criticalPath.join(" → ")})`,
    `  makespan ÷ critical:  ${figures.ratio.toFixed(3)} (target ≤ 1.05)`,
  ].join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runMakespanBenchmark().then(
    (figures) => console.log(formatMakespanFigures(figures)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}

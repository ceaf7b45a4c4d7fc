// Which resource kind's read made each AWS call of a plan: the benchmark shows the calls by kind,
// which of them grow with resources (one per item) and why each of those remains. Each kind's read
// runs under its kind's name (AsyncLocalStorage); a call shared by several reads (the one
// DescribeCluster, the one ListHostedZones) counts for the kind that asked first, and the plan's own
// look-ups (add-on default versions) count apart.
import { AsyncLocalStorage } from "node:async_hooks";
import type { AwsClients } from "../src/aws/clients.js";
import { HANDLERS, REGISTRY } from "../src/resources/registry.js";
import type { ResourceKindHandler } from "../src/resources/types.js";

const reading = new AsyncLocalStorage<string>();

/** Where the calls made outside every kind's read are counted. */
export const OUTSIDE_READS = "(the plan's own look-ups)";

/** kind → "Service.Operation" → calls. */
export type CallsByKind = Map<string, Map<string, number>>;

/**
 * Why each call made once per resource remains: EKS, ACM and SSM have no batch read, and their
 * lists carry neither the tags that say whose a resource is nor the values okctl compares.
 */
export const PER_ITEM_REASONS: Readonly<Record<string, string>> = {
  "EKS.DescribeNodegroup": "per node group: ListNodegroups gives names only; tags, version, sizes, labels, taints and launch template version come with the describe",
  "EKS.DescribeAccessEntry":
    "per access entry but the node role's (EKS makes that one, okctl skips it): ListAccessEntries gives principal ARNs only; the tags that say whose an entry is come with the describe (the example's 3: its 2 and the deploy role's bootstrap entry, which EKS makes untagged)",
  "EKS.ListAssociatedAccessPolicies":
    "per okctl-tagged access entry only: its policy and namespaces (ListAccessEntries can filter by policy, but never shows the namespaces)",
  "EKS.DescribeAddon": "per add-on: ListAddons gives names only; version and tags come with the describe",
  "EKS.DescribePodIdentityAssociation": "per association: the list's summaries carry neither the role ARN nor the tags",
  "EC2.DescribeVpcAttribute": "per VPC, twice: EC2 answers one attribute a call (DNS support, DNS host names)",
  "ACM.ListTagsForCertificate": "per certificate of the region: ACM's list has no tags and no tag filter",
  "ACM.DescribeCertificate": "per okctl-tagged certificate only: its names and status",
  "SSM.ListTagsForResource": "per parameter of the cluster (DescribeParameters already filters by the cluster tag): the full tags, for ownership and tag drift",
  "Route53.GetHostedZone": "per okctl-tagged zone only: its name servers",
};

interface MiddlewareStackLike {
  middlewareStack: {
    add(
      middleware: (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => (args: unknown) => Promise<unknown>,
      options: { step: "initialize"; name: string },
    ): void;
  };
}

/** Runs each kind's read under its kind's name, until the returned function puts the reads back. */
export function attributeReadsToKinds(): () => void {
  const restores = Object.values(HANDLERS).map((handler) => {
    const mutable = handler as { read: ResourceKindHandler["read"] };
    const read = mutable.read;
    mutable.read = (ctx) => reading.run(handler.kind, () => read(ctx));
    return () => {
      mutable.read = read;
    };
  });
  return () => restores.forEach((restore) => restore());
}

/** Counts the clients' calls by the kind whose read made them, and by "Service.Operation". */
export function countCallsByKind(clients: AwsClients): CallsByKind {
  const counts: CallsByKind = new Map();
  const services = { ec2: "EC2", eks: "EKS", route53: "Route53", acm: "ACM", ssm: "SSM" } as const;
  for (const [key, service] of Object.entries(services)) {
    const client = clients[key as keyof typeof services] as unknown as MiddlewareStackLike;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const kind = reading.getStore() ?? OUTSIDE_READS;
        const operation = `${service}.${(context.commandName ?? "Unknown").replace(/Command$/, "")}`;
        const ofKind = counts.get(kind) ?? new Map<string, number>();
        ofKind.set(operation, (ofKind.get(operation) ?? 0) + 1);
        counts.set(kind, ofKind);
        return next(args);
      },
      { step: "initialize", name: "benchCountCallsByKind" },
    );
  }
  return counts;
}

const total = (calls: Map<string, number> | undefined) => [...(calls ?? new Map<string, number>()).values()].reduce((sum, count) => sum + count, 0);

/**
 * The table: a line per kind (the example's calls → the larger example's, when they differ), each
 * operation made per resource marked `*` (it grew, or it is known to), then why each of those remains.
 */
export function formatCallsByKind(example: CallsByKind, larger: CallsByKind): string[] {
  const kinds = [...REGISTRY.map((entry) => entry.kind as string), OUTSIDE_READS].filter((kind) => example.has(kind) || larger.has(kind));
  const width = Math.max(...kinds.map((kind) => kind.length));
  const change = (before: number, after: number) => (before === after ? `${before}` : `${before} → ${after}`);
  const grown = new Set<string>();
  const lines = kinds.map((kind) => {
    const [mine, theirs] = [example.get(kind) ?? new Map<string, number>(), larger.get(kind) ?? new Map<string, number>()];
    const operations = [...new Set([...mine.keys(), ...theirs.keys()])].map((operation) => {
      const [before, after] = [mine.get(operation) ?? 0, theirs.get(operation) ?? 0];
      const perItem = after > before || operation in PER_ITEM_REASONS;
      if (perItem) grown.add(operation);
      return `${operation}${perItem ? "*" : ""} ${change(before, after)}`;
    });
    return `    ${kind.padEnd(width)}  ${change(total(mine), total(theirs)).padEnd(7)}  ${operations.join(", ")}`;
  });
  const reasons = [...grown].sort().map((operation) => `    ${operation}: ${PER_ITEM_REASONS[operation] ?? "NO REASON RECORDED (bench/calls-by-kind.ts): look for a batch read"}`);
  return [
    "  by kind (example → larger example; * one call per resource):",
    ...lines,
    ...(reasons.length > 0 ? ["  the calls made per resource, and why each remains:", ...reasons] : []),
  ];
}

// What a plan's resources use, before and after it is applied, in Price List terms. Pure.
import type { PlanValue, ResourceChange } from "../plan/types.js";
import type { Plan } from "../plan/types.js";
import { HOURS_PER_MONTH, type Usage } from "./types.js";

export type Properties = Record<string, PlanValue | undefined>;

/** The resource's properties as they are now (undefined: it does not exist yet). */
export function propertiesBefore(change: ResourceChange): Properties | undefined {
  if (change.action === "create") return undefined;
  const before: Properties = { ...(change.desired?.properties as Properties | undefined) };
  for (const attribute of change.attributes) if ("before" in attribute) before[attribute.attribute] = attribute.before;
  return before;
}

/** The resource's properties once the plan is applied (undefined: it will not exist). */
export function propertiesAfter(change: ResourceChange): Properties | undefined {
  if (change.action === "delete") return undefined;
  const after: Properties = { ...(change.desired?.properties as Properties | undefined) };
  for (const attribute of change.attributes) if ("after" in attribute) after[attribute.attribute] = attribute.after;
  return after;
}

function numberOf(value: PlanValue | undefined, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : fallback;
}
function stringsOf(value: PlanValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** The default root volume of an EKS managed node group without a launch template (GB, gp2). */
const DEFAULT_NODE_DISK_GB = 20;

/** What one resource in one state uses per month. Kinds without a price use nothing here. */
export function usageOf(change: Pick<ResourceChange, "id" | "kind">, properties: Properties): Usage[] {
  const resourceId = change.id;
  switch (change.kind) {
    case "eks-cluster":
      return [{ resourceId, key: { item: "eks-control-plane" }, quantity: HOURS_PER_MONTH, description: "EKS control plane" }];
    case "eks-nodegroup": {
      // EKS launches the first listed instance type when it can: price the group as that type.
      const instanceType = stringsOf(properties.instanceTypes)[0] ?? "t3.medium";
      const nodes = numberOf(properties.desiredSize, 0);
      const diskGb = numberOf(properties.diskSize ?? properties.volumeSize, DEFAULT_NODE_DISK_GB);
      const volumeType = typeof properties.volumeType === "string" ? properties.volumeType : properties.launchTemplate ? "gp3" : "gp2";
      const capacity = properties.capacityType === "SPOT" ? "spot, priced on demand" : "on demand";
      return [
        { resourceId, key: { item: "ec2-instance", instanceType }, quantity: nodes * HOURS_PER_MONTH, description: `${nodes} × ${instanceType}, ${capacity}` },
        { resourceId, key: { item: "ebs-volume", volumeType }, quantity: nodes * diskGb, description: `${nodes} × ${diskGb} GB ${volumeType} root volume` },
      ];
    }
    case "nat-gateway":
      return [{ resourceId, key: { item: "nat-gateway-hour" }, quantity: HOURS_PER_MONTH, description: "NAT gateway" }];
    case "elastic-ip":
      return [{ resourceId, key: { item: "public-ipv4-hour" }, quantity: HOURS_PER_MONTH, description: "public IPv4 address" }];
    case "hosted-zone":
      return [{ resourceId, key: { item: "hosted-zone-month" }, quantity: 1, description: "hosted zone (queries billed by use)" }];
    default:
      return [];
  }
}

export interface PlanUsage {
  before: Usage[];
  after: Usage[];
}

/** Every resource's usage before and after the plan. Deletions of our debris (`id#2`) count as before. */
export function planUsage(plan: Plan): PlanUsage {
  const before: Usage[] = [];
  const after: Usage[] = [];
  for (const change of plan.changes) {
    const was = propertiesBefore(change);
    const will = propertiesAfter(change);
    if (was) before.push(...usageOf(change, was));
    if (will) after.push(...usageOf(change, will));
  }
  return { before, after };
}

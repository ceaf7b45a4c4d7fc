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

/** A node group's root volume: from its launch template (same side of the plan), else EKS's default. */
export interface RootVolume {
  sizeGb: number;
  type: string;
}

/** What one resource in one state uses per month. Kinds without a price use nothing here. */
export function usageOf(change: Pick<ResourceChange, "id" | "kind">, properties: Properties, rootVolume?: RootVolume): Usage[] {
  const resourceId = change.id;
  switch (change.kind) {
    case "eks-cluster":
      return [{ resourceId, key: { item: "eks-control-plane" }, quantity: HOURS_PER_MONTH, description: "EKS control plane" }];
    case "eks-nodegroup": {
      // EKS launches the first listed instance type when it can: price the group as that type.
      const instanceType = stringsOf(properties.instanceTypes)[0] ?? "t3.medium";
      const nodes = numberOf(properties.desiredSize, 0);
      const volume = rootVolume ?? { sizeGb: numberOf(properties.diskSize, DEFAULT_NODE_DISK_GB), type: "gp2" };
      const capacity = properties.capacityType === "SPOT" ? "spot, priced on demand" : "on demand";
      return [
        { resourceId, key: { item: "ec2-instance", instanceType }, quantity: nodes * HOURS_PER_MONTH, description: `${nodes} × ${instanceType}, ${capacity}` },
        { resourceId, key: { item: "ebs-volume", volumeType: volume.type }, quantity: nodes * volume.sizeGb, description: `${nodes} × ${volume.sizeGb} GB ${volume.type} root volume` },
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

/**
 * The launch template a node group uses: the one its desired properties refer to
 * (`{ $ref: "launch-template/…" }`), or, for a group being deleted, the template of its declared
 * group (`eks-nodegroup/generic-a` → `launch-template/generic`).
 */
function launchTemplateOf(change: ResourceChange, byId: ReadonlyMap<string, ResourceChange>): ResourceChange | undefined {
  const value = change.desired?.properties.launchTemplateId as unknown;
  if (typeof value === "object" && value !== null && "$ref" in value) return byId.get(String((value as { $ref: unknown }).$ref));
  const group = change.id.slice(change.id.indexOf("/") + 1);
  return byId.get(`launch-template/${group}`) ?? byId.get(`launch-template/${group.replace(/-[a-z]$/, "")}`);
}

function rootVolumeOf(template: Properties | undefined): RootVolume | undefined {
  if (!template) return undefined;
  return { sizeGb: numberOf(template.rootVolumeSize, DEFAULT_NODE_DISK_GB), type: typeof template.rootVolumeType === "string" ? template.rootVolumeType : "gp3" };
}

export interface PlanUsage {
  before: Usage[];
  after: Usage[];
}

/** Every resource's usage before and after the plan. Deletions of our debris (`id#2`) count as before. */
export function planUsage(plan: Plan): PlanUsage {
  const before: Usage[] = [];
  const after: Usage[] = [];
  const byId = new Map(plan.changes.map((change) => [change.id, change]));
  for (const change of plan.changes) {
    const was = propertiesBefore(change);
    const will = propertiesAfter(change);
    const template = change.kind === "eks-nodegroup" ? launchTemplateOf(change, byId) : undefined;
    if (was) before.push(...usageOf(change, was, template && rootVolumeOf(propertiesBefore(template))));
    if (will) after.push(...usageOf(change, will, template && rootVolumeOf(propertiesAfter(template))));
  }
  return { before, after };
}

// The cost estimate of a plan: plain data, like the plan itself, but kept beside it (prices change
// daily; the plan's hash must not).

/** One priced thing okctl can make, identified the way the AWS Price List describes it. */
export type PriceKey =
  | { item: "eks-control-plane" }
  | { item: "ec2-instance"; instanceType: string }
  | { item: "ebs-volume"; volumeType: string }
  | { item: "nat-gateway-hour" }
  | { item: "nat-gateway-gb" }
  | { item: "public-ipv4-hour" }
  | { item: "hosted-zone-month" };

/** Units the Price List quotes: per hour, per GB-month of storage, per month, per GB processed. */
export type PriceUnit = "hour" | "gb-month" | "month" | "gb";

/** What one resource uses, per month, of one priced thing. */
export interface Usage {
  resourceId: string;
  key: PriceKey;
  /** How many units per month (e.g. 2 instances × 730 hours; 80 GB). */
  quantity: number;
  /** In words, for the reviewer: "2 × m5.large, on demand". */
  description: string;
}

/** A resource's cost that needs no price lookup: free, or billed only by use. */
export interface FixedCost {
  resourceId: string;
  description: string;
}

export interface CostLine {
  resourceId: string;
  kind: string;
  description: string;
  /** Monthly USD before and after the plan; undefined where the resource does not exist then. */
  before?: number;
  after?: number;
  /** Set when a price could not be found for this line (its total is left out). */
  missing?: boolean;
}

export interface CostEstimate {
  available: true;
  region: string;
  currency: "USD";
  before: number;
  after: number;
  lines: CostLine[];
  /** Usage-based charges the estimate leaves out, in words ("NAT gateways: plus $0.048 per GB processed"). */
  notes: string[];
  /** Priced things without a price (e.g. an instance type the Price List does not know). */
  missing: string[];
}

export interface CostUnavailable {
  available: false;
  reason: string;
}

export type PlanCost = CostEstimate | CostUnavailable;

/** A stable text form of a key, for caches and maps: "ec2-instance/m5.large". */
export function priceKeyId(key: PriceKey): string {
  switch (key.item) {
    case "ec2-instance": return `${key.item}/${key.instanceType}`;
    case "ebs-volume": return `${key.item}/${key.volumeType}`;
    default: return key.item;
  }
}

export const HOURS_PER_MONTH = 730;

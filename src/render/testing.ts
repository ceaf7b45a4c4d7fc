// Plans for the renderers' tests: small, realistic, and deliberately hostile ones; and the full
// example's first plan (everything created), the plan a new team meets first.
import type { CostEstimate } from "../cost/types.js";
import { readFileSync } from "node:fs";
import { loadDeclaration } from "../declaration/load.js";
import { computePlan } from "../plan/plan.js";
import { actual, desired, planOf, ref } from "../plan/testing.js";
import type { Plan, ResourceChange } from "../plan/types.js";
import { desiredGraph } from "../resources/desired-graph.js";
import { KIND_RULES } from "../resources/kind-rules.js";
import { manualDelegationNote } from "../resources/zone-delegation/manual.js";

const OWNERSHIP_TAGS = { "okctl.io/cluster": "shop-dev", "okctl.io/repository": "acme/shop", "okctl.io/managed-by": "okctl" };

/** The first plan of examples/okctl.yaml: every resource created, as okctl plans it. */
export function fullExampleFirstPlan(): Plan {
  const loaded = loadDeclaration(readFileSync(new URL("../../examples/okctl.yaml", import.meta.url)), "okctl.yaml");
  if (!loaded.ok) throw new Error("examples/okctl.yaml is not valid");
  const desiredResources = desiredGraph({
    declaration: loaded.declaration,
    layout: loaded.layout,
    repository: "acme/booking",
    repositoryId: "4242",
    eksClusterRoleArn: "arn:aws:iam::123456789012:role/okctl-eks-cluster",
    eksNodeRoleArn: "arn:aws:iam::123456789012:role/okctl-eks-node",
  });
  return computePlan({ desired: desiredResources, actual: [], rules: KIND_RULES, cluster: "booking-dev", accountId: "123456789012", region: "eu-west-1", repository: "acme/booking", repositoryId: "4242" });
}

/** A plan with every action, a secret, unknown values, tags, a long value, a conflict and a manual step. */
export function samplePlan(): Plan {
  const longPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssm:GetParameter","ssm:GetParametersByPath"],"Resource":"arn:aws:ssm:eu-west-1:123456789012:parameter/okctl/shop-dev/*"}]}`;
  const plan = planOf(
    [
      desired("vpc", "vpc", { cidr: "10.0.0.0/16" }, { tags: { ...OWNERSHIP_TAGS, Name: "shop-vpc", "okctl.io/resource": "vpc" } }),
      desired("subnet/private-a", "subnet", { cidr: "10.0.1.0/24", vpcId: ref("vpc"), availabilityZone: "eu-west-1a" }, {
        dependsOn: ["vpc"],
        tags: { ...OWNERSHIP_TAGS, Name: "shop-subnet-private-a", "okctl.io/resource": "subnet/private-a", "kubernetes.io/role/internal-elb": "1" },
      }),
      desired("internet-gateway", "internet-gateway", { vpcId: ref("vpc") }, { dependsOn: ["vpc"] }),
      desired("hosted-zone", "hosted-zone", { domain: "dev.shop.example.com", comment: "managed by okctl" }, { tags: { "okctl.io/environment": "prod" } }),
      desired("parameter/db-password", "parameter", { type: "SecureString", value: "hunter2-do-not-show", description: null }, {
        tags: { ...OWNERSHIP_TAGS, Name: "shop-parameter-db-password", "okctl.io/resource": "parameter/db-password" },
      }),
      desired("parameter/policy", "parameter", { type: "String", description: longPolicy, value: "x" }),
    ],
    [
      actual("vpc", "vpc", { cidr: "10.1.0.0/16" }, { physicalId: "vpc-0abc", tags: { ...OWNERSHIP_TAGS, Name: "shop-vpc", "okctl.io/resource": "vpc" } }),
      actual("internet-gateway", "internet-gateway", { vpcId: "vpc-0abc" }, { physicalId: "igw-01" }),
      actual("hosted-zone", "hosted-zone", { domain: "dev.shop.example.com", comment: "old comment" }, { physicalId: "Z123", tags: { "okctl.io/environment": "dev" } }),
      actual("subnet/legacy", "subnet", { cidr: "10.1.9.0/24", vpcId: "vpc-0abc", availabilityZone: "eu-west-1c" }, { physicalId: "subnet-0dead" }),
      actual("parameter/policy", "parameter", { type: "String", description: longPolicy.replace("GetParametersByPath", "DescribeParameters"), value: "x" }, { physicalId: "/okctl/shop-dev/policy" }),
    ],
  );
  return {
    ...plan,
    conflicts: [{ id: "certificate/api", kind: "certificate", physicalId: "arn:aws:acm:eu-west-1:123456789012:certificate/1", ownerRepository: "acme/other", message: "certificate arn:aws:acm:eu-west-1:123456789012:certificate/1 (certificate/api) belongs to acme/other; okctl leaves it alone." }],
    notes: [{
      id: "zone-delegation",
      message: manualDelegationNote({ parentZone: "shop.example.com", recordName: "dev.shop.example.com", nameServers: ["ns-1.example.net", "ns-2.example.org"], ttl: 300 }),
    }],
  };
}

/** The sample plan's certificate declared by this repository too: a collision that blocks the plan. */
export function collisionPlan(): Plan {
  return planOf(
    [desired("certificate/api.shop.example.com", "certificate", { domain: "api.shop.example.com" })],
    [actual("certificate/api.shop.example.com", "certificate", { domain: "api.shop.example.com" }, { physicalId: "arn:aws:acm:eu-west-1:123456789012:certificate/1", repository: "acme/other" })],
  );
}

/** A plan with no changes at all. */
export function noChangesPlan(): Plan {
  return planOf([desired("vpc", "vpc", { cidr: "10.0.0.0/16" })], [actual("vpc", "vpc", { cidr: "10.0.0.0/16" })]);
}

/** `count` resources to create, each with one attribute of `valueSize` characters. */
export function bigPlan(count: number, valueSize = 40): Plan {
  const changes: ResourceChange[] = [];
  for (let index = 0; index < count; index += 1) {
    changes.push({
      id: `parameter/p${index}`,
      kind: "parameter",
      name: `shop-p${index}`,
      action: "create",
      attributes: [{ attribute: "value", after: `v${index}-${"x".repeat(valueSize)}` }],
      dependsOn: index > 0 ? [`parameter/p${index - 1}`] : [],
    });
  }
  const base = noChangesPlan();
  return { ...base, changes, summary: { create: count, update: 0, replace: 0, delete: 0 } };
}

/** One resource whose id, name and values try to escape their Markdown blocks. */
export function hostilePlan(): Plan {
  const evil = "x```\n</details>\n<script>alert(1)</script> @everyone | ** # `";
  const change: ResourceChange = {
    id: `parameter/${evil}`,
    kind: "parameter",
    name: evil,
    action: "update",
    physicalId: evil,
    attributes: [{ attribute: `desc${evil}`, before: evil, after: { nested: evil, list: [evil] } }],
    dependsOn: [],
    reason: evil,
  };
  const base = noChangesPlan();
  return {
    ...base,
    cluster: `shop${evil}`,
    changes: [change],
    notes: [{ id: evil, message: evil }],
    errors: [evil],
    conflicts: [{ id: evil, kind: "parameter", physicalId: evil, ownerRepository: evil, message: evil }],
    summary: { create: 0, update: 1, replace: 0, delete: 0 },
  };
}

/** A cost estimate to go with the sample plan: the cluster grows from $412 to $489 a month. */
export function sampleCost(): CostEstimate {
  return {
    available: true,
    region: "eu-west-1",
    currency: "USD",
    before: 412.35,
    after: 489.44,
    lines: [
      { resourceId: "eks-cluster", kind: "eks-cluster", description: "EKS control plane", before: 73, after: 73 },
      { resourceId: "eks-nodegroup/generic", kind: "eks-nodegroup", description: "3 × m5.large, on demand, 3 × 80 GB gp3 root volume", before: 170.3, after: 255.45 },
      { resourceId: "nat-gateway/a", kind: "nat-gateway", description: "NAT gateway", before: 35.04, after: 35.04 },
      { resourceId: "hosted-zone", kind: "hosted-zone", description: "hosted zone (queries billed by use)", before: 0.5, after: 0.5 },
    ],
    notes: ["NAT gateways: plus $0.048 per GB processed", "Route 53: DNS queries are billed by use", "Data transfer, EBS snapshots, load balancers and anything the cluster's workloads create are not included"],
    missing: [],
  };
}

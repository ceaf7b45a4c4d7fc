// Plans for the renderers' tests: small, realistic, and deliberately hostile ones.
import { actual, desired, planOf, ref } from "../plan/testing.js";
import type { Plan, ResourceChange } from "../plan/types.js";

/** A plan with every action, a secret, unknown values, a conflict and a note. */
export function samplePlan(): Plan {
  const plan = planOf(
    [
      desired("vpc", "vpc", { cidr: "10.0.0.0/16" }),
      desired("subnet/private-a", "subnet", { cidr: "10.0.1.0/24", vpcId: ref("vpc"), availabilityZone: "eu-west-1a" }, { dependsOn: ["vpc"] }),
      desired("internet-gateway", "internet-gateway", { vpcId: ref("vpc") }, { dependsOn: ["vpc"] }),
      desired("hosted-zone", "hosted-zone", { domain: "dev.shop.example.com", comment: "managed by okctl" }),
      desired("parameter/db-password", "parameter", { type: "SecureString", value: "hunter2-do-not-show" }),
    ],
    [
      actual("vpc", "vpc", { cidr: "10.1.0.0/16" }, { physicalId: "vpc-0abc" }),
      actual("internet-gateway", "internet-gateway", { vpcId: "vpc-0abc" }, { physicalId: "igw-01" }),
      actual("hosted-zone", "hosted-zone", { domain: "dev.shop.example.com", comment: "old comment" }, { physicalId: "Z123" }),
      actual("subnet/legacy", "subnet", { cidr: "10.1.9.0/24", vpcId: "vpc-0abc", availabilityZone: "eu-west-1c" }, { physicalId: "subnet-0dead" }),
    ],
  );
  return {
    ...plan,
    conflicts: [{ id: "certificate/api", kind: "certificate", physicalId: "arn:aws:acm:eu-west-1:123456789012:certificate/1", ownerRepository: "acme/other", message: "Tagged as owned by acme/other." }],
    notes: [{ id: "zone-delegation", message: "Add NS records for dev.shop.example.com in the parent zone: ns-1.example.net, ns-2.example.org." }],
  };
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

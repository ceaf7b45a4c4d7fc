import { describe, expect, it } from "vitest";
import type { Plan, ResourceChange } from "../plan/types.js";
import { checkReviewed, remainsOf } from "./reviewed-plan.js";

const UNKNOWN = { unknown: true } as const;

function plan(hash: string, changes: ResourceChange[]): Plan {
  return {
    formatVersion: 1, cluster: "booking-dev", accountId: "123456789012", region: "eu-west-1", repository: "oslokommune/booking",
    changes, conflicts: [], notes: [], errors: [], summary: { create: 0, update: 0, replace: 0, delete: 0 }, hash,
  };
}

function change(id: string, action: ResourceChange["action"], attributes: ResourceChange["attributes"]): ResourceChange {
  return { id, kind: "route-table", name: `booking-dev-${id}`, action, attributes, dependsOn: [] };
}

// Reviewed before merge: the route table and its subnets did not exist yet.
const reviewed = plan("reviewed", [
  change("route-table/public", "create", [
    { attribute: "routes", after: [{ destinationCidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN }] },
    { attribute: "subnetIds", after: UNKNOWN },
    { attribute: "vpcId", after: UNKNOWN },
  ]),
  change("eks-cluster", "create", [{ attribute: "version", after: "1.31" }]),
]);

describe("resuming an interrupted apply", () => {
  it("continues a reviewed create that the interrupted run left unfinished, towards the reviewed values", () => {
    const resumed = plan("resumed", [
      change("route-table/public", "update", [
        { attribute: "routes", before: [], after: [{ destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }] },
        { attribute: "subnetIds", before: [], after: ["subnet-1", "subnet-2"] },
      ]),
      change("eks-cluster", "create", [{ attribute: "version", after: "1.31" }]),
    ]);
    expect(remainsOf(resumed, reviewed)).toBe(true);
    expect(checkReviewed(resumed, reviewed, { resuming: true })).toEqual({ ok: true });
  });

  it("holds an update towards values reviewers did not see", () => {
    const resumed = plan("resumed", [
      change("route-table/public", "update", [
        { attribute: "routes", before: [], after: [{ destinationCidrBlock: "10.0.0.0/8", gatewayId: "igw-1" }] },
      ]),
    ]);
    expect(remainsOf(resumed, reviewed)).toBe(false);
  });

  it("holds an update of an attribute the reviewed create did not have, and any update when not resuming", () => {
    const extra = plan("extra", [change("eks-cluster", "update", [{ attribute: "endpointPublicAccess", before: true, after: false }])]);
    expect(remainsOf(extra, reviewed)).toBe(false);
    const finishing = plan("finishing", [change("eks-cluster", "update", [{ attribute: "version", before: "1.30", after: "1.31" }])]);
    expect(remainsOf(finishing, reviewed)).toBe(true);
    expect(checkReviewed(finishing, reviewed, { resuming: false }).ok).toBe(false);
  });
});

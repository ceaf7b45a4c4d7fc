// Issue 8, done-when (a): repository A declares repository B's domain under another cluster name.
// The delegation NS record can't be tagged: it is A's only if it names A's own zone's name servers.
import { ListResourceRecordSetsCommand } from "@aws-sdk/client-route-53";
import { describe, expect, it } from "vitest";
import { useMoto } from "../../test/support/aws.js";
import { fullDeclaration, TEST_REPOSITORY } from "../../test/support/declarations.js";
import { applyExample, applyFor, planFor, testClients } from "../../test/support/engine.js";
import type { AwsClients } from "../aws/clients.js";
import { parentZoneId } from "../resources/zone-delegation/read.js";

useMoto();

const REPOSITORY_A = "oslokommune/intruder";

async function delegationRecords(clients: AwsClients): Promise<string> {
  const parent = await parentZoneId(clients.route53, "oslo.systems");
  const page = await clients.route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: parent! }));
  return JSON.stringify((page.ResourceRecordSets ?? []).filter((record) => record.Type === "NS"));
}

function route53Writes(clients: AwsClients): number {
  const writes = ["ChangeResourceRecordSets", "CreateHostedZone", "DeleteHostedZone", "ChangeTagsForResource"];
  return writes.reduce((sum, operation) => sum + (clients.calls.byOperation.get(`Route53.${operation}`) ?? 0), 0);
}

describe("a repository that declares another repository's domain", () => {
  it("gets a conflict for the delegation, and its apply writes nothing to Route 53: B's NS record stays byte-identical", async () => {
    const clients = testClients();
    await applyExample(clients, fullDeclaration(), TEST_REPOSITORY); // repository B: booking-dev.oslo.systems
    const before = await delegationRecords(clients);

    const declarationA = fullDeclaration({ metadata: { name: "intruder-dev", accountID: "123456789012", region: "eu-west-1" } });
    const planA = await planFor(declarationA, clients, REPOSITORY_A);
    const delegation = planA.conflicts.find((conflict) => conflict.id === "zone-delegation");
    expect(delegation).toMatchObject({ kind: "zone-delegation", physicalId: expect.stringMatching(/\/booking-dev\.oslo\.systems$/) });
    // It says what is there and in which zone.
    expect(delegation!.message).toMatch(/parentZone: "oslo\.systems".*recordName: "booking-dev\.oslo\.systems"/);
    expect(planA.changes.find((change) => change.id === "zone-delegation")).toBeUndefined();
    expect(planA.errors.some((error) => error.startsWith("zone-delegation:"))).toBe(true);

    const fresh = testClients();
    const result = await applyFor(planA, fresh, { allowDestroy: true });
    expect(result).toMatchObject({ outcome: "refused", reason: "plan-has-errors" });
    expect(route53Writes(fresh)).toBe(0);
    expect(fresh.calls.total).toBe(0);
    expect(await delegationRecords(clients)).toBe(before);
  });
  // (A's own zone of the same name can't be told apart here: moto gives every zone the same name
  // servers. src/plan/plan-ownership.test.ts pins that case down.)
});

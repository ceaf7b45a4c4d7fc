import { describe, expect, it } from "vitest";
import { ListHostedZonesByNameCommand, ListResourceRecordSetsCommand } from "@aws-sdk/client-route-53";
import { useMoto } from "../../test/support/aws.js";
import { fullDeclaration } from "../../test/support/declarations.js";
import { applyExample, applyFor, pending, physicalIds, planDeletionFor, testClients } from "../../test/support/engine.js";
import { EMPTY_INVENTORY, inventory } from "../../test/support/inventory.js";
import type { AwsClients } from "../aws/clients.js";
import { KIND_DEPENDENCIES } from "../resources/kinds.js";

useMoto();

async function delegationRecords(clients: AwsClients): Promise<string[]> {
  const parent = (await clients.route53.send(new ListHostedZonesByNameCommand({ DNSName: "oslo.systems" }))).HostedZones![0]!;
  const records = await clients.route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: parent.Id! }));
  return records.ResourceRecordSets!.filter((set) => set.Name === "booking-dev.oslo.systems.").map((set) => set.Type!);
}

describe("deleting the whole cluster (okctl.yaml removed)", () => {
  it("plans the deletion of every resource, deletes them in reverse dependency order, and then plans nothing", async () => {
    const clients = testClients();
    const applied = await applyExample(clients, fullDeclaration());
    expect(await delegationRecords(clients)).toEqual(["NS"]);

    const plan = await planDeletionFor(fullDeclaration(), clients);
    expect(plan.errors).toEqual([]);
    expect(plan.summary).toEqual({ create: 0, update: 0, replace: 0, delete: 38 });
    expect(Object.fromEntries(plan.changes.map((change) => [change.id, change.physicalId]))).toEqual(physicalIds(applied));

    const refused = await applyFor(plan, clients, { allowDestroy: false });
    expect(refused).toMatchObject({ outcome: "refused", reason: "destroy-not-allowed" });

    const result = await applyFor(plan, clients, { allowDestroy: true });
    expect(result).toMatchObject({ outcome: "applied", ok: true });
    if (result.outcome !== "applied") return;
    // A resource is deleted only once everything of the kinds that may depend on it is gone.
    const finished = new Map(result.steps.map((step) => [step.resourceId, step]));
    for (const step of result.steps) {
      const dependents = result.steps.filter((other) => KIND_DEPENDENCIES[other.kind].includes(step.kind));
      for (const dependent of dependents) {
        expect(finished.get(dependent.resourceId)!.finishedAtMs!, `${dependent.resourceId} before ${step.resourceId}`).toBeLessThanOrEqual(step.startedAtMs!);
      }
    }

    expect(await inventory(clients, "booking-dev", "booking-dev.oslo.systems")).toEqual(EMPTY_INVENTORY);
    expect(await delegationRecords(clients)).toEqual([]);
    const again = await planDeletionFor(fullDeclaration(), clients);
    expect(again.errors).toEqual([]);
    expect(again.changes).toEqual([]);
    expect(pending(again)).toEqual([]);
  });

  it.each([5, 15])("finishes the deletion when a first attempt stopped after %i steps", async (stopAfter) => {
    const clients = testClients();
    await applyExample(clients, fullDeclaration());
    const first = await applyFor(await planDeletionFor(fullDeclaration(), clients), clients, { allowDestroy: true, stopAfter });
    expect(first).toMatchObject({ outcome: "applied", ok: false, report: { stopped: "stop-after" } });
    if (first.outcome !== "applied") return;

    const rest = await planDeletionFor(fullDeclaration(), clients);
    expect(rest.errors).toEqual([]);
    expect(rest.summary).toEqual({ create: 0, update: 0, replace: 0, delete: 38 - first.report.done.length });
    expect(await applyFor(rest, clients, { allowDestroy: true })).toMatchObject({ outcome: "applied", ok: true });
    expect(await inventory(clients, "booking-dev", "booking-dev.oslo.systems")).toEqual(EMPTY_INVENTORY);
    expect(await delegationRecords(clients)).toEqual([]);
    expect((await planDeletionFor(fullDeclaration(), clients)).changes).toEqual([]);
  });
});

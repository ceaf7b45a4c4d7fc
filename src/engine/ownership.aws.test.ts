import { describe, expect, it } from "vitest";
import { useMoto } from "../../test/support/aws.js";
import { fullDeclaration, TEST_REPOSITORY, TEST_REPOSITORY_ID } from "../../test/support/declarations.js";
import { applyExample, applyFor, pending, physicalIds, planDeletionFor, planFor, testClients } from "../../test/support/engine.js";
import { FULL_EXAMPLE_INVENTORY, inventory } from "../../test/support/inventory.js";

useMoto();

const OTHER_REPOSITORY = "oslokommune/someone-else";

describe("another repository's resources with the same cluster name", () => {
  it("are reported as conflicts, planned for nothing, refused at apply, and left as they were", async () => {
    const clients = testClients();
    const declaration = fullDeclaration();
    const ours = await applyExample(clients, declaration, TEST_REPOSITORY);
    const owned = physicalIds(ours);

    const theirs = await planFor(declaration, clients, OTHER_REPOSITORY);
    expect(theirs.errors.length).toBeGreaterThan(0);
    expect(theirs.errors.join("\n")).toContain(`belongs to the repository ${TEST_REPOSITORY}`);
    expect(theirs.conflicts.map((conflict) => conflict.ownerRepository)).toEqual(theirs.conflicts.map(() => `${TEST_REPOSITORY} (repository id ${TEST_REPOSITORY_ID})`));
    // Every resource of ours is a conflict, with its physical id — the untaggable delegation record
    // too, because it names the name servers of our zone.
    expect(Object.fromEntries(theirs.conflicts.map((conflict) => [conflict.id, conflict.physicalId]))).toEqual(owned);
    // Every id is taken, so the plan has nothing to do: no update, replace or delete of ours, no second copy.
    expect(theirs.changes).toEqual([]);

    const callsBefore = clients.calls.total;
    const refused = await applyFor(theirs, clients, { allowDestroy: true });
    expect(refused).toMatchObject({ outcome: "refused", reason: "plan-has-errors" });
    expect(clients.calls.total).toBe(callsBefore);

    const again = await planFor(declaration, clients, TEST_REPOSITORY);
    expect(again.errors).toEqual([]);
    expect(again.conflicts).toEqual([]);
    expect(pending(again)).toEqual([]);
    expect(physicalIds(again)).toEqual(owned);
    expect(await inventory(clients, "booking-dev", "booking-dev.oslo.systems")).toEqual(FULL_EXAMPLE_INVENTORY);
  });

  it("are not deleted when the other repository plans the deletion of its cluster of that name", async () => {
    const clients = testClients();
    const declaration = fullDeclaration();
    const owned = physicalIds(await applyExample(clients, declaration, TEST_REPOSITORY));

    const deletion = await planDeletionFor(declaration, clients, OTHER_REPOSITORY);
    expect(deletion.changes).toEqual([]);
    expect(Object.fromEntries(deletion.conflicts.map((conflict) => [conflict.id, conflict.physicalId]))).toEqual(owned);
    expect(await applyFor(deletion, clients, { allowDestroy: true })).toMatchObject({ outcome: "applied", ok: true, steps: [] });
    expect(physicalIds(await planFor(declaration, clients, TEST_REPOSITORY))).toEqual(owned);
    expect(await inventory(clients, "booking-dev", "booking-dev.oslo.systems")).toEqual(FULL_EXAMPLE_INVENTORY);
  });
});

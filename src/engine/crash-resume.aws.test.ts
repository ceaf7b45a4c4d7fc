import { describe, expect, it } from "vitest";
import { useMoto } from "../../test/support/aws.js";
import { fullDeclaration } from "../../test/support/declarations.js";
import { applyFor, hostParentZone, pending, planFor, testClients } from "../../test/support/engine.js";
import { FULL_EXAMPLE_INVENTORY, inventory } from "../../test/support/inventory.js";

useMoto();

describe("an apply killed halfway, then applied again", () => {
  it.each([3, 10, 20])("converges without duplicates after stopping after %i steps", async (stopAfter) => {
    const clients = testClients();
    await hostParentZone(clients);
    const declaration = fullDeclaration();

    const first = await applyFor(await planFor(declaration, clients), clients, { stopAfter });
    expect(first).toMatchObject({ outcome: "applied", ok: false, report: { stopped: "stop-after" } });
    if (first.outcome !== "applied") return;
    const done = first.report.done.length;
    expect(done).toBeGreaterThanOrEqual(stopAfter);
    expect(done).toBeLessThan(38);

    const resumed = await planFor(declaration, clients);
    expect(resumed.errors).toEqual([]);
    // What the first run did is found; only the rest is created again.
    expect(resumed.summary).toEqual({ create: 38 - done, update: 0, replace: 0, delete: 0 });
    const second = await applyFor(resumed, clients);
    expect(second).toMatchObject({ outcome: "applied", ok: true });

    const final = await planFor(declaration, clients);
    expect(final.errors).toEqual([]);
    expect(pending(final)).toEqual([]);
    expect(await inventory(clients, "booking-dev", "booking-dev.oslo.systems")).toEqual(FULL_EXAMPLE_INVENTORY);
  });

  it.each([5, 20])("creates no duplicates when aborted in flight after %i steps started and the same plan is applied again", async (started) => {
    // Aborting cancels the SDK calls in flight: AWS may or may not have acted on them. Applying the
    // original plan again (not re-planned) must find what exists by tag and client token.
    const clients = testClients();
    await hostParentZone(clients);
    const declaration = fullDeclaration();
    const plan = await planFor(declaration, clients);
    const controller = new AbortController();
    let count = 0;
    const onEvent = (event: { type: string }) => {
      if (event.type === "started" && ++count === started) controller.abort();
    };
    const first = await applyFor(plan, clients, { signal: controller.signal, onEvent });
    expect(first).toMatchObject({ outcome: "applied", ok: false, report: { stopped: "aborted" } });

    expect(await applyFor(plan, clients)).toMatchObject({ outcome: "applied", ok: true });
    const final = await planFor(declaration, clients);
    expect(final.errors).toEqual([]);
    expect(pending(final)).toEqual([]);
    expect(await inventory(clients, "booking-dev", "booking-dev.oslo.systems")).toEqual(FULL_EXAMPLE_INVENTORY);
  });
});

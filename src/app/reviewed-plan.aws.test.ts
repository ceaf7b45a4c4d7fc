// The held-apply check on plans read from AWS (moto): a held plan covers the current one only if
// it acts on the same physical resources, from the old values reviewers saw.
import { describe, expect, it } from "vitest";
import { useMoto } from "../../test/support/aws.js";
import { fullDeclaration } from "../../test/support/declarations.js";
import { applyExample, applyFor, planDeletionFor, planFor, testClients } from "../../test/support/engine.js";
import { checkReviewed, remainsOf } from "./reviewed-plan.js";

useMoto();

const vpcIdIn = (plan: { changes: { id: string; physicalId?: string }[] }) => plan.changes.find((change) => change.id === "vpc")?.physicalId;

describe("a held plan against the plan of today", () => {
  it("refuses a held whole-cluster deletion once the VPC was re-created with another physical id", async () => {
    const clients = testClients();
    await applyExample(clients, fullDeclaration());
    const heldDeletion = await planDeletionFor(fullDeclaration(), clients);
    expect(heldDeletion.summary.delete).toBe(38); // every resource of the example: its launch template, access entries, add-ons and pod identity included
    expect(remainsOf(await planDeletionFor(fullDeclaration(), clients), heldDeletion)).toBe(true); // nothing changed yet

    // Since it was held: the cluster was deleted and created again (a new VPC, new everything).
    expect(await applyFor(heldDeletion, clients, { allowDestroy: true })).toMatchObject({ outcome: "applied", ok: true });
    // (Without the certificate: moto fails a second RequestCertificate with the same idempotency token.)
    const recreated = fullDeclaration({ certificates: [] });
    expect(await applyFor(await planFor(recreated, clients), clients)).toMatchObject({ outcome: "applied", ok: true });
    const current = await planDeletionFor(recreated, clients);
    expect(current.summary.delete).toBe(37); // all but the certificate (the launch template included)
    expect(vpcIdIn(current)).not.toBe(vpcIdIn(heldDeletion));

    expect(remainsOf(current, heldDeletion)).toBe(false);
    expect(checkReviewed(current, heldDeletion, { resuming: true })).toMatchObject({ ok: false });
  });

  it("refuses a held update c→a when the current plan is b→a, and accepts it while AWS still holds c", async () => {
    const clients = testClients();
    const withLogLevel = (value: string) =>
      fullDeclaration({ parameters: [{ name: "app/log-level", type: "String", value }] });
    await applyExample(clients, withLogLevel("c"));
    const held = await planFor(withLogLevel("a"), clients); // update c → a
    expect(held.summary).toEqual({ create: 0, update: 1, replace: 0, delete: 0 });
    expect(remainsOf(await planFor(withLogLevel("a"), clients), held)).toBe(true);

    expect(await applyFor(await planFor(withLogLevel("b"), clients), clients)).toMatchObject({ outcome: "applied", ok: true }); // a later change: b
    const current = await planFor(withLogLevel("a"), clients); // update b → a
    expect(current.summary).toEqual(held.summary); // same actions on the same resources …
    expect(remainsOf(current, held)).toBe(false); // … but from an old value nobody reviewed
    expect(checkReviewed(current, held, { resuming: true })).toMatchObject({ ok: false });
  });
});

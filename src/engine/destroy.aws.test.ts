import { describe, expect, it } from "vitest";
import { GetParameterCommand } from "@aws-sdk/client-ssm";
import { useMoto } from "../../test/support/aws.js";
import { fullDeclaration } from "../../test/support/declarations.js";
import { applyExample, applyFor, pending, planFor, testClients } from "../../test/support/engine.js";

useMoto();

const LOG_LEVEL = "/okctl/booking-dev/app/log-level";

describe("removing a parameter from okctl.yaml", () => {
  it("plans its deletion, which apply refuses without the destroy opt-in and does with it", async () => {
    const clients = testClients();
    await applyExample(clients, fullDeclaration());
    const declaration = fullDeclaration();
    declaration.parameters = declaration.parameters.filter((parameter) => parameter.name !== "app/log-level");

    const plan = await planFor(declaration, clients);
    expect(plan.errors).toEqual([]);
    expect(plan.summary).toEqual({ create: 0, update: 0, replace: 0, delete: 1 });
    expect(pending(plan)).toMatchObject([{ action: "delete", id: "parameter/app/log-level", physicalId: LOG_LEVEL, reason: "no longer in okctl.yaml" }]);

    const callsBefore = clients.calls.total;
    const refused = await applyFor(plan, clients, { allowDestroy: false });
    expect(refused).toMatchObject({ outcome: "refused", reason: "destroy-not-allowed", details: ["delete parameter/app/log-level"] });
    if (refused.outcome !== "refused") return;
    expect(refused.message).toContain("parameter/app/log-level");
    expect(refused.message).toContain("--allow-destroy");
    expect(refused.message).toContain("allowDestroy: true");
    expect(clients.calls.total).toBe(callsBefore); // refused before any AWS call
    expect((await clients.ssm.send(new GetParameterCommand({ Name: LOG_LEVEL }))).Parameter?.Value).toBe("info");

    const applied = await applyFor(plan, clients, { allowDestroy: true });
    expect(applied).toMatchObject({ outcome: "applied", ok: true });
    await expect(clients.ssm.send(new GetParameterCommand({ Name: LOG_LEVEL }))).rejects.toMatchObject({ name: "ParameterNotFound" });

    const again = await planFor(declaration, clients);
    expect(again.errors).toEqual([]);
    expect(pending(again)).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { GetParameterCommand } from "@aws-sdk/client-ssm";
import { useMoto } from "../../test/support/aws.js";
import { fullDeclaration } from "../../test/support/declarations.js";
import { applyExample, applyFor, pending, planFor, testClients } from "../../test/support/engine.js";
import type { AwsClients } from "../aws/clients.js";
import type { ApplyEvent } from "../apply/apply-plan.js";
import { renderApplyEvent, renderPlanText } from "../render/terminal.js";
import { SECRET_ALPHABET } from "../resources/parameter/secret.js";

useMoto();

const SECRET = "/okctl/booking-dev/argocd/client_secret";

async function secret(clients: AwsClients): Promise<{ value: string; version: number }> {
  const { Parameter } = await clients.ssm.send(new GetParameterCommand({ Name: SECRET, WithDecryption: true }));
  expect(Parameter?.Type).toBe("SecureString");
  return { value: Parameter!.Value!, version: Parameter!.Version! };
}

describe("a generated SecureString parameter", () => {
  it("gets a random value of the requested length once, which no plan, rendering or later apply shows or changes", async () => {
    const clients = testClients();
    const events: ApplyEvent[] = [];
    const created = await planFor(fullDeclaration(), clients);
    const texts = [JSON.stringify(created), renderPlanText(created)];
    await applyExample(clients, fullDeclaration());

    const first = await secret(clients);
    expect(first.value).toHaveLength(32);
    expect([...first.value].every((char) => SECRET_ALPHABET.includes(char))).toBe(true);

    const unchanged = await planFor(fullDeclaration(), clients);
    expect(unchanged.errors).toEqual([]);
    expect(pending(unchanged)).toEqual([]);
    const again = await applyFor(unchanged, clients, { onEvent: (event) => events.push(event) });
    expect(again).toMatchObject({ outcome: "applied", ok: true });

    // A change elsewhere, and a longer length asked for: the secret is create-only, so neither touches it.
    const declaration = fullDeclaration();
    declaration.parameters = declaration.parameters.map((parameter) =>
      parameter.type === "SecureString" ? { ...parameter, generate: { length: 48 } } : { ...parameter, value: "debug" },
    );
    const changed = await planFor(declaration, clients);
    expect(pending(changed).map((change) => `${change.action} ${change.id}`)).toEqual(["update parameter/app/log-level"]);
    const applied = await applyFor(changed, clients, { onEvent: (event) => events.push(event) });
    expect(applied).toMatchObject({ outcome: "applied", ok: true });
    expect(await secret(clients)).toEqual(first);

    texts.push(JSON.stringify(unchanged), renderPlanText(unchanged), JSON.stringify(changed), renderPlanText(changed));
    texts.push(JSON.stringify(applied), ...events.map((event) => renderApplyEvent(event)));
    for (const text of texts) expect(text).not.toContain(first.value);
    expect(renderPlanText(created)).toContain("(sensitive)");
  });
});

import { GetParameterCommand } from "@aws-sdk/client-ssm";
import { describe, expect, it } from "vitest";
import { useMoto } from "../../../test/support/aws.js";
import { createAwsClients } from "../../aws/clients.js";
import { createInput, testApplyContext, testReadContext } from "../shared/test-context.js";
import { fullInput } from "../shared/test-input.js";
import type { ResolvedProperties } from "../types.js";
import { desiredParameters } from "./desired.js";
import { parameterHandler } from "./handler.js";
import { SECRET_ALPHABET } from "./secret.js";

useMoto();

const desired = desiredParameters(fullInput());
const secure = desired.find((r) => r.id === "parameter/argocd/client_secret")!;
const plain = desired.find((r) => r.id === "parameter/app/log-level")!;

async function secretValue(name: string): Promise<string> {
  const ssm = createAwsClients({ region: "eu-west-1" }).ssm;
  const response = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
  return response.Parameter!.Value!.replace(/^kms:alias\/aws\/ssm:/, ""); // moto's stand-in for KMS
}

describe("the parameter kind against moto", () => {
  it("creates a String parameter that read finds with its value and tags, once", async () => {
    const ctx = testApplyContext();
    const created = await parameterHandler.create(ctx, createInput(plain));
    await parameterHandler.create(ctx, createInput(plain));
    expect(created).toEqual({ physicalId: "/okctl/booking-dev/app/log-level", outputs: { name: "/okctl/booking-dev/app/log-level" } });
    const actual = await parameterHandler.read(testReadContext());
    expect(actual).toHaveLength(1);
    expect(actual[0]).toMatchObject({
      id: "parameter/app/log-level",
      kind: "parameter",
      physicalId: "/okctl/booking-dev/app/log-level",
      properties: { name: "/okctl/booking-dev/app/log-level", type: "String", value: "info", description: null },
      tags: plain.tags,
      repository: "oslokommune/booking",
    });
  });

  it("generates a SecureString once, stores it, and never reads it back", async () => {
    const ctx = testApplyContext();
    await parameterHandler.create(ctx, createInput(secure));
    const first = await secretValue(secure.name);
    expect(first).toHaveLength(32);
    expect([...first].every((c) => SECRET_ALPHABET.includes(c))).toBe(true);

    const again = await parameterHandler.create(ctx, createInput(secure));
    expect(JSON.stringify(again)).not.toContain(first);
    expect(await secretValue(secure.name)).toBe(first);

    const actual = await parameterHandler.read(testReadContext());
    expect(actual[0]!.properties).toEqual({ name: secure.name, type: "SecureString", description: null });
    expect(JSON.stringify(actual)).not.toContain(first);
  });

  it("updates a String value in place", async () => {
    const ctx = testApplyContext();
    const { physicalId } = await parameterHandler.create(ctx, createInput(plain));
    await parameterHandler.update(ctx, {
      ...createInput(plain),
      physicalId,
      properties: { ...(plain.properties as ResolvedProperties), value: "debug" },
      changed: ["value"],
      before: plain.properties as ResolvedProperties,
    });
    const [actual] = await parameterHandler.read(testReadContext());
    expect(actual!.properties.value).toBe("debug");
  });

  it("re-applies changed tags in place", async () => {
    const ctx = testApplyContext();
    const { physicalId } = await parameterHandler.create(ctx, createInput(secure));
    const tags = { ...secure.tags, "okctl.io/environment": "prod" };
    const properties = secure.properties as ResolvedProperties;
    await parameterHandler.update(ctx, { ...createInput(secure), physicalId, tags, properties, changed: ["tags"], before: properties });
    const [actual] = await parameterHandler.read(testReadContext());
    expect(actual!.tags).toEqual(tags);
  });

  it("deletes, and deleting again is not an error", async () => {
    const ctx = testApplyContext();
    const { physicalId, outputs } = await parameterHandler.create(ctx, createInput(plain));
    await parameterHandler.delete(ctx, { id: plain.id, physicalId, outputs });
    expect(await parameterHandler.read(testReadContext())).toEqual([]);
    await parameterHandler.delete(ctx, { id: plain.id, physicalId, outputs });
  });

  it("reads another repository's parameter with its repository, and refuses to adopt it", async () => {
    const other = desiredParameters(fullInput({}, "someone/else")).find((r) => r.id === plain.id)!;
    await parameterHandler.create(testApplyContext({ repository: "someone/else" }), createInput(other));
    const [actual] = await parameterHandler.read(testReadContext());
    expect(actual!.repository).toBe("someone/else");
    await expect(parameterHandler.create(testApplyContext(), createInput(plain))).rejects.toThrow(/someone\/else/);
  });

  it("ignores parameters of other clusters", async () => {
    const other = desiredParameters(fullInput({ metadata: { name: "other", accountID: "123456789012", region: "eu-west-1" } }));
    for (const resource of other) await parameterHandler.create(testApplyContext({ cluster: "other" }), createInput(resource));
    expect(await parameterHandler.read(testReadContext())).toEqual([]);
    expect(await parameterHandler.read(testReadContext({ cluster: "other" }))).toHaveLength(2);
  });
});

import { CreateHostedZoneCommand } from "@aws-sdk/client-route-53";
import { describe, expect, it } from "vitest";
import { useMoto } from "../../../test/support/aws.js";
import { createAwsClients } from "../../aws/clients.js";
import { desiredHostedZone } from "../hosted-zone/desired.js";
import { hostedZoneHandler } from "../hosted-zone/handler.js";
import { createInput, testApplyContext, testReadContext } from "../shared/test-context.js";
import { fullInput } from "../shared/test-input.js";
import type { Json } from "../types.js";
import { desiredZoneDelegation } from "./desired.js";
import { zoneDelegationHandler } from "./handler.js";
import { parentZoneHosted } from "./manual.js";

useMoto();

const input = fullInput();
const desired = [...desiredHostedZone(input), ...desiredZoneDelegation(input)];
const delegation = desired.find((r) => r.id === "zone-delegation")!;
const route53 = () => createAwsClients({ region: "eu-west-1" }).route53;

async function setUp(): Promise<Record<string, Record<string, Json>>> {
  await route53().send(new CreateHostedZoneCommand({ Name: "oslo.systems", CallerReference: "parent" }));
  const zone = await hostedZoneHandler.create(testApplyContext(), createInput(desired[0]!));
  return { "hosted-zone": zone.outputs };
}

describe("the zone-delegation kind against moto", () => {
  it("creates the NS record set in the parent zone, which read finds by identity", async () => {
    const outputs = await setUp();
    const ctx = testApplyContext();
    const created = await zoneDelegationHandler.create(ctx, createInput(delegation, outputs));
    await zoneDelegationHandler.create(ctx, createInput(delegation, outputs));
    const actual = await zoneDelegationHandler.read(testReadContext({ desired }));
    expect(actual).toEqual([
      {
        id: "zone-delegation",
        kind: "zone-delegation",
        physicalId: created.physicalId,
        properties: {
          parentZone: "oslo.systems",
          recordName: "booking-dev.oslo.systems",
          nameServers: outputs["hosted-zone"]!.nameServers,
          ttl: 300,
        },
        outputs: created.outputs,
        tags: {},
      },
    ]);
  });

  it("updates the name servers and TTL in place", async () => {
    const outputs = await setUp();
    const ctx = testApplyContext();
    const created = await zoneDelegationHandler.create(ctx, createInput(delegation, outputs));
    const resolved = createInput(delegation, outputs);
    const properties = { ...resolved.properties, nameServers: ["ns-1.example.net", "ns-2.example.org"], ttl: 60 };
    await zoneDelegationHandler.update(ctx, { ...resolved, ...created, properties, changed: ["nameServers", "ttl"], before: resolved.properties });
    const [actual] = await zoneDelegationHandler.read(testReadContext({ desired }));
    expect(actual!.properties).toMatchObject({ nameServers: ["ns-1.example.net", "ns-2.example.org"], ttl: 60 });
  });

  it("deletes, and deleting again is not an error", async () => {
    const outputs = await setUp();
    const ctx = testApplyContext();
    const created = await zoneDelegationHandler.create(ctx, createInput(delegation, outputs));
    await zoneDelegationHandler.delete(ctx, { id: delegation.id, ...created });
    expect(await zoneDelegationHandler.read(testReadContext({ desired }))).toEqual([]);
    await zoneDelegationHandler.delete(ctx, { id: delegation.id, ...created });
  });

  it("refuses to update or delete the record once it names other name servers than the plan saw, and writes nothing", async () => {
    const outputs = await setUp();
    const ctx = testApplyContext();
    const created = await zoneDelegationHandler.create(ctx, createInput(delegation, outputs));
    const resolved = createInput(delegation, outputs);
    const planned = resolved.properties; // what the plan read (and proved ours): the zone's name servers
    // After the plan, someone points the name at other name servers.
    const elsewhere = { ...planned, nameServers: ["ns-1.elsewhere.net", "ns-2.elsewhere.org"] };
    await zoneDelegationHandler.update(ctx, { ...resolved, ...created, properties: elsewhere, changed: ["nameServers"], before: planned });
    const theirs = (await zoneDelegationHandler.read(testReadContext({ desired })))[0]!.properties;

    const ttl = { ...planned, ttl: 60 };
    await expect(zoneDelegationHandler.update(ctx, { ...resolved, ...created, properties: ttl, changed: ["ttl"], before: { ttl: 300 } })).rejects.toThrow(
      /^refused to update zone-delegation: the NS record booking-dev\.oslo\.systems in the zone \S+ now names ns-1\.elsewhere\.net, ns-2\.elsewhere\.org, not the name servers the plan proved this repository's .*nothing was written to it/,
    );
    await expect(zoneDelegationHandler.delete(ctx, { id: delegation.id, ...created, before: planned })).rejects.toThrow(/^refused to delete zone-delegation: /);
    expect((await zoneDelegationHandler.read(testReadContext({ desired })))[0]!.properties).toEqual(theirs);
  });

  it("finds nothing, and refuses with the records to add by hand, when the parent is not hosted here", async () => {
    const zone = await hostedZoneHandler.create(testApplyContext(), createInput(desired[0]!));
    expect(await parentZoneHosted(route53(), "oslo.systems")).toBe(false);
    expect(await zoneDelegationHandler.read(testReadContext({ desired }))).toEqual([]);
    await expect(
      zoneDelegationHandler.create(testApplyContext(), createInput(delegation, { "hosted-zone": zone.outputs })),
    ).rejects.toThrow(/not hosted in this AWS account[\s\S]*name: booking-dev\.oslo\.systems\.\s+type: NS/);
  });

  it("reads nothing when the declaration has no delegation (it can't tell the record is okctl's)", async () => {
    const outputs = await setUp();
    await zoneDelegationHandler.create(testApplyContext(), createInput(delegation, outputs));
    expect(await zoneDelegationHandler.read(testReadContext({ desired: [desired[0]!] }))).toEqual([]);
  });

  it("without a declaration (the cluster is being deleted), finds the delegation through the cluster's zone, owned as the zone is", async () => {
    const outputs = await setUp();
    const created = await zoneDelegationHandler.create(testApplyContext(), createInput(delegation, outputs));
    const found = await zoneDelegationHandler.read(testReadContext({ desired: [] }));
    expect(found).toEqual([
      {
        id: "zone-delegation",
        kind: "zone-delegation",
        physicalId: created.physicalId,
        properties: { parentZone: "oslo.systems", recordName: "booking-dev.oslo.systems", nameServers: outputs["hosted-zone"]!.nameServers, ttl: 300 },
        outputs: created.outputs,
        tags: {},
        repository: "oslokommune/booking",
        repositoryId: expect.stringMatching(/^\d+$/), // ownership is by repository id
      },
    ]);
    // Another cluster's read finds nothing: the zone is not tagged for it.
    expect(await zoneDelegationHandler.read(testReadContext({ desired: [], cluster: "other-dev" }))).toEqual([]);
  });

  it("without a declaration, does not take an NS record that names other name servers", async () => {
    const outputs = await setUp();
    const resolved = createInput(delegation, outputs);
    await zoneDelegationHandler.create(testApplyContext(), { ...resolved, properties: { ...resolved.properties, nameServers: ["ns-1.example.net"] } });
    expect(await zoneDelegationHandler.read(testReadContext({ desired: [] }))).toEqual([]);
  });
});

import { ChangeResourceRecordSetsCommand, ListHostedZonesCommand } from "@aws-sdk/client-route-53";
import { describe, expect, it } from "vitest";
import { useMoto } from "../../../test/support/aws.js";
import { createAwsClients } from "../../aws/clients.js";
import { createInput, testApplyContext, testReadContext } from "../shared/test-context.js";
import { fullInput } from "../shared/test-input.js";
import { desiredHostedZone } from "./desired.js";
import { hostedZoneHandler } from "./handler.js";

useMoto();

const [zone] = desiredHostedZone(fullInput());
const route53 = () => createAwsClients({ region: "eu-west-1" }).route53;

async function addRecord(zoneId: string, name: string, type: "A" | "CNAME", value: string) {
  await route53().send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: zoneId,
      ChangeBatch: { Changes: [{ Action: "UPSERT", ResourceRecordSet: { Name: name, Type: type, TTL: 300, ResourceRecords: [{ Value: value }] } }] },
    }),
  );
}

describe("the hosted-zone kind against moto", () => {
  it("creates a zone that read finds with its name, name servers and tags, once", async () => {
    const ctx = testApplyContext();
    const created = await hostedZoneHandler.create(ctx, createInput(zone!));
    const again = await hostedZoneHandler.create(ctx, createInput(zone!));
    expect(again.physicalId).toBe(created.physicalId);
    expect((await route53().send(new ListHostedZonesCommand({}))).HostedZones).toHaveLength(1);

    const actual = await hostedZoneHandler.read(testReadContext());
    expect(actual).toEqual([
      {
        id: "hosted-zone",
        kind: "hosted-zone",
        physicalId: created.physicalId,
        properties: { name: "booking-dev.oslo.systems" },
        outputs: { id: created.physicalId, nameServers: expect.arrayContaining([expect.stringMatching(/^ns-/)]) },
        tags: zone!.tags,
        repository: "oslokommune/booking",
        repositoryId: expect.stringMatching(/^\d+$/), // ownership is by repository id
      },
    ]);
    expect(created.outputs).toEqual(actual[0]!.outputs);
  });

  it("deletes the zone with its validation records, and deleting again is not an error", async () => {
    const ctx = testApplyContext();
    const created = await hostedZoneHandler.create(ctx, createInput(zone!));
    await addRecord(created.physicalId, "_abc.booking-dev.oslo.systems", "CNAME", "_def.xyz.acm-validations.aws.");
    await hostedZoneHandler.delete(ctx, { id: zone!.id, ...created });
    expect(await hostedZoneHandler.read(testReadContext())).toEqual([]);
    await hostedZoneHandler.delete(ctx, { id: zone!.id, ...created });
  });

  it("refuses to delete a zone with records okctl did not create, and names them", async () => {
    const ctx = testApplyContext();
    const created = await hostedZoneHandler.create(ctx, createInput(zone!));
    await addRecord(created.physicalId, "app.booking-dev.oslo.systems", "A", "192.0.2.1");
    await expect(hostedZoneHandler.delete(ctx, { id: zone!.id, ...created })).rejects.toThrow(/app\.booking-dev\.oslo\.systems\.? A/);
  });

  it("reads another repository's zone with its repository", async () => {
    const [other] = desiredHostedZone(fullInput({}, "someone/else"));
    await hostedZoneHandler.create(testApplyContext({ repository: "someone/else" }), createInput(other!));
    const [actual] = await hostedZoneHandler.read(testReadContext());
    expect(actual!.repository).toBe("someone/else");
  });
});

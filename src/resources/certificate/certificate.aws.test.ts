import { DescribeCertificateCommand, ListCertificatesCommand, RequestCertificateCommand } from "@aws-sdk/client-acm";
import { ChangeResourceRecordSetsCommand } from "@aws-sdk/client-route-53";
import { describe, expect, it } from "vitest";
import { useMoto } from "../../../test/support/aws.js";
import { createAwsClients } from "../../aws/clients.js";
import { desiredHostedZone } from "../hosted-zone/desired.js";
import { hostedZoneHandler } from "../hosted-zone/handler.js";
import { findRecordSet } from "../shared/route53.js";
import { createInput, testApplyContext, testReadContext } from "../shared/test-context.js";
import { fullInput } from "../shared/test-input.js";
import type { Json } from "../types.js";
import { desiredCertificates } from "./desired.js";
import { validationRecords } from "./lookup.js";
import { validateCertificate } from "./validate.js";
import { certificateHandler } from "./handler.js";

useMoto();

const clients = () => createAwsClients({ region: "eu-west-1" });
const input = fullInput({
  certificates: [
    { domain: "argocd.booking-dev.oslo.systems", subjectAlternativeNames: [] },
    { domain: "grafana.booking-dev.oslo.systems", subjectAlternativeNames: ["*.grafana.booking-dev.oslo.systems"] },
  ],
});
const [argocd, grafana] = desiredCertificates(input);

async function withZone(): Promise<Record<string, Record<string, Json>>> {
  const [zone] = desiredHostedZone(input);
  return { "hosted-zone": (await hostedZoneHandler.create(testApplyContext(), createInput(zone!))).outputs };
}

interface RecordOutput {
  name: string;
  value: string;
}

describe("the certificate kind against moto", () => {
  it("requests, validates through the zone and finds the certificate, once", async () => {
    const outputs = await withZone();
    const zoneId = outputs["hosted-zone"]!.id as string;
    const ctx = testApplyContext();
    const created = await certificateHandler.create(ctx, createInput(grafana!, outputs));
    const again = await certificateHandler.create(ctx, createInput(grafana!, outputs));
    expect(again.physicalId).toBe(created.physicalId);
    expect((await clients().acm.send(new ListCertificatesCommand({}))).CertificateSummaryList).toHaveLength(1);
    expect(created.outputs).toMatchObject({ arn: created.physicalId, status: "ISSUED" });

    const records = created.outputs.validationRecords as unknown as RecordOutput[];
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      const found = await findRecordSet(clients().route53, zoneId, record.name, "CNAME");
      expect(found?.ResourceRecords?.[0]?.Value).toBe(record.value);
    }

    const actual = await certificateHandler.read(testReadContext());
    expect(actual).toEqual([
      {
        id: "certificate/grafana.booking-dev.oslo.systems",
        kind: "certificate",
        physicalId: created.physicalId,
        properties: {
          domainName: "grafana.booking-dev.oslo.systems",
          subjectAlternativeNames: ["*.grafana.booking-dev.oslo.systems"],
          hostedZoneId: zoneId,
          issuable: true,
        },
        outputs: created.outputs,
        tags: grafana!.tags,
        repository: "oslokommune/booking",
        repositoryId: grafana!.tags["okctl.io/repository-id"],
      },
    ]);
    expect(actual[0]!.repositoryId).toMatch(/^\d+$/);
  });

  it("deletes the certificate and its validation records, and deleting again is not an error", async () => {
    const outputs = await withZone();
    const zoneId = outputs["hosted-zone"]!.id as string;
    const ctx = testApplyContext();
    const created = await certificateHandler.create(ctx, createInput(argocd!, outputs));
    await certificateHandler.delete(ctx, { id: argocd!.id, ...created });
    expect(await certificateHandler.read(testReadContext())).toEqual([]);
    for (const record of created.outputs.validationRecords as unknown as RecordOutput[]) {
      expect(await findRecordSet(clients().route53, zoneId, record.name, "CNAME")).toBeUndefined();
    }
    await certificateHandler.delete(ctx, { id: argocd!.id, ...created });
  });

  it("keeps validation records another certificate for the same name still uses", async () => {
    const outputs = await withZone();
    const zoneId = outputs["hosted-zone"]!.id as string;
    const ctx = testApplyContext();
    const ours = await certificateHandler.create(ctx, createInput(argocd!, outputs));
    const [theirs] = desiredCertificates(fullInput({}, "someone/else"));
    await certificateHandler.create(testApplyContext({ repository: "someone/else" }), createInput(theirs!, outputs));
    await certificateHandler.delete(ctx, { id: argocd!.id, ...ours });
    const [record] = ours.outputs.validationRecords as unknown as RecordOutput[];
    expect(await findRecordSet(clients().route53, zoneId, record!.name, "CNAME")).toBeDefined();
    const [left] = await certificateHandler.read(testReadContext());
    expect(left!.repository).toBe("someone/else");
  });

  it("never overwrites a record at a validation name that says something else: the apply fails saying so, the record stays", async () => {
    const outputs = await withZone();
    const zoneId = outputs["hosted-zone"]!.id as string;
    const ctx = testApplyContext();
    const { CertificateArn: arn } = await clients().acm.send(new RequestCertificateCommand({ DomainName: "argocd.booking-dev.oslo.systems", ValidationMethod: "DNS" }));
    const [record] = validationRecords((await clients().acm.send(new DescribeCertificateCommand({ CertificateArn: arn }))).Certificate!);
    // Someone else's record at the validation name (in an adopted zone, say).
    const foreign = { Name: record!.name, Type: "CNAME" as const, TTL: 60, ResourceRecords: [{ Value: "someone-elses.example.net" }] };
    await clients().route53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: [{ Action: "CREATE", ResourceRecordSet: foreign }] } }));

    await expect(validateCertificate(ctx, arn!, zoneId, "argocd.booking-dev.oslo.systems")).rejects.toThrow(
      `the hosted zone ${zoneId} already has a CNAME record ${record!.name} (someone-elses.example.net) where certificate argocd.booking-dev.oslo.systems needs ${record!.value}; okctl does not overwrite records it does not own`,
    );
    const after = await findRecordSet(clients().route53, zoneId, record!.name, "CNAME");
    expect(after).toMatchObject({ TTL: 60, ResourceRecords: [{ Value: "someone-elses.example.net" }] });
  });

  it("leaves a validation record that already says what ACM asks for as it is", async () => {
    const outputs = await withZone();
    const zoneId = outputs["hosted-zone"]!.id as string;
    const { CertificateArn: arn } = await clients().acm.send(new RequestCertificateCommand({ DomainName: "argocd.booking-dev.oslo.systems", ValidationMethod: "DNS" }));
    const [record] = validationRecords((await clients().acm.send(new DescribeCertificateCommand({ CertificateArn: arn }))).Certificate!);
    const same = { Name: record!.name, Type: "CNAME" as const, TTL: 3600, ResourceRecords: [{ Value: record!.value }] };
    await clients().route53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: [{ Action: "CREATE", ResourceRecordSet: same }] } }));
    await validateCertificate(testApplyContext(), arn!, zoneId, "argocd.booking-dev.oslo.systems");
    expect(await findRecordSet(clients().route53, zoneId, record!.name, "CNAME")).toMatchObject({ TTL: 3600 });
  });
});

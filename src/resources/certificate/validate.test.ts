// Certificate validation as on AWS (records appear after a few seconds, issuance takes a while),
// which moto doesn't show: a fake client.
import { describe, expect, it } from "vitest";
import { fakeClients, testApplyContext } from "../shared/test-context.js";
import { validateCertificate } from "./validate.js";

const record = { Name: "_x.a.example.org.", Type: "CNAME", Value: "_y.acm-validations.aws." };
const pending = (withRecords: boolean) => ({
  Certificate: {
    Status: "PENDING_VALIDATION",
    DomainValidationOptions: [
      { DomainName: "a.example.org", ...(withRecords ? { ResourceRecord: record } : {}) },
      { DomainName: "*.a.example.org", ...(withRecords ? { ResourceRecord: record } : {}) },
    ],
  },
});

describe("certificate validation", () => {
  it("waits for the records, looks for them in the zone, creates them once, waits for INSYNC, then for ISSUED", async () => {
    const describes = [pending(false), pending(true), pending(true), { Certificate: { Status: "ISSUED" } }];
    const changes = ["PENDING", "INSYNC"];
    const { clients, calls } = fakeClients((call) => {
      if (call.command === "DescribeCertificateCommand") return describes.shift();
      if (call.command === "ListResourceRecordSetsCommand") return { ResourceRecordSets: [] };
      if (call.command === "ChangeResourceRecordSetsCommand") return { ChangeInfo: { Id: "/change/C1", Status: "PENDING" } };
      if (call.command === "GetChangeCommand") return { ChangeInfo: { Id: "/change/C1", Status: changes.shift() } };
      throw new Error(`unexpected ${call.command}`);
    });
    const ctx = testApplyContext({ clients });
    const detail = await validateCertificate(ctx, "arn:cert", "Z1", "a.example.org");
    expect(detail.Status).toBe("ISSUED");
    expect(calls.map((c) => c.command)).toEqual([
      "DescribeCertificateCommand",
      "DescribeCertificateCommand",
      "ListResourceRecordSetsCommand",
      "ChangeResourceRecordSetsCommand",
      "GetChangeCommand",
      "GetChangeCommand",
      "DescribeCertificateCommand",
      "DescribeCertificateCommand",
    ]);
    const batch = calls[3]!.input.ChangeBatch as { Changes: unknown[] };
    expect(batch.Changes).toEqual([
      { Action: "CREATE", ResourceRecordSet: { Name: "_x.a.example.org", Type: "CNAME", TTL: 300, ResourceRecords: [{ Value: "_y.acm-validations.aws." }] } },
    ]);
    expect(ctx.waits).toEqual([
      "ACM to publish the DNS validation records of certificate a.example.org",
      "the validation records of certificate a.example.org (Route 53 change INSYNC)",
      "certificate a.example.org to be ISSUED (DNS validation)",
    ]);
  });

  it("fails with ACM's reason when validation fails, and times out naming the certificate", async () => {
    const failed = fakeClients(() => ({ Certificate: { Status: "FAILED", FailureReason: "CAA_ERROR" } }));
    await expect(validateCertificate(testApplyContext({ clients: failed.clients }), "arn", "Z1", "a.example.org")).rejects.toThrow(
      "certificate a.example.org is FAILED (CAA_ERROR)",
    );
    const stuck = fakeClients(() => pending(false));
    await expect(validateCertificate(testApplyContext({ clients: stuck.clients }), "arn", "Z1", "a.example.org")).rejects.toThrow(
      /timed out after 60s waiting for ACM to publish the DNS validation records of certificate a\.example\.org/,
    );
  });
});

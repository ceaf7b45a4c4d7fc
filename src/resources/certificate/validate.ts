// DNS validation: wait for ACM to publish the validation records (a few seconds on AWS), UPSERT
// them into the hosted zone, wait for Route 53 to be INSYNC, then wait until the certificate is ISSUED.
import type { CertificateDetail } from "@aws-sdk/client-acm";
import { ChangeResourceRecordSetsCommand } from "@aws-sdk/client-route-53";
import { pollUntil } from "../shared/poll.js";
import { waitForChange } from "../shared/route53.js";
import type { ApplyContext } from "../types.js";
import { DEAD_STATUSES, describeCertificate, validationRecords, type ValidationRecord } from "./lookup.js";

const CERTIFICATE_POLL_INTERVAL_MS = 5_000;
export const VALIDATION_TTL = 300;

function hasAllRecords(detail: CertificateDetail): boolean {
  if (detail.Status === "ISSUED") return true;
  const options = detail.DomainValidationOptions ?? [];
  return options.length > 0 && options.every((option) => option.ResourceRecord?.Value);
}

function failIfDead(detail: CertificateDetail | undefined, name: string): void {
  if (detail?.Status && DEAD_STATUSES.includes(detail.Status)) {
    throw new Error(`certificate ${name} is ${detail.Status}${detail.FailureReason ? ` (${detail.FailureReason})` : ""}`);
  }
}

async function describeOrFail(ctx: ApplyContext, arn: string): Promise<CertificateDetail> {
  const detail = await describeCertificate(ctx.clients.acm, arn);
  if (!detail) throw new Error(`certificate ${arn} disappeared during validation`);
  return detail;
}

export async function waitForValidationRecords(ctx: ApplyContext, arn: string, name: string): Promise<CertificateDetail> {
  return pollUntil({
    describe: () => describeOrFail(ctx, arn),
    done: (detail) => {
      failIfDead(detail, name);
      return hasAllRecords(detail);
    },
    state: (detail) => detail.Status,
    timeoutMs: ctx.timeouts.certificate,
    what: `ACM to publish the DNS validation records of certificate ${name}`,
    ctx,
    intervalMs: CERTIFICATE_POLL_INTERVAL_MS,
  });
}

export async function upsertValidationRecords(ctx: ApplyContext, hostedZoneId: string, records: readonly ValidationRecord[], name: string): Promise<void> {
  if (records.length === 0) return;
  const change = await ctx.clients.route53.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: hostedZoneId,
      ChangeBatch: {
        Comment: `okctl: DNS validation of certificate ${name}`,
        Changes: records.map((record) => ({
          Action: "UPSERT",
          ResourceRecordSet: { Name: record.name, Type: "CNAME", TTL: VALIDATION_TTL, ResourceRecords: [{ Value: record.value }] },
        })),
      },
    }),
  );
  await waitForChange(ctx, change.ChangeInfo?.Id, `the validation records of certificate ${name} (Route 53 change INSYNC)`);
}

export async function waitForIssued(ctx: ApplyContext, arn: string, name: string): Promise<CertificateDetail> {
  return pollUntil({
    describe: () => describeOrFail(ctx, arn),
    done: (detail) => {
      failIfDead(detail, name);
      return detail.Status === "ISSUED";
    },
    state: (detail) => detail.Status,
    timeoutMs: ctx.timeouts.certificate,
    what: `certificate ${name} to be ISSUED (DNS validation)`,
    ctx,
    intervalMs: CERTIFICATE_POLL_INTERVAL_MS,
  });
}

/**
 * The whole validation: records published, in the zone and in sync, certificate issued. The records
 * go in even when the certificate is already issued: ACM's managed renewal needs them to stay.
 */
export async function validateCertificate(ctx: ApplyContext, arn: string, hostedZoneId: string, name: string): Promise<CertificateDetail> {
  const detail = await waitForValidationRecords(ctx, arn, name);
  await upsertValidationRecords(ctx, hostedZoneId, validationRecords(detail), name);
  return detail.Status === "ISSUED" ? detail : waitForIssued(ctx, arn, name);
}

// DNS validation: wait for ACM to publish the validation records (a few seconds on AWS), CREATE
// the missing ones in the hosted zone (never overwriting a record that says something else), wait
// for Route 53 to be INSYNC, then wait until the certificate is ISSUED.
import type { CertificateDetail } from "@aws-sdk/client-acm";
import { ChangeResourceRecordSetsCommand, type ResourceRecordSet } from "@aws-sdk/client-route-53";
import { isAwsError } from "../shared/aws-errors.js";
import { pollUntil } from "../shared/poll.js";
import { dnsName, findRecordSet, waitForChange } from "../shared/route53.js";
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

/** The one value of a CNAME record set, normalised as ACM's values are compared (no trailing dot, lower case). */
function cnameValue(record: ResourceRecordSet | undefined): string | undefined {
  const values = record?.ResourceRecords ?? [];
  return values.length === 1 && values[0]!.Value ? dnsName(values[0]!.Value) : undefined;
}

/**
 * The validation records not in the zone yet. One already there with exactly ACM's value is left
 * as it is (ACM uses the same record for every certificate of a name); one that says something
 * else is not ours (a record in an adopted zone, someone's edit) and is never overwritten.
 */
async function missingValidationRecords(ctx: ApplyContext, hostedZoneId: string, records: readonly ValidationRecord[], name: string): Promise<ValidationRecord[]> {
  const missing: ValidationRecord[] = [];
  for (const record of records) {
    const existing = await findRecordSet(ctx.clients.route53, hostedZoneId, record.name, "CNAME");
    if (!existing) {
      missing.push(record);
    } else if (cnameValue(existing) !== dnsName(record.value)) {
      const values = (existing.ResourceRecords ?? []).map((value) => value.Value).join(", ") || existing.AliasTarget?.DNSName || "an alias";
      throw new Error(
        `the hosted zone ${hostedZoneId} already has a CNAME record ${record.name} (${values}) where certificate ${name} needs ${record.value}; ` +
          "okctl does not overwrite records it does not own. If that record is stale, delete it and apply again.",
      );
    }
  }
  return missing;
}

/**
 * Writes the validation records that are missing, with CREATE: Route 53 refuses the whole batch if
 * a record appeared at one of the names since they were looked at, or another type holds the
 * name, so a record okctl does not own is never overwritten.
 */
export async function writeValidationRecords(ctx: ApplyContext, hostedZoneId: string, records: readonly ValidationRecord[], name: string): Promise<void> {
  const missing = await missingValidationRecords(ctx, hostedZoneId, records, name);
  if (missing.length === 0) return;
  let change;
  try {
    change = await ctx.clients.route53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: hostedZoneId,
        ChangeBatch: {
          Comment: `okctl: DNS validation of certificate ${name}`,
          Changes: missing.map((record) => ({
            Action: "CREATE",
            ResourceRecordSet: { Name: record.name, Type: "CNAME", TTL: VALIDATION_TTL, ResourceRecords: [{ Value: record.value }] },
          })),
        },
      }),
    );
  } catch (error) {
    if (!isAwsError(error, "InvalidChangeBatch")) throw error;
    // Written meanwhile (a concurrent apply writes the same value): fine if it now says what ACM asks for.
    if ((await missingValidationRecords(ctx, hostedZoneId, records, name)).length === 0) return;
    throw new Error(
      `Route 53 refused the validation records of certificate ${name} in the hosted zone ${hostedZoneId} (${error instanceof Error ? error.message : String(error)}); ` +
        "okctl does not overwrite records it does not own (another record type at the same name, say).",
    );
  }
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
  await writeValidationRecords(ctx, hostedZoneId, validationRecords(detail), name);
  return detail.Status === "ISSUED" ? detail : waitForIssued(ctx, arn, name);
}

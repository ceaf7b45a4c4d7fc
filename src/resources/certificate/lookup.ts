// Looking up ACM certificates, their tags and their DNS validation records.
import {
  DescribeCertificateCommand,
  ListCertificatesCommand,
  ListTagsForCertificateCommand,
  type ACMClient,
  type CertificateDetail,
  type CertificateSummary,
} from "@aws-sdk/client-acm";
import { isAwsError } from "../shared/aws-errors.js";
import { dnsName } from "../shared/route53.js";
import { fromTagList } from "../shared/tags.js";
import { sharedRead } from "../shared/shared-reads.js";
import type { Json, ReadContext } from "../types.js";

/** Where okctl remembers the zone holding a certificate's validation records (ACM doesn't know). */
export const TAG_HOSTED_ZONE = "okctl.io/hosted-zone-id";

/** Statuses of a certificate that will never be issued: not worth adopting. */
export const DEAD_STATUSES: readonly string[] = ["FAILED", "VALIDATION_TIMED_OUT", "REVOKED", "EXPIRED"];

export interface ValidationRecord {
  name: string;
  type: string;
  value: string;
}

export async function listCertificates(acm: ACMClient): Promise<CertificateSummary[]> {
  const found: CertificateSummary[] = [];
  let NextToken: string | undefined;
  do {
    const page = await acm.send(new ListCertificatesCommand({ NextToken, MaxItems: 1000 }));
    found.push(...(page.CertificateSummaryList ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return found;
}

/** ListCertificates once per read (the read, the collision look-up and the validation record check share it). */
export function listCertificatesOnce(ctx: ReadContext): Promise<CertificateSummary[]> {
  return sharedRead(ctx, "acm:certificates", () => listCertificates(ctx.clients.acm));
}

export async function certificateTags(acm: ACMClient, arn: string): Promise<Record<string, string>> {
  return fromTagList((await acm.send(new ListTagsForCertificateCommand({ CertificateArn: arn }))).Tags);
}

export async function describeCertificate(acm: ACMClient, arn: string): Promise<CertificateDetail | undefined> {
  try {
    return (await acm.send(new DescribeCertificateCommand({ CertificateArn: arn }))).Certificate;
  } catch (error) {
    if (isAwsError(error, "ResourceNotFoundException")) return undefined;
    throw error;
  }
}

/** The DNS validation records, without duplicates (ACM uses the same record for the same name). */
export function validationRecords(detail: CertificateDetail): ValidationRecord[] {
  const records = new Map<string, ValidationRecord>();
  for (const option of detail.DomainValidationOptions ?? []) {
    const record = option.ResourceRecord;
    if (record?.Name && record.Type && record.Value) {
      const entry = { name: dnsName(record.Name), type: record.Type, value: record.Value };
      records.set(`${entry.name} ${entry.type} ${entry.value}`, entry);
    }
  }
  return [...records.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Every name a certificate covers (the domain and its alternative names). */
export function coveredNames(summary: CertificateSummary): string[] {
  return [summary.DomainName, ...(summary.SubjectAlternativeNameSummaries ?? [])].filter((n): n is string => !!n).map(dnsName);
}

export function certificateOutputs(arn: string, detail: CertificateDetail | undefined): Record<string, Json> {
  return {
    arn,
    status: detail?.Status ?? null,
    validationRecords: detail ? validationRecords(detail).map((record) => ({ ...record })) : [],
  };
}

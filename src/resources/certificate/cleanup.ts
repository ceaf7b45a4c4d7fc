// After a certificate is deleted: its DNS validation records, unless another certificate uses them.
//
// ACM uses the same validation record for the same name, for every certificate of the account
// that covers it. So the records stay whenever any certificate left in this region covers one of
// the deleted certificate's names (okctl's or not). Certificates in other regions may share the
// record too, but okctl only manages certificates in its cluster's region and the names are under
// the cluster's own zone; a record left behind is harmless (it only proves domain control to ACM),
// and the hosted zone's deletion removes it in the end.
import type { CertificateDetail } from "@aws-sdk/client-acm";
import { ChangeResourceRecordSetsCommand, type Change } from "@aws-sdk/client-route-53";
import { isAwsError } from "../shared/aws-errors.js";
import { dnsName, findRecordSet, waitForChange } from "../shared/route53.js";
import type { ApplyContext } from "../types.js";
import { coveredNames, listCertificates, validationRecords } from "./lookup.js";

export async function removeUnusedValidationRecords(ctx: ApplyContext, hostedZoneId: string, deleted: CertificateDetail): Promise<void> {
  const names = new Set([deleted.DomainName, ...(deleted.SubjectAlternativeNames ?? [])].filter((n): n is string => !!n).map(dnsName));
  const others = (await listCertificates(ctx.clients.acm)).filter((s) => s.CertificateArn !== deleted.CertificateArn);
  if (others.some((summary) => coveredNames(summary).some((name) => names.has(name)))) return;
  const changes: Change[] = [];
  try {
    for (const record of validationRecords(deleted)) {
      const existing = await findRecordSet(ctx.clients.route53, hostedZoneId, record.name, "CNAME");
      // Only a record that still says exactly what ACM asked for: never someone's edit of it.
      const values = existing?.ResourceRecords ?? [];
      if (existing && values.length === 1 && values[0]!.Value === record.value) {
        changes.push({ Action: "DELETE", ResourceRecordSet: existing });
      }
    }
    if (changes.length === 0) return;
    const change = await ctx.clients.route53.send(
      new ChangeResourceRecordSetsCommand({ HostedZoneId: hostedZoneId, ChangeBatch: { Changes: changes } }),
    );
    await waitForChange(ctx, change.ChangeInfo?.Id, `the validation records of certificate ${deleted.DomainName} to be removed`);
  } catch (error) {
    if (isAwsError(error, "NoSuchHostedZone")) return; // the zone, and its records, are gone already
    throw error;
  }
}

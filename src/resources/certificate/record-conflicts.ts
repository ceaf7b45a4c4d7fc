// A record in the way of a certificate's DNS validation, found at plan time: applying writes the
// validation CNAMEs into the hosted zone and never overwrites a record that says something else,
// so such a record would stop the apply halfway. Known before applying are the records of a
// certificate that exists (kept or adopted) and, for one to be requested, those of the account's
// other certificates of the same names (ACM gives every certificate of a name in an account the
// same validation record). Looked up only for certificates whose validation the apply runs, in a
// zone that exists.
import { ListResourceRecordSetsCommand, type ResourceRecordSet } from "@aws-sdk/client-route-53";
import type { Plan, ResourceChange } from "../../plan/types.js";
import { dnsName } from "../shared/route53.js";
import type { DesiredResource, Json, ReadContext } from "../types.js";
import { coveredNames, describeCertificate, listCertificatesOnce, type ValidationRecord } from "./lookup.js";

const TAGS = "tags";

/** The apply validates it: a new request, or an update (every update of a certificate validates it again). */
function validatedByApply(change: ResourceChange): boolean {
  if (change.action === "create" || change.action === "replace" || change.action === "update") return true;
  return change.action === "adopt" && change.attributes.some((attribute) => attribute.attribute !== TAGS);
}

function recordsOf(outputs: Record<string, Json> | undefined): ValidationRecord[] {
  const records = outputs?.validationRecords;
  if (!Array.isArray(records)) return [];
  return records.flatMap((record) =>
    typeof record === "object" && record !== null && !Array.isArray(record) && typeof record.name === "string" && typeof record.value === "string"
      ? [{ name: record.name, type: typeof record.type === "string" ? record.type : "CNAME", value: record.value }]
      : [],
  );
}

/** The validation records ACM gave the account's certificates of these names (one ListCertificates, shared with the read). */
async function knownRecordsFor(ctx: ReadContext, names: readonly string[]): Promise<ValidationRecord[]> {
  const wanted = new Set(names.map(dnsName));
  const certificates = await listCertificatesOnce(ctx);
  const same = certificates.filter((summary) => summary.CertificateArn && summary.Type !== "IMPORTED" && coveredNames(summary).some((name) => wanted.has(name)));
  const details = await Promise.all(same.map((summary) => describeCertificate(ctx.clients.acm, summary.CertificateArn!)));
  return details.flatMap((detail) =>
    (detail?.DomainValidationOptions ?? []).flatMap((option) => {
      const record = option.ResourceRecord;
      return option.DomainName && wanted.has(dnsName(option.DomainName)) && record?.Name && record.Value ? [{ name: dnsName(record.Name), type: record.Type ?? "CNAME", value: record.Value }] : [];
    }),
  );
}

/** Record sets at exactly this name (of any type: a CNAME shares its name with none). */
async function recordSetsAt(ctx: ReadContext, hostedZoneId: string, name: string): Promise<ResourceRecordSet[]> {
  const page = await ctx.clients.route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: hostedZoneId, StartRecordName: name, MaxItems: 10 }));
  return (page.ResourceRecordSets ?? []).filter((set) => set.Name !== undefined && dnsName(set.Name) === dnsName(name));
}

function describeSet(set: ResourceRecordSet): string {
  const values = (set.ResourceRecords ?? []).map((value) => value.Value).join(", ") || (set.AliasTarget?.DNSName ? `alias to ${set.AliasTarget.DNSName}` : "no value");
  return `${set.Type ?? "?"} ${values}`;
}

/** The plan errors: each record that is in the way, what it says, and the ways forward. */
export async function validationRecordConflicts(plan: Plan, desired: readonly DesiredResource[], ctx: ReadContext): Promise<string[]> {
  const changes = plan.changes.filter((change) => change.kind === "certificate" && validatedByApply(change));
  const byId = new Map(desired.map((resource) => [resource.id, resource]));
  const found = await Promise.all(
    changes.map(async (change): Promise<string[]> => {
      const resource = byId.get(change.id);
      const hostedZoneId = resource?.properties.hostedZoneId;
      // A zone to be created is empty; one known only after apply is checked then.
      if (!resource || typeof hostedZoneId !== "string") return [];
      const creating = change.action === "create" || change.action === "replace";
      const names = [String(resource.properties.domainName), ...(Array.isArray(resource.properties.subjectAlternativeNames) ? resource.properties.subjectAlternativeNames.map(String) : [])];
      const records = creating ? await knownRecordsFor(ctx, names) : recordsOf(change.outputs);
      const unique = [...new Map(records.map((record) => [`${record.name} ${record.value}`, record])).values()];
      const errors = await Promise.all(
        unique.map(async (record) => {
          const sets = await recordSetsAt(ctx, hostedZoneId, record.name);
          const blocking = sets.filter((set) => !(set.Type === "CNAME" && set.ResourceRecords?.length === 1 && dnsName(set.ResourceRecords[0]!.Value ?? "") === dnsName(record.value)));
          if (blocking.length === 0) return [];
          return [
            `${change.id}: the hosted zone ${hostedZoneId} already has a record ${dnsName(record.name)} (${blocking.map(describeSet).join("; ")}) where the DNS validation of ` +
              `certificate ${String(resource.properties.domainName)} needs the CNAME ${record.value}; okctl does not overwrite records it does not own, so applying would stop there. ` +
              "Delete that record if it is stale, or declare the certificate for another domain.",
          ];
        }),
      );
      return errors.flat();
    }),
  );
  return found.flat();
}

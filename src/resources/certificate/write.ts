// Requesting, updating and deleting certificates. Requests carry a deterministic IdempotencyToken
// (ACM honours it for an hour); beyond that, a certificate with our tags is found and adopted first.
import { AddTagsToCertificateCommand, DeleteCertificateCommand, RequestCertificateCommand } from "@aws-sdk/client-acm";
import { isAwsError } from "../shared/aws-errors.js";
import { stringListProp, stringProp } from "../shared/properties.js";
import { sameOwner, toTagList } from "../shared/tags.js";
import { idempotencyToken, tokenOwner } from "../shared/tokens.js";
import type { ApplyContext, ResourceKindHandler } from "../types.js";
import { alternativeNames } from "./desired.js";
import { certificateOutputs, certificateTags, DEAD_STATUSES, describeCertificate, listCertificates, TAG_HOSTED_ZONE } from "./lookup.js";
import { removeUnusedValidationRecords } from "./cleanup.js";
import { validateCertificate } from "./validate.js";

type CreateInput = Parameters<ResourceKindHandler["create"]>[1];
type UpdateInput = Parameters<ResourceKindHandler["update"]>[1];

/** A live certificate for the same names with our tags: made by an earlier, interrupted apply. */
async function findOurs(ctx: ApplyContext, domainName: string, sans: string[], tags: Record<string, string>): Promise<string | undefined> {
  const candidates = (await listCertificates(ctx.clients.acm)).filter(
    (s) => s.CertificateArn && s.DomainName === domainName && !DEAD_STATUSES.includes(s.Status ?? ""),
  );
  for (const candidate of candidates) {
    const arn = candidate.CertificateArn!;
    if (!sameOwner(await certificateTags(ctx.clients.acm, arn), tags)) continue;
    const detail = await describeCertificate(ctx.clients.acm, arn);
    const names = alternativeNames(domainName, detail?.SubjectAlternativeNames ?? []);
    if (detail && JSON.stringify(names) === JSON.stringify(sans)) return arn;
  }
  return undefined;
}

export async function createCertificate(ctx: ApplyContext, resource: CreateInput) {
  const p = resource.properties;
  const domainName = stringProp(p, "domainName");
  const sans = alternativeNames(domainName, stringListProp(p, "subjectAlternativeNames"));
  const hostedZoneId = stringProp(p, "hostedZoneId");
  const tags = { ...resource.tags, [TAG_HOSTED_ZONE]: hostedZoneId };
  let arn = await findOurs(ctx, domainName, sans, resource.tags);
  if (arn) {
    await ctx.clients.acm.send(new AddTagsToCertificateCommand({ CertificateArn: arn, Tags: toTagList(tags) }));
  } else {
    const requested = await ctx.clients.acm.send(
      new RequestCertificateCommand({
        DomainName: domainName,
        ...(sans.length > 0 ? { SubjectAlternativeNames: [domainName, ...sans] } : {}),
        ValidationMethod: "DNS",
        IdempotencyToken: idempotencyToken({ cluster: ctx.cluster, id: resource.id, repository: tokenOwner(resource.tags, ctx.repository), identity: { domainName, sans } }),
        Tags: toTagList(tags),
      }),
    );
    arn = requested.CertificateArn!;
  }
  const detail = await validateCertificate(ctx, arn, hostedZoneId, domainName);
  return { physicalId: arn, outputs: certificateOutputs(arn, detail) };
}

/** Only the hosted zone can change in place: the validation records go into the new zone. */
export async function updateCertificate(ctx: ApplyContext, resource: UpdateInput) {
  const arn = resource.physicalId;
  const hostedZoneId = stringProp(resource.properties, "hostedZoneId");
  const tags = { ...resource.tags, [TAG_HOSTED_ZONE]: hostedZoneId };
  await ctx.clients.acm.send(new AddTagsToCertificateCommand({ CertificateArn: arn, Tags: toTagList(tags) }));
  const detail = await validateCertificate(ctx, arn, hostedZoneId, stringProp(resource.properties, "domainName"));
  return { outputs: certificateOutputs(arn, detail) };
}

export async function deleteCertificate(ctx: ApplyContext, resource: { physicalId: string }): Promise<void> {
  const arn = resource.physicalId;
  const detail = await describeCertificate(ctx.clients.acm, arn);
  if (!detail) return;
  const hostedZoneId = (await certificateTags(ctx.clients.acm, arn))[TAG_HOSTED_ZONE];
  try {
    await ctx.clients.acm.send(new DeleteCertificateCommand({ CertificateArn: arn }));
  } catch (error) {
    if (isAwsError(error, "ResourceNotFoundException")) return;
    if (isAwsError(error, "ResourceInUseException")) {
      throw new Error(`certificate ${detail.DomainName} is still in use by ${(detail.InUseBy ?? []).join(", ") || "another AWS resource"}: remove that first`);
    }
    throw error;
  }
  if (hostedZoneId) await removeUnusedValidationRecords(ctx, hostedZoneId, detail);
}

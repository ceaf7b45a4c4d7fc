// Finds the cluster's certificates: ListCertificates, ListTagsForCertificate for each (ACM has no
// tag filter and no batch), DescribeCertificate for ours.
import type { CertificateDetail } from "@aws-sdk/client-acm";
import { TAG_CLUSTER } from "../../declaration/tags.js";
import { mapWithConcurrency, PER_ITEM_READ_CONCURRENCY } from "../shared/shared-reads.js";
import { ownerFields, ownership } from "../shared/tags.js";
import type { ActualResource, ReadContext } from "../types.js";
import { alternativeNames } from "./desired.js";
import { certificateOutputs, certificateTags, DEAD_STATUSES, describeCertificate, listCertificatesOnce, TAG_HOSTED_ZONE } from "./lookup.js";

/** okctl's own bookkeeping tag is not part of the resource's tags as the planner sees them. */
export function visibleTags(tags: Record<string, string>): Record<string, string> {
  const { [TAG_HOSTED_ZONE]: _zone, ...rest } = tags;
  return rest;
}

/** A described certificate as the planner sees it, under the logical id `id`. */
export function certificateToActual(arn: string, detail: CertificateDetail & { DomainName: string }, tags: Record<string, string>, id: string): ActualResource {
  return {
    id,
    kind: "certificate",
    physicalId: arn,
    properties: {
      domainName: detail.DomainName,
      subjectAlternativeNames: alternativeNames(detail.DomainName, detail.SubjectAlternativeNames ?? []),
      hostedZoneId: tags[TAG_HOSTED_ZONE] ?? null,
      issuable: !DEAD_STATUSES.includes(detail.Status ?? ""),
    },
    outputs: certificateOutputs(arn, detail),
    tags: visibleTags(tags),
    ...ownerFields(tags),
  };
}

export async function readCertificates(ctx: ReadContext): Promise<ActualResource[]> {
  const acm = ctx.clients.acm;
  const arns = (await listCertificatesOnce(ctx)).filter((s) => s.Type !== "IMPORTED").flatMap((s) => (s.CertificateArn ? [s.CertificateArn] : []));
  const tagged = await mapWithConcurrency(arns, PER_ITEM_READ_CONCURRENCY, async (arn) => ({ arn, tags: await certificateTags(acm, arn) }));
  const ours = tagged.filter(({ tags }) => tags[TAG_CLUSTER] === ctx.cluster && ownership(tags).id);
  const found = await mapWithConcurrency(ours, PER_ITEM_READ_CONCURRENCY, async ({ arn, tags }): Promise<ActualResource | undefined> => {
    const detail = await describeCertificate(acm, arn);
    if (!detail?.DomainName) return undefined;
    return certificateToActual(arn, { ...detail, DomainName: detail.DomainName }, tags, ownership(tags).id!);
  });
  return found.filter((resource): resource is ActualResource => resource !== undefined);
}

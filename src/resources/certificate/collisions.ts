// ACM issues a second certificate for a domain without a word: a live certificate for a declared
// domain that okctl does not own (the original okctl's, one requested by hand) is a collision.
// One ListCertificates for all of them, then the tags and status of each same-domain candidate.
import { TAG_CLUSTER } from "../../declaration/tags.js";
import { originalOkctlNote } from "../shared/original-okctl.js";
import { ownership } from "../shared/tags.js";
import type { Collision, DesiredResource, ReadContext } from "../types.js";
import { certificateTags, DEAD_STATUSES, describeCertificate, listCertificatesOnce } from "./lookup.js";

export async function certificateCollisions(ctx: ReadContext, creating: readonly DesiredResource[]): Promise<Collision[]> {
  const domains = new Map(creating.map((resource) => [String(resource.properties.domainName), resource]));
  const candidates = (await listCertificatesOnce(ctx)).filter(
    (summary) => summary.CertificateArn && summary.Type !== "IMPORTED" && domains.has(summary.DomainName ?? "") && !DEAD_STATUSES.includes(summary.Status ?? ""),
  );
  const collisions: Collision[] = [];
  for (const summary of candidates) {
    const arn = summary.CertificateArn!;
    const tags = await certificateTags(ctx.clients.acm, arn);
    // Tagged for this cluster: the read found it (ours, or another repository's conflict).
    if (tags[TAG_CLUSTER] === ctx.cluster && ownership(tags).id) continue;
    const detail = await describeCertificate(ctx.clients.acm, arn);
    if (!detail || DEAD_STATUSES.includes(detail.Status ?? "")) continue;
    const resource = domains.get(summary.DomainName!)!;
    collisions.push({
      id: resource.id,
      kind: "certificate",
      physicalId: arn,
      description: `the ACM certificate ${arn} for ${summary.DomainName} (${detail.Status ?? "?"}${originalOkctlNote(tags)})`,
    });
  }
  return collisions;
}

// Adopting an ACM certificate (by its ARN).
import { AddTagsToCertificateCommand } from "@aws-sdk/client-acm";
import { toTagList } from "../shared/tags.js";
import type { AdoptionHandler } from "../types.js";
import { certificateTags, describeCertificate } from "./lookup.js";
import { certificateToActual } from "./read.js";

export const certificateAdoption: AdoptionHandler = {
  async read(ctx, physicalId, id) {
    if (!physicalId.startsWith("arn:")) return undefined;
    const detail = await describeCertificate(ctx.clients.acm, physicalId);
    if (!detail?.DomainName) return undefined;
    return certificateToActual(physicalId, { ...detail, DomainName: detail.DomainName }, await certificateTags(ctx.clients.acm, physicalId), id);
  },
  async tag(ctx, physicalId, tags) {
    await ctx.clients.acm.send(new AddTagsToCertificateCommand({ CertificateArn: physicalId, Tags: toTagList(tags) }));
  },
};

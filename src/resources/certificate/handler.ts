// The certificate kind: ACM certificates with DNS validation through our hosted zone.
import type { ResourceKindHandler } from "../types.js";
import { certificateAdoption } from "./adopt.js";
import { certificateCollisions } from "./collisions.js";
import { readCertificates } from "./read.js";
import { createCertificate, deleteCertificate, updateCertificate } from "./write.js";

export const certificateHandler: ResourceKindHandler = {
  kind: "certificate",
  rules: {
    replaceOn: ["domainName", "subjectAlternativeNames", "issuable"],
    unorderedLists: ["subjectAlternativeNames"],
  },
  read: readCertificates,
  create: createCertificate,
  update: updateCertificate,
  delete: deleteCertificate,
  adoption: certificateAdoption,
  collisions: certificateCollisions,
};

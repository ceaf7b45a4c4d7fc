// The certificate kind: ACM certificates with DNS validation through our hosted zone.
import type { ResourceKindHandler } from "../types.js";
import { KIND_RULES } from "../kind-rules.js";
import { certificateAdoption } from "./adopt.js";
import { certificateCollisions } from "./collisions.js";
import { readCertificates } from "./read.js";
import { createCertificate, deleteCertificate, updateCertificate } from "./write.js";

export const certificateHandler: ResourceKindHandler = {
  kind: "certificate",
  rules: KIND_RULES["certificate"],
  read: readCertificates,
  create: createCertificate,
  update: updateCertificate,
  delete: deleteCertificate,
  adoption: certificateAdoption,
  collisions: certificateCollisions,
};

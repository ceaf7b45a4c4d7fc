// The desired ACM certificates, validated through DNS records in our hosted zone.
import { HOSTED_ZONE_ID } from "../hosted-zone/desired.js";
import { tagsFor } from "../shared/desired-tags.js";
import { sortedSet } from "../shared/normalise.js";
import { dnsName } from "../shared/dns-name.js";
import type { DesiredInput, DesiredResource } from "../types.js";
import { ZONE_DELEGATION_ID } from "../zone-delegation/desired.js";

export function certificateId(domain: string): string {
  return `certificate/${dnsName(domain)}`;
}

/** Subject alternative names without the domain itself (ACM lists it among them), sorted. */
export function alternativeNames(domain: string, names: readonly string[]): string[] {
  return sortedSet(names.map(dnsName)).filter((name) => name !== dnsName(domain));
}

export function desiredCertificates(input: DesiredInput): DesiredResource[] {
  // Validation needs the delegation to be in place on AWS: ACM resolves the CNAMEs over public DNS.
  const dependsOn = [HOSTED_ZONE_ID, ...(input.declaration.dns.delegateFrom ? [ZONE_DELEGATION_ID] : [])];
  return input.declaration.certificates.map((certificate) => {
    const domainName = dnsName(certificate.domain);
    const id = certificateId(domainName);
    return {
      id,
      kind: "certificate",
      name: domainName,
      properties: {
        domainName,
        subjectAlternativeNames: alternativeNames(domainName, certificate.subjectAlternativeNames),
        hostedZoneId: { $ref: HOSTED_ZONE_ID, output: "id" },
        // False once ACM has given up on it (FAILED, VALIDATION_TIMED_OUT, REVOKED, EXPIRED): the
        // plan then replaces it with a new request instead of waiting for it forever.
        issuable: true,
      },
      dependsOn: [...dependsOn],
      tags: tagsFor(input, id, domainName),
    };
  });
}

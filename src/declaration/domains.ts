// Every DNS name a declaration uses, with the field it comes from: the cluster's root domain, the
// parent zone it is delegated from, and every certificate name. The access entry's allowedDomains
// must cover each of them (src/aws/authorize.ts).
import type { Declaration } from "./types.js";

export interface DeclaredDomain {
  /** Where in okctl.yaml, e.g. "certificates[0].subjectAlternativeNames[1]". */
  field: string;
  name: string;
}

export function declaredDomains(declaration: Declaration): DeclaredDomain[] {
  const names: DeclaredDomain[] = [{ field: "clusterRootDomain", name: declaration.clusterRootDomain }];
  if (declaration.dns.delegateFrom !== undefined) names.push({ field: "dns.delegateFrom", name: declaration.dns.delegateFrom });
  declaration.certificates.forEach((certificate, index) => {
    names.push({ field: `certificates[${index}].domain`, name: certificate.domain });
    certificate.subjectAlternativeNames.forEach((name, alternative) =>
      names.push({ field: `certificates[${index}].subjectAlternativeNames[${alternative}]`, name }),
    );
  });
  return names;
}

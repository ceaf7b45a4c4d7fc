// DNS names: clusterRootDomain below dns.delegateFrom; certificate names equal to or below
// clusterRootDomain ("*." allowed); certificate domains unique.
import { displayPath, pointerFrom } from "../pointer.js";
import type { Problem } from "../problem.js";
import { duplicates, field, list, problemAt, text, type Raw } from "./raw.js";

const DNS_NAME = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** A well-formed lowercase DNS name (the schema reports malformed ones). */
function dnsName(value: Raw): string | undefined {
  return typeof value === "string" && value.length <= 253 && DNS_NAME.test(value) ? value : undefined;
}

export function isBelow(name: string, parent: string): boolean {
  return name.endsWith(`.${parent}`);
}

function certificateName(path: string, value: Raw, root: string): Problem[] {
  if (typeof value !== "string") return [];
  const name = value.startsWith("*.") ? value.slice(2) : value;
  if (dnsName(name) === undefined || name === root || isBelow(name, root)) return [];
  return [problemAt(path, `${displayPath(path)} "${value}" must be clusterRootDomain (${root}) or a name below it, such as argocd.${root}`)];
}

function certificateRules(data: Raw, root: string): Problem[] {
  const certificates = list(field(data, "certificates"));
  return certificates.flatMap((certificate, index) => [
    ...certificateName(pointerFrom(["certificates", index, "domain"]), field(certificate, "domain"), root),
    ...list(field(certificate, "subjectAlternativeNames")).flatMap((san, j) =>
      certificateName(pointerFrom(["certificates", index, "subjectAlternativeNames", j]), san, root),
    ),
  ]);
}

export function domainRules(data: Raw): Problem[] {
  const problems: Problem[] = [];
  const root = dnsName(field(data, "clusterRootDomain"));
  const parent = dnsName(field(data, "dns", "delegateFrom"));
  if (root !== undefined && parent !== undefined && !isBelow(root, parent)) {
    problems.push(
      problemAt("/dns/delegateFrom", `dns.delegateFrom "${parent}" must be a parent of clusterRootDomain "${root}" (e.g. ${root.split(".").slice(1).join(".") || "its parent zone"})`),
    );
  }
  if (root !== undefined) problems.push(...certificateRules(data, root));
  const certificates = list(field(data, "certificates"));
  problems.push(
    ...duplicates(certificates, (c) => text(field(c, "domain")), (i) => pointerFrom(["certificates", i, "domain"]), "certificate domain"),
  );
  return problems;
}

// Adoption entries: each names a resource this declaration describes (checked against the desired
// graph once defaults are applied, so line:column point at the entry) and is unique.
import { desiredGraph } from "../../resources/desired-graph.js";
import { ASSOCIATION_ID } from "../../resources/eks-pod-identity/association-id.js";
import type { DesiredResource } from "../../resources/types.js";
import { closestMatch } from "../did-you-mean.js";
import { displayPath, pointerFrom } from "../pointer.js";
import type { Problem } from "../problem.js";
import type { Declaration, Layout } from "../types.js";
import { duplicates, field, list, text, type Raw } from "./raw.js";

/** Resources found by identity, not by tag: okctl takes them only by proof, never by adoption. */
const NOT_ADOPTABLE: Readonly<Record<string, string>> = {
  "zone-delegation":
    "the delegation NS record can't be tagged, so it can't be adopted: okctl takes it as its own when it names exactly the name servers of this repository's hosted zone (adopt the hosted-zone instead)",
};

function notAdoptable(entry: Raw, index: number): Problem[] {
  const resource = text(field(entry, "resource"));
  const refused = resource === undefined ? undefined : NOT_ADOPTABLE[resource];
  const path = pointerFrom(["adopt", index, "resource"]);
  return refused ? [{ path, message: `${displayPath(path)}: ${refused}`, anchor: "value" }] : [];
}

/** Raw-data rule: nothing adopted that can't be, no resource or AWS identifier named twice. */
export function adoptRules(data: Raw): Problem[] {
  const entries = list(field(data, "adopt"));
  return [
    ...entries.flatMap(notAdoptable),
    ...duplicates(entries, (entry) => text(field(entry, "resource")), (i) => pointerFrom(["adopt", i, "resource"]), "adopted resource"),
    ...duplicates(entries, (entry) => text(field(entry, "id")), (i) => pointerFrom(["adopt", i, "id"]), "adopted AWS identifier"),
  ];
}

/**
 * The AWS identifiers that can name the existing resource of an EKS kind found by its natural
 * identity (a principal, a name, a service account): anything else is another resource, which
 * could only be replaced, not adopted. Undefined for kinds whose identifiers AWS assigns.
 */
function eksIdentifierProblem(resource: DesiredResource, id: string, cluster: string): string | undefined {
  const p = resource.properties;
  switch (resource.kind) {
    case "eks-access-entry": {
      const principal = String(p.principalArn);
      if (id === principal || id === `${cluster}/${principal}`) return undefined;
      return `${resource.id} is the access entry of ${principal}: adopt it by that principal's ARN (id: ${principal})`;
    }
    case "eks-addon": {
      const name = String(p.name);
      if (id === name || id === `${cluster}/${name}`) return undefined;
      return `${resource.id} is the add-on ${name}: adopt it by its name (id: ${name})`;
    }
    case "eks-pod-identity": {
      const serviceAccount = `${String(p.namespace)}/${String(p.serviceAccount)}`;
      if (id === serviceAccount || ASSOCIATION_ID.test(id) || (id.startsWith(`${cluster}/`) && ASSOCIATION_ID.test(id.slice(cluster.length + 1)))) return undefined;
      return `${resource.id} is the pod identity association of ${serviceAccount}: adopt it by its service account (id: ${serviceAccount}) or its association id (a-…)`;
    }
    default:
      return undefined;
  }
}

/** Checks, once defaults are applied, that every adopted resource is one this declaration describes (and, for EKS kinds found by identity, by an identifier that names it). */
export function adoptionProblems(declaration: Declaration, layout: Layout): Problem[] {
  if (declaration.adopt.length === 0) return [];
  const desired = desiredGraph({ declaration, layout, repository: "-", repositoryId: "-", eksClusterRoleArn: "-", eksNodeRoleArn: "-" });
  const ids = desired.map((resource) => resource.id);
  return declaration.adopt.flatMap((entry, index): Problem[] => {
    const path = pointerFrom(["adopt", index, "resource"]);
    if (NOT_ADOPTABLE[entry.resource]) return [];
    const resource = desired.find((candidate) => candidate.id === entry.resource);
    if (resource) {
      const problem = eksIdentifierProblem(resource, entry.id, declaration.metadata.name);
      const idPath = pointerFrom(["adopt", index, "id"]);
      return problem ? [{ path: idPath, message: `${displayPath(idPath)}: ${problem}`, anchor: "value" }] : [];
    }
    const suggestion = closestMatch(entry.resource, ids);
    return [
      {
        path,
        message:
          `${displayPath(path)}: this declaration has no resource "${entry.resource}"` +
          (suggestion ? `; did you mean "${suggestion}"?` : `; it has ${ids.filter((id) => !NOT_ADOPTABLE[id]).join(", ")}`),
        anchor: "value",
      },
    ];
  });
}

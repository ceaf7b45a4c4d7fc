// Adoption entries: each names a resource this declaration describes (checked against the desired
// graph once defaults are applied, so line:column point at the entry) and is unique.
import { desiredGraph } from "../../resources/registry.js";
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

/** Checks, once defaults are applied, that every adopted resource is one this declaration describes. */
export function adoptionProblems(declaration: Declaration, layout: Layout): Problem[] {
  if (declaration.adopt.length === 0) return [];
  const ids = desiredGraph({ declaration, layout, repository: "-", eksClusterRoleArn: "-", eksNodeRoleArn: "-" }).map((resource) => resource.id);
  return declaration.adopt.flatMap((entry, index): Problem[] => {
    const path = pointerFrom(["adopt", index, "resource"]);
    if (ids.includes(entry.resource) || NOT_ADOPTABLE[entry.resource]) return [];
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

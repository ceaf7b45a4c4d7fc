// Node groups: unique names (including the per-zone groups' names), 0 ≤ minSize ≤ desiredSize ≤
// maxSize (the schema bounds each size; defaults count: maxSize is 10 when not written), a disk key
// in the cluster's region, and each taint key at most once per effect.
import { DEFAULT_AVAILABILITY_ZONES, DEFAULT_REGION, nodeGroupSizes } from "../defaults.js";
import { ZONE_LETTERS } from "../derive.js";
import { displayPath, pointerFrom } from "../pointer.js";
import type { Problem } from "../problem.js";
import { duplicates, field, integer, list, problemAt, text, type Raw } from "./raw.js";

type SizeKey = "minSize" | "desiredSize" | "maxSize";

function sizeProblems(input: Raw, index: number): Problem[] {
  const written: Partial<Record<SizeKey, number>> = {};
  for (const key of ["minSize", "desiredSize", "maxSize"] as const) {
    const raw = field(input, key);
    if (raw === undefined) continue;
    const value = integer(raw);
    if (value === undefined) return []; // the schema reports it
    written[key] = value;
  }
  const sizes = nodeGroupSizes(written);
  const path = (key: SizeKey) => pointerFrom(["eks", "nodeGroups", index, key]);
  const group = displayPath(pointerFrom(["eks", "nodeGroups", index]));
  const show = (key: SizeKey) => `${key} (${sizes[key]}${written[key] === undefined ? ", the default" : ""})`;
  if (sizes.minSize > sizes.maxSize) {
    const at = written.minSize !== undefined ? "minSize" : "maxSize";
    return [problemAt(path(at), `${group}.${show("minSize")} must not be greater than ${show("maxSize")}`)];
  }
  if (sizes.desiredSize < sizes.minSize) {
    return [problemAt(path("desiredSize"), `${group}.${show("desiredSize")} must be at least ${show("minSize")}`)];
  }
  if (sizes.desiredSize > sizes.maxSize) {
    return [problemAt(path("desiredSize"), `${group}.${show("desiredSize")} must be at most ${show("maxSize")}`)];
  }
  return [];
}

/** The EKS node group names a declared group becomes: itself, or one per zone. */
export function eksNodegroupNames(name: string, perAvailabilityZone: boolean, letters: readonly string[]): string[] {
  return perAvailabilityZone ? letters.map((letter) => `${name}-${letter}`) : [name];
}

const EKS_NODEGROUP_NAME_MAX = 63;

/** Per-zone groups: names that fit EKS's limit and clash with no other group's. */
function zoneNameProblems(groups: Raw[], zones: number): Problem[] {
  const letters = ZONE_LETTERS.slice(0, zones === 2 ? 2 : 3);
  const owner = new Map<string, number>();
  const problems: Problem[] = [];
  groups.forEach((group, index) => {
    const name = text(field(group, "name"));
    if (name === undefined) return;
    const perZone = field(group, "perAvailabilityZone") === true;
    const path = pointerFrom(["eks", "nodeGroups", index, "name"]);
    for (const made of eksNodegroupNames(name, perZone, letters)) {
      if (made.length > EKS_NODEGROUP_NAME_MAX) {
        problems.push(problemAt(path, `${displayPath(path)} "${name}" is too long for one group per availability zone: "${made}" has more than ${EKS_NODEGROUP_NAME_MAX} characters`));
        break;
      }
      const earlier = owner.get(made);
      const sameName = text(field(groups[earlier ?? index], "name")) === name; // reported by duplicates()
      if (earlier !== undefined && !sameName && (perZone || field(groups[earlier], "perAvailabilityZone") === true)) {
        const other = displayPath(pointerFrom(["eks", "nodeGroups", earlier, "name"]));
        const what = perZone ? `makes a node group named "${made}", which ${other} also makes` : `is also the name of a per-zone group that ${other} makes`;
        problems.push(problemAt(path, `${displayPath(path)} "${name}" ${what}; rename one of them`));
        break;
      }
      if (earlier === undefined) owner.set(made, index);
    }
  });
  return problems;
}

/** KMS keys are regional: EBS can use only a key in the cluster's own region. */
function diskKeyProblems(group: Raw, index: number, region: string): Problem[] {
  const arn = text(field(group, "diskKmsKeyArn"));
  const keyRegion = arn?.split(":")[3];
  if (arn === undefined || keyRegion === undefined || keyRegion === region) return [];
  const path = pointerFrom(["eks", "nodeGroups", index, "diskKmsKeyArn"]);
  return [problemAt(path, `${displayPath(path)} is a key in ${keyRegion}, but the cluster is in ${region}: EBS volumes can only be encrypted with a key of their own region`)];
}

function taintProblems(group: Raw, index: number): Problem[] {
  const taints = list(field(group, "taints"));
  return duplicates(
    taints,
    (taint) => {
      const key = text(field(taint, "key"));
      const effect = text(field(taint, "effect"));
      return key === undefined || effect === undefined ? undefined : `${key}:${effect}`;
    },
    (i) => pointerFrom(["eks", "nodeGroups", index, "taints", i]),
    "taint key and effect",
  );
}

export function nodeGroupRules(data: Raw): Problem[] {
  const groups = list(field(data, "eks", "nodeGroups"));
  const region = text(field(data, "metadata", "region")) ?? DEFAULT_REGION;
  const zones = integer(field(data, "vpc", "availabilityZones")) ?? DEFAULT_AVAILABILITY_ZONES;
  return [
    ...duplicates(groups, (g) => text(field(g, "name")), (i) => pointerFrom(["eks", "nodeGroups", i, "name"]), "node group name"),
    ...zoneNameProblems(groups, zones),
    ...groups.flatMap(sizeProblems),
    ...groups.flatMap((group, index) => diskKeyProblems(group, index, region)),
    ...groups.flatMap(taintProblems),
  ];
}

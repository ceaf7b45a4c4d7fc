// The planner: a pure function of what okctl.yaml asks for and what AWS has.
import { KIND_ORDER } from "../resources/kinds.js";
import type { ActualResource, DesiredResource, KindRules, Ref, ResourceKind } from "../resources/types.js";
import { canonicalJson, compareStrings } from "./canonical.js";
import { runPlanChecks, runWholePlanChecks } from "./checks/index.js";
import { createAttributes, deleteAttributes, diffExisting, TAGS_ATTRIBUTE } from "./compare.js";
import { collisionError, conflictOf } from "./conflicts.js";
import { describeCycle, topologicalSort } from "./graph.js";
import { hashPlan } from "./hash.js";
import { adoptionErrors, adoptReason, createCollisionError, stackNote, type Collision } from "./adoption.js";
import { sortOwnership, UNPROVEN_OWNER } from "./ownership.js";
import { refsIn, resolveForPlan } from "./refs.js";
import type { Conflict, Plan, PlanNote, PlanSummary, PlanValue, ResourceChange } from "./types.js";

export interface ComputePlanInput {
  desired: DesiredResource[];
  actual: ActualResource[];
  rules: Readonly<Record<ResourceKind, KindRules>>;
  cluster: string;
  accountId: string;
  region: string;
  repository: string;
  /** The repository's numeric GitHub id: what ownership is decided by. */
  repositoryId: string;
  notes?: PlanNote[];
  /** Existing resources the declaration adopts, each with the logical id it takes over. */
  adoptions?: ActualResource[];
  /** Existing resources, not ours, with the natural identity of resources to create. */
  collisions?: Collision[];
  /** Problems found before planning that make the plan unappliable (e.g. an adopted resource that does not exist, an add-on EKS does not offer). */
  errors?: string[];
}

/** Orders resources by kind (KIND_ORDER), then by id. */
export function compareByKindThenId(kindOf: (id: string) => ResourceKind | undefined): (a: string, b: string) => number {
  const rank = (id: string): number => {
    const kind = kindOf(id);
    return kind === undefined ? KIND_ORDER.length : KIND_ORDER.indexOf(kind);
  };
  return (a, b) => rank(a) - rank(b) || compareStrings(a, b);
}

/** Dependencies of a desired resource: its dependsOn and every id a Ref names. */
function dependenciesOf(resource: DesiredResource): string[] {
  const fromRefs = Object.values(resource.properties).flatMap((value) => refsIn(value).map((ref) => ref.$ref));
  return [...new Set([...resource.dependsOn, ...fromRefs])].sort(compareStrings);
}

function indexDesired(desired: readonly DesiredResource[], errors: string[]): Map<string, DesiredResource> {
  const byId = new Map<string, DesiredResource>();
  const sorted = [...desired].sort((a, b) => compareStrings(a.id, b.id) || compareStrings(a.kind, b.kind));
  for (const resource of sorted) {
    if (byId.has(resource.id)) errors.push(`${resource.id}: declared more than once in the desired graph (a bug in okctl).`);
    else byId.set(resource.id, resource);
  }
  for (const resource of byId.values()) {
    for (const dep of dependenciesOf(resource)) {
      if (!byId.has(dep)) errors.push(`${resource.id}: depends on ${dep}, which is not in the desired graph (a bug in okctl).`);
    }
  }
  return byId;
}

/** What was found, for people: its kind, AWS identifier and what it holds (e.g. an NS record's zone and name servers). */
export function describeFound(resource: ActualResource): string {
  const held = Object.keys(resource.properties)
    .sort(compareStrings)
    .map((name) => `${name}: ${canonicalJson(resource.properties[name] ?? null)}`);
  return `${resource.kind} ${resource.physicalId}${held.length > 0 ? ` (${held.join(", ")})` : ""}`;
}

function unprovenConflict(resource: ActualResource): Conflict {
  return {
    id: resource.id,
    kind: resource.kind,
    physicalId: resource.physicalId,
    ownerRepository: UNPROVEN_OWNER,
    message:
      `${describeFound(resource)} exists where ${resource.id} would be, and nothing proves it is okctl's ` +
      `(it can't be tagged, and it does not point at a resource this repository owns); okctl leaves it alone.`,
  };
}

function unprovenError(resource: ActualResource): string {
  return (
    `${resource.id}: ${describeFound(resource)} already exists and is not proven to be this repository's ` +
    `(it does not point at a resource this repository owns). okctl will neither change nor delete it. ` +
    `If it is yours (e.g. a stale delegation of a deleted cluster), delete it by hand and plan again; otherwise choose another name.`
  );
}

function deleteChange(changeId: string, actual: ActualResource, rules: KindRules, reason?: string): ResourceChange {
  return {
    id: changeId,
    kind: actual.kind,
    name: actual.tags.Name ?? actual.physicalId,
    action: "delete",
    physicalId: actual.physicalId,
    attributes: deleteAttributes(actual.properties, rules),
    dependsOn: [],
    outputs: actual.outputs,
    ...(reason ? { reason } : {}),
  };
}

interface DesiredChangeInput {
  desired: DesiredResource;
  actual: ActualResource | undefined;
  rules: KindRules;
  /** Changes planned so far (dependencies come first). */
  planned: ReadonlyMap<string, ResourceChange>;
  /** What exists and keeps its identity: ours, and what is being adopted. */
  kept: ReadonlyMap<string, ActualResource>;
  /** The rules of any kind (for the outputs an update changes). */
  rulesOf(kind: ResourceKind): KindRules;
}

function desiredChange({ desired, actual, rules, planned, kept, rulesOf }: DesiredChangeInput): ResourceChange {
  const outputKnown = (ref: Ref): boolean => {
    const change = planned.get(ref.$ref);
    if (change?.action === "no-op") return true;
    // An adopted resource keeps its identity like an updated one: what it outputs now is what it keeps.
    if (change?.action !== "update" && change?.action !== "adopt") return false;
    // A change of tags alone (a renamed repository, an id tag added) changes no output.
    if (change.attributes.every((attribute) => attribute.attribute === TAGS_ATTRIBUTE)) return true;
    return !(rulesOf(change.kind).outputsChangedByUpdate ?? []).includes(ref.output);
  };
  const resolved: Record<string, PlanValue> = {};
  for (const [name, value] of Object.entries(desired.properties)) {
    resolved[name] = resolveForPlan(value, (ref) => (outputKnown(ref) ? kept.get(ref.$ref)?.outputs[ref.output] : undefined));
  }
  const base = {
    id: desired.id,
    kind: desired.kind,
    name: desired.name,
    dependsOn: dependenciesOf(desired),
    desired: { properties: desired.properties, tags: desired.tags },
  };
  if (!actual) return { ...base, action: "create", attributes: createAttributes(resolved, desired.tags, rules) };
  const attributes = diffExisting({ desired, resolved, actualProperties: actual.properties, actualTags: actual.tags, rules });
  const forcing = attributes.filter((change) => change.forcesReplacement).map((change) => change.attribute);
  const existing = { ...base, physicalId: actual.physicalId, outputs: actual.outputs, attributes };
  if (forcing.length === 0) return { ...existing, action: attributes.length > 0 ? "update" : "no-op" };
  const replacedTargets = forcing
    .flatMap((name) => (desired.properties[name] === undefined ? [] : refsIn(desired.properties[name]!)))
    .map((ref) => ref.$ref)
    .filter((id, index, all) => planned.get(id)?.action === "replace" && all.indexOf(id) === index);
  const because = replacedTargets.length > 0 ? ` (because ${replacedTargets.join(", ")} will be replaced)` : "";
  return { ...existing, action: "replace", reason: `${forcing.join(", ")} cannot be changed in place${because}.` };
}

function orderIds(ids: string[], after: (id: string) => readonly string[], kindOf: (id: string) => ResourceKind | undefined, errors: string[]): string[] {
  const compare = compareByKindThenId(kindOf);
  const sorted = topologicalSort({ ids, after, compare });
  if (sorted.ok) return sorted.order;
  errors.push(`dependency cycle: ${describeCycle(sorted.cycle)} (each needs the next; a bug in okctl).`);
  return [...ids].sort(compare);
}

function summarise(changes: readonly ResourceChange[]): PlanSummary {
  const count = (action: ResourceChange["action"]): number => changes.filter((change) => change.action === action).length;
  const adopt = count("adopt");
  return { create: count("create"), update: count("update"), replace: count("replace"), delete: count("delete"), ...(adopt > 0 ? { adopt } : {}) };
}

/**
 * Resources from before okctl tagged repository ids are this repository's by their name tag alone
 * (ownership.ts). A repository that took the name of a deleted or renamed one would claim them
 * too, and its apply would tag them with its id: the plan says so, so that a reviewer can stop it.
 */
function claimedByNameNote(kept: readonly ActualResource[], us: { id: string; name: string }): PlanNote | undefined {
  // Untaggable resources (owned by proof) carry neither tag and are not in question here.
  const byName = kept.filter((resource) => resource.repository !== undefined && resource.repositoryId === undefined).sort((a, b) => compareStrings(a.id, b.id));
  if (byName.length === 0) return undefined;
  const names = [...new Set(byName.map((resource) => resource.repository))].join(", ");
  const shown = byName.slice(0, 5).map((resource) => `${resource.kind} ${resource.physicalId}`);
  const more = byName.length > shown.length ? ` and ${byName.length - shown.length} more` : "";
  return {
    id: "ownership/name-tag-only",
    message:
      `${byName.length} ${byName.length === 1 ? "resource carries" : "resources carry"} only the repository name tag ${names}, from before okctl tagged repository ids ` +
      `(${shown.join(", ")}${more}). okctl takes them as this repository's because the name matches, and this apply tags them with its id (${us.id}). ` +
      "If this repository did not create them (it took over the name of a deleted or renamed repository), do not merge: ask your platform team.",
  };
}

export function computePlan(input: ComputePlanInput): Plan {
  const errors: string[] = [...(input.errors ?? [])];
  const missingRules = new Set<ResourceKind>();
  const rulesFor = (kind: ResourceKind): KindRules => {
    const rules = input.rules[kind] as KindRules | undefined; // the record may come from a partial registry
    if (rules) return rules;
    if (!missingRules.has(kind)) errors.push(`no planner rules for resource kind "${kind}" (a bug in okctl).`);
    missingRules.add(kind);
    return { replaceOn: [] };
  };
  const desiredById = indexDesired(input.desired, errors);
  const adoptions = new Map((input.adoptions ?? []).map((candidate) => [candidate.id, candidate]));
  const collisions = new Map((input.collisions ?? []).map((collision) => [collision.id, collision]));
  const us = { id: input.repositoryId, name: input.repository };
  // What is being adopted becomes ours: it proves ownership of what points at it (the delegation).
  const adoptedAsOurs = [...adoptions.values()].map((candidate) => ({ ...candidate, repository: us.name, repositoryId: us.id }));
  const ownership = sortOwnership(input.actual, [...desiredById.values()], us, adoptedAsOurs);
  const foreignById = new Map(ownership.foreign.map((resource) => [resource.id, resource]));
  const unprovenById = new Map(ownership.unproven.map((resource) => [resource.id, resource]));
  const kindOfDesired = (id: string): ResourceKind | undefined => desiredById.get(id)?.kind;
  const desiredOrder = orderIds(
    [...desiredById.keys()],
    (id) => dependenciesOf(desiredById.get(id)!).filter((dep) => desiredById.has(dep)),
    kindOfDesired,
    errors,
  );

  const planned = new Map<string, ResourceChange>();
  const known = new Map(ownership.kept);
  const adoptionNotes: PlanNote[] = [];
  for (const id of desiredOrder) {
    const desired = desiredById.get(id)!;
    const foreign = foreignById.get(id);
    const actual = ownership.kept.get(id);
    if (foreign) {
      errors.push(collisionError(conflictOf(foreign)));
      if (!actual) continue;
    }
    const unproven = unprovenById.get(id);
    if (unproven) {
      errors.push(unprovenError(unproven));
      if (!actual) continue;
    }
    const candidate = actual ? undefined : adoptions.get(id);
    if (candidate) known.set(id, candidate);
    const found = actual ?? candidate;
    let change = desiredChange({ desired, actual: found, rules: rulesFor(desired.kind), planned, kept: known, rulesOf: rulesFor });
    if (candidate) {
      errors.push(...adoptionErrors(candidate, change, us));
      const note = stackNote(candidate, id);
      if (note) adoptionNotes.push(note);
      change = { ...change, action: "adopt", reason: adoptReason(candidate) };
    }
    const collision = change.action === "create" ? collisions.get(id) : undefined;
    if (collision) errors.push(createCollisionError(collision));
    errors.push(...runPlanChecks({ desired, actual: found, change }));
    planned.set(id, change);
  }
  for (const [id, actual] of ownership.kept) {
    if (!desiredById.has(id)) planned.set(id, deleteChange(id, actual, rulesFor(actual.kind), "no longer in okctl.yaml"));
  }
  for (const { changeId, actual } of ownership.extras) {
    const kept = ownership.kept.get(actual.id);
    const keeping = kept ? ` (${kept.physicalId} is kept)` : "";
    const reason = `another copy of ${actual.id}${keeping}, left behind by an interrupted apply`;
    planned.set(changeId, deleteChange(changeId, actual, rulesFor(actual.kind), reason));
  }

  const order = orderIds(
    [...planned.keys()],
    (id) => planned.get(id)!.dependsOn.filter((dep) => planned.has(dep)),
    (id) => planned.get(id)?.kind,
    [],
  );
  const changes = order.map((id) => planned.get(id)!);
  errors.push(...runWholePlanChecks({ changes, kept: ownership.kept }));
  const claimed = claimedByNameNote([...ownership.kept.values()], us);
  const notes = [...(input.notes ?? []), ...adoptionNotes, ...(claimed ? [claimed] : [])].sort((a, b) => compareStrings(a.id, b.id) || compareStrings(a.message, b.message));
  const content: Omit<Plan, "hash"> = {
    formatVersion: 1,
    cluster: input.cluster,
    accountId: input.accountId,
    region: input.region,
    repository: input.repository,
    changes,
    conflicts: [...ownership.foreign.map(conflictOf), ...ownership.unproven.map(unprovenConflict)],
    notes,
    errors,
    summary: summarise(changes),
  };
  return { ...content, hash: hashPlan(content) };
}

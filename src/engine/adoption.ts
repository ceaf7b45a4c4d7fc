// The I/O side of adoption and collisions: reading the resources the declaration adopts (by their
// AWS identifiers), and looking for existing resources that resources to be created would collide
// with. Both only when needed: a declaration without adopt entries and a plan without creates
// make no extra call.
import type { Adoption } from "../declaration/types.js";
import { isOwnedBy, ownerOf, type RepositoryIdentity } from "../plan/ownership.js";
import type { Plan } from "../plan/types.js";
import { HANDLERS } from "../resources/registry.js";
import { AdoptionRefused } from "../resources/shared/adoption-refused.js";
import { mapWithConcurrency, PER_ITEM_READ_CONCURRENCY } from "../resources/shared/shared-reads.js";
import type { ActualResource, Collision, DesiredResource, DesiredValue, ReadContext, ResourceKind } from "../resources/types.js";
import { resolveForPlan } from "../plan/refs.js";

export interface AdoptionReads {
  candidates: ActualResource[];
  /** Adoptions that can't be planned: nothing with that identifier exists, or the kind can't be adopted. */
  errors: string[];
}

/** Reads what each adopt entry names, unless the resource is already ours (adopted earlier). */
export async function readAdoptions(
  adopt: readonly Adoption[],
  desired: readonly DesiredResource[],
  actual: readonly ActualResource[],
  ctx: ReadContext,
  repository: RepositoryIdentity,
): Promise<AdoptionReads> {
  const desiredById = new Map(desired.map((resource) => [resource.id, resource]));
  const ours = new Set(actual.filter((resource) => isOwnedBy(ownerOf(resource), repository)).map((resource) => resource.id));
  const wanted = adopt.filter((entry) => desiredById.has(entry.resource) && !ours.has(entry.resource));
  const found = await mapWithConcurrency(wanted, PER_ITEM_READ_CONCURRENCY, async (entry) => {
    const kind = desiredById.get(entry.resource)!.kind;
    const adoption = HANDLERS[kind].adoption;
    if (!adoption) return { error: `${entry.resource}: a ${kind} can't be adopted (okctl takes it as its own only by proof).` };
    let candidate: ActualResource | undefined;
    try {
      candidate = await adoption.read(ctx, entry.id, entry.resource);
    } catch (error) {
      if (error instanceof AdoptionRefused) return { error: `${entry.resource}: can't adopt ${kind} ${entry.id}: ${error.reason}` };
      throw error;
    }
    if (candidate) return { candidate };
    return { error: `${entry.resource}: okctl.yaml adopts ${kind} ${entry.id}, but there is none in account ${ctx.accountId}, ${ctx.region}. Check the identifier, or remove the adopt entry to create it.` };
  });
  return {
    candidates: found.flatMap((result) => ("candidate" in result && result.candidate ? [result.candidate] : [])),
    errors: found.flatMap((result) => ("error" in result && result.error ? [result.error] : [])),
  };
}

/**
 * The desired resources with their references resolved as far as the plan knows them: outputs of
 * what exists and keeps its identity (kept, updated or adopted); `{ unknown: true }` for the rest.
 */
export function resolvedDesired(plan: Plan, desired: readonly DesiredResource[]): DesiredResource[] {
  const outputs = new Map(
    plan.changes.filter((change) => change.action !== "create" && change.action !== "replace" && change.outputs).map((change) => [change.id, change.outputs!]),
  );
  return desired.map((resource) => ({
    ...resource,
    // A PlanValue is a DesiredValue without references: the markers are plain objects.
    properties: Object.fromEntries(
      Object.entries(resource.properties).map(([name, value]) => [name, resolveForPlan(value, (ref) => outputs.get(ref.$ref)?.[ref.output]) as DesiredValue]),
    ),
  }));
}

/** Collisions of the resources a plan creates, kind by kind (only kinds that create something are asked). */
export async function findCollisions(plan: Plan, desired: readonly DesiredResource[], ctx: ReadContext): Promise<Collision[]> {
  const created = new Set(plan.changes.filter((change) => change.action === "create").map((change) => change.id));
  if (created.size === 0) return [];
  const resolved = resolvedDesired(plan, desired);
  const byKind = new Map<ResourceKind, DesiredResource[]>();
  for (const resource of resolved) {
    if (created.has(resource.id)) byKind.set(resource.kind, [...(byKind.get(resource.kind) ?? []), resource]);
  }
  const claimed = new Set(plan.changes.flatMap((change) => (change.action !== "create" && change.physicalId ? [change.physicalId] : [])));
  const context = { ...ctx, desired: resolved, claimed };
  const found = await Promise.all(
    [...byKind].map(([kind, creating]) => HANDLERS[kind].collisions?.(context, creating) ?? Promise.resolve([])),
  );
  return found.flat();
}

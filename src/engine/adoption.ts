// The I/O side of adoption and collisions: reading the resources the declaration adopts (by their
// AWS identifiers), and looking for existing resources that resources to be created would collide
// with. Both only when needed: a declaration without adopt entries and a plan without creates
// make no extra call.
import type { Adoption } from "../declaration/types.js";
import { isOwnedBy } from "../plan/ownership.js";
import type { Plan } from "../plan/types.js";
import { HANDLERS } from "../resources/registry.js";
import { mapWithConcurrency, PER_ITEM_READ_CONCURRENCY } from "../resources/shared/shared-reads.js";
import type { ActualResource, Collision, DesiredResource, ReadContext, ResourceKind } from "../resources/types.js";

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
  repository: string,
): Promise<AdoptionReads> {
  const desiredById = new Map(desired.map((resource) => [resource.id, resource]));
  const ours = new Set(actual.filter((resource) => isOwnedBy(resource.repository, repository)).map((resource) => resource.id));
  const wanted = adopt.filter((entry) => desiredById.has(entry.resource) && !ours.has(entry.resource));
  const found = await mapWithConcurrency(wanted, PER_ITEM_READ_CONCURRENCY, async (entry) => {
    const kind = desiredById.get(entry.resource)!.kind;
    const adoption = HANDLERS[kind].adoption;
    if (!adoption) return { error: `${entry.resource}: a ${kind} can't be adopted (okctl takes it as its own only by proof).` };
    const candidate = await adoption.read(ctx, entry.id, entry.resource);
    if (candidate) return { candidate };
    return { error: `${entry.resource}: okctl.yaml adopts ${kind} ${entry.id}, but there is none in account ${ctx.accountId}, ${ctx.region}. Check the identifier, or remove the adopt entry to create it.` };
  });
  return {
    candidates: found.flatMap((result) => ("candidate" in result && result.candidate ? [result.candidate] : [])),
    errors: found.flatMap((result) => ("error" in result && result.error ? [result.error] : [])),
  };
}

/** Collisions of the resources a plan creates, kind by kind (only kinds that create something are asked). */
export async function findCollisions(plan: Plan, desired: readonly DesiredResource[], ctx: ReadContext): Promise<Collision[]> {
  const created = new Set(plan.changes.filter((change) => change.action === "create").map((change) => change.id));
  const byKind = new Map<ResourceKind, DesiredResource[]>();
  for (const resource of desired) {
    if (created.has(resource.id)) byKind.set(resource.kind, [...(byKind.get(resource.kind) ?? []), resource]);
  }
  const found = await Promise.all(
    [...byKind].map(([kind, creating]) => HANDLERS[kind].collisions?.(ctx, creating) ?? Promise.resolve([])),
  );
  return found.flat();
}

// Never touch what is not ours, at apply time: before an update or a delete that addresses a
// resource by a name someone else can take (an EKS cluster, node group, add-on or access entry; an
// SSM parameter), the apply looks again at the tags of what now holds that name. Between the plan's
// read and the step (an EKS cluster alone takes minutes to create) it may have been deleted and
// created again, by another repository or by hand; then the step is refused and nothing is written.
// Kinds addressed by an id AWS generated and never reuses (vpc-…, a zone id, a certificate ARN …)
// have no `currentTags`: what okctl read is what it writes to.
import { describeOwner, isOwnedBy, logicalIdOf, ownerOf, type RepositoryIdentity } from "../plan/ownership.js";
import type { ResourceChange } from "../plan/types.js";
import { ownerFields } from "../resources/shared/tags.js";
import type { ApplyContext, ResourceKindHandler } from "../resources/types.js";
import type { ApplyOperation } from "./build-graph.js";

/** A step refused because the resource at its name is not this repository's (any more). */
export class NotOursError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotOursError";
  }
}

/**
 * Why a step must not write to a resource whose tags are now `tags`; undefined when it may.
 * Updates and deletes need it owned by `repository` (by id, or by the name tag on a resource from
 * before ids, as the plan decides). Adopting needs only that no other repository owns it: it
 * carries no okctl owner until the adoption tags it.
 */
export function notOursReason(change: Pick<ResourceChange, "id" | "kind" | "action" | "physicalId">, operation: ApplyOperation, tags: Record<string, string>, repository: RepositoryIdentity): string | undefined {
  const found = ownerFields(tags);
  const owner = ownerOf(found);
  const adopting = change.action === "adopt";
  if (adopting ? owner === undefined || isOwnedBy(owner, repository) : isOwnedBy(owner, repository)) return undefined;
  const now = owner === undefined ? "not tagged by okctl" : `owned by ${describeOwner(found)}`;
  const verb = operation === "delete" || operation === "destroy-old" ? "delete" : adopting ? "adopt" : "update";
  // Only an untagged resource can be adopted; one another repository owns stays theirs.
  const next = owner === undefined ? "plan again, and adopt it or choose another name" : "choose another name (or ask that repository to give it up), and plan again";
  return (
    `refused to ${verb} ${logicalIdOf(change.id)}: the ${change.kind} ${change.physicalId ?? ""} is now ${now}, not this repository's; nothing was written to it. ` +
    `It was replaced after the plan was made (deleted and created again under the same name): ${next}.`
  );
}

/** Throws NotOursError unless the resource the step addresses by name is still this repository's. Gone is no refusal: the handler deals with it. */
export async function guardOwnership(handler: ResourceKindHandler, ctx: ApplyContext, change: ResourceChange, operation: ApplyOperation): Promise<void> {
  if (!handler.currentTags || operation === "create" || operation === "create-new" || change.physicalId === undefined) return;
  const tags = await handler.currentTags(ctx, change.physicalId);
  if (tags === undefined) return;
  const reason = notOursReason(change, operation, tags, { id: ctx.repositoryId, name: ctx.repository });
  if (reason !== undefined) throw new NotOursError(reason);
}

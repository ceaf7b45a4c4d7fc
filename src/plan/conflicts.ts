// What a plan says about a resource another repository owns: the conflict's one statement, and
// advice that fits its kind (a certificate clash is solved by another domain, not another cluster).
import type { ActualResource, ResourceKind } from "../resources/types.js";
import { describeOwner } from "./ownership.js";
import type { Conflict } from "./types.js";

/** How to get out of the way of another repository's resource of this kind. */
export function conflictAdvice(kind: ResourceKind, owner: string): string {
  const removal = `or have ${owner} remove it from its okctl.yaml first`;
  switch (kind) {
    case "certificate":
      return `Declare the certificate for another domain, ${removal}.`;
    case "hosted-zone":
    case "zone-delegation":
      return `Use another clusterRootDomain, ${removal}.`;
    case "parameter":
      return `Give the parameter another name, ${removal}.`;
    default:
      return `Use another cluster name (metadata.name), ${removal}.`;
  }
}

export function conflictOf(resource: ActualResource): Conflict {
  const owner = describeOwner(resource);
  return {
    id: resource.id,
    kind: resource.kind,
    physicalId: resource.physicalId,
    ownerRepository: owner,
    message: `${resource.kind} ${resource.physicalId} (${resource.id}) belongs to ${owner}; okctl leaves it alone.`,
  };
}

/**
 * The plan error for a declared resource whose id another repository's resource already holds.
 * Renderers that list the conflict itself leave this error out (isCollisionError), so that the
 * clash is stated once.
 */
export function collisionError(conflict: Conflict): string {
  return (
    `${conflict.id}: a ${conflict.kind} with this id already exists (${conflict.physicalId}) and belongs to the repository ${conflict.ownerRepository}; ` +
    `okctl will neither change it nor create a second one. ${conflictAdvice(conflict.kind, conflict.ownerRepository)}`
  );
}

/**
 * True when `error` is the plan error a conflict causes (a declared resource whose id the
 * conflicting resource holds): it names the id first and the conflicting resource's AWS identifier.
 */
export function isConflictError(error: string, conflict: Conflict): boolean {
  return error.startsWith(`${conflict.id}: `) && error.includes(conflict.physicalId);
}

// Adoption and collisions, the planner's side (pure). An adoption candidate is an existing resource
// the declaration asks okctl to take over (found by its AWS identifier); a collision is an existing
// resource with the natural identity of one the plan would create (same zone name, cluster name,
// parameter path …) that okctl does not own: AWS would refuse the create or make a duplicate.
import type { ActualResource, Collision } from "../resources/types.js";
import { describeOwner, isOwnedBy, ownerOf, type RepositoryIdentity } from "./ownership.js";
import type { ResourceChange } from "./types.js";

export type { Collision };

/** CloudFormation's own tag on what a stack made (the original okctl's resources carry it). */
export const CLOUDFORMATION_STACK_TAG = "aws:cloudformation:stack-name";

/** Kinds AWS makes a second one of without a word (the others refuse the create). */
const SILENTLY_DUPLICATED: ReadonlySet<string> = new Set(["hosted-zone", "vpc", "certificate", "elastic-ip", "nat-gateway"]);

export function createCollisionError(collision: Collision): string {
  const consequence = collision.consequence ?? (SILENTLY_DUPLICATED.has(collision.kind) ? "make a second one" : "fail");
  const advice =
    collision.advice ??
    `Either adopt it (add to okctl.yaml: adopt: [{ resource: ${collision.id}, id: ${collision.physicalId} }]) or ${collision.instead ?? "choose another name"}.`;
  return `${collision.id}: ${collision.description} already exists, and okctl does not own it: creating ${collision.id} would ${consequence}. ${advice}`;
}

/** Why a candidate can't be adopted: tagged for another repository, or different where only a replace could fix it. */
export function adoptionErrors(candidate: ActualResource, change: ResourceChange, repository: RepositoryIdentity): string[] {
  const errors: string[] = [];
  const owner = ownerOf(candidate);
  if (owner !== undefined && !isOwnedBy(owner, repository)) {
    errors.push(
      `${change.id}: can't adopt ${candidate.kind} ${candidate.physicalId}: it is tagged as owned by the repository ${describeOwner(candidate)}. ` +
        "Remove it from that repository's okctl.yaml (and its okctl.io tags) first, or choose another resource.",
    );
  }
  const forcing = change.attributes.filter((attribute) => attribute.forcesReplacement).map((attribute) => attribute.attribute);
  if (forcing.length > 0) {
    errors.push(
      `${change.id}: can't adopt ${candidate.kind} ${candidate.physicalId}: ${forcing.join(", ")} ${forcing.length === 1 ? "differs" : "differ"} ` +
        "from the declaration and can't be changed in place. Declare it as it exists, or don't adopt it.",
    );
  }
  return errors;
}

/** The note an adopted resource made by a CloudFormation stack gets: the stack must let go of it first. */
export function stackNote(candidate: ActualResource, id: string): { id: string; message: string } | undefined {
  const stack = candidate.tags[CLOUDFORMATION_STACK_TAG];
  if (!stack) return undefined;
  return {
    id,
    message:
      `${candidate.kind} ${candidate.physicalId} was made by the CloudFormation stack ${stack}. If that stack still exists, ` +
      "delete it with every resource retained (DeletionPolicy: Retain) before applying, or the stack may change or delete it later " +
      "(docs/migrating.md, step 2).",
  };
}

/** The adopt change's reason. */
export function adoptReason(candidate: ActualResource): string {
  return `adopting the existing ${candidate.kind} ${candidate.physicalId}: okctl tags it as this cluster's and manages it from now on`;
}

// From a plan to the steps of an apply, with their ordering. Creates and updates go in dependency
// order; deletes in reverse (by desired edges and, for resources no longer declared, by
// KIND_DEPENDENCIES); a replace is a destroy-old step in the delete ordering followed by a
// create-new step in the create ordering.
import { KIND_DEPENDENCIES } from "../resources/kinds.js";
import type { ResourceKind } from "../resources/types.js";
import type { Plan, ResourceChange } from "../plan/types.js";

export type ApplyOperation = "create" | "update" | "delete" | "destroy-old" | "create-new";

export interface ApplyStep {
  /** "<operation>:<change id>", e.g. "create:subnet/private-a", "destroy-old:vpc". */
  id: string;
  after: string[];
  operation: ApplyOperation;
  change: ResourceChange;
}

export function stepId(operation: ApplyOperation, changeId: string): string {
  return `${operation}:${changeId}`;
}

/** kind → every kind that depends on it, directly or not. */
function dependentKinds(): Map<ResourceKind, Set<ResourceKind>> {
  const kinds = Object.keys(KIND_DEPENDENCIES) as ResourceKind[];
  const reaches = (from: ResourceKind, target: ResourceKind): boolean =>
    KIND_DEPENDENCIES[from].some((dep) => dep === target || reaches(dep, target)); // the kind graph is a small DAG
  return new Map(kinds.map((target) => [target, new Set(kinds.filter((kind) => reaches(kind, target)))]));
}

/** The step that makes a change's resource available to its dependents, if any. */
function createPhaseOperation(change: ResourceChange): ApplyOperation | undefined {
  if (change.action === "create") return "create";
  // An adoption is an update that first tags the resource as ours.
  if (change.action === "update" || change.action === "adopt") return "update";
  if (change.action === "replace") return "create-new";
  return undefined;
}

export function buildApplyGraph(plan: Plan): ApplyStep[] {
  const byId = new Map(plan.changes.map((change) => [change.id, change]));
  // Dependencies that have a create-phase step, looking through no-op resources.
  const memo = new Map<string, string[]>();
  const createPhaseDeps = (change: ResourceChange): string[] => {
    const cached = memo.get(change.id);
    if (cached) return cached;
    memo.set(change.id, []); // guards against cycles; the executor rejects those anyway
    const steps = new Set<string>();
    for (const depId of change.dependsOn) {
      const dep = byId.get(depId);
      if (!dep) continue;
      const operation = createPhaseOperation(dep);
      if (operation) steps.add(stepId(operation, dep.id));
      else if (dep.action === "no-op") createPhaseDeps(dep).forEach((step) => steps.add(step));
    }
    const result = [...steps];
    memo.set(change.id, result);
    return result;
  };

  const destructive = plan.changes.filter((change) => change.action === "delete" || change.action === "replace");
  const deletePhaseId = (change: ResourceChange): string => stepId(change.action === "replace" ? "destroy-old" : "delete", change.id);
  const dependents = dependentKinds();
  const deleteSteps: ApplyStep[] = destructive.map((change) => {
    const after = destructive
      .filter((other) => other !== change && (other.dependsOn.includes(change.id) || dependents.get(change.kind)!.has(other.kind)))
      .map(deletePhaseId);
    return { id: deletePhaseId(change), after, operation: change.action === "replace" ? "destroy-old" : "delete", change };
  });

  const createSteps: ApplyStep[] = [];
  for (const change of plan.changes) {
    const operation = createPhaseOperation(change);
    if (!operation) continue;
    const after = [...createPhaseDeps(change)];
    if (operation === "create-new") after.push(stepId("destroy-old", change.id));
    createSteps.push({ id: stepId(operation, change.id), after, operation, change });
  }
  return [...deleteSteps.reverse(), ...createSteps];
}

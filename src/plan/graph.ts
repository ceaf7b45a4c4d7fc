// A deterministic topological sort over string ids, shared by the planner and the executor.
// Ties are broken by a caller-given order, so the same graph always gives the same result.

export interface GraphInput {
  ids: readonly string[];
  /** Ids this id must come after. Unknown ids are the caller's to reject first. */
  after(id: string): readonly string[];
  /** Orders ids that are ready at the same time. */
  compare(a: string, b: string): number;
}

export type SortResult = { ok: true; order: string[] } | { ok: false; cycle: string[] };

/** Kahn's algorithm, always taking the smallest ready id; on a cycle, names one deterministically. */
export function topologicalSort(input: GraphInput): SortResult {
  const waitingOn = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const id of input.ids) {
    const deps = [...new Set(input.after(id))];
    waitingOn.set(id, deps.length);
    for (const dep of deps) dependents.set(dep, [...(dependents.get(dep) ?? []), id]);
  }
  const ready = input.ids.filter((id) => waitingOn.get(id) === 0).sort(input.compare);
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift() as string;
    order.push(id);
    for (const dependent of dependents.get(id) ?? []) {
      const left = (waitingOn.get(dependent) ?? 0) - 1;
      waitingOn.set(dependent, left);
      if (left === 0) insertSorted(ready, dependent, input.compare);
    }
  }
  if (order.length === input.ids.length) return { ok: true, order };
  const placed = new Set(order);
  return { ok: false, cycle: findCycle(input.ids.filter((id) => !placed.has(id)), input) };
}

function insertSorted(list: string[], id: string, compare: (a: string, b: string) => number): void {
  const index = list.findIndex((other) => compare(id, other) < 0);
  if (index === -1) list.push(id);
  else list.splice(index, 0, id);
}

/**
 * Among ids that could not be placed (each waits, directly or not, on a cycle), walks from the
 * smallest along its smallest unplaced dependency until an id repeats; returns that cycle,
 * rotated to start at its smallest member.
 */
function findCycle(unplaced: string[], input: GraphInput): string[] {
  const remaining = new Set(unplaced);
  const path: string[] = [];
  let current = [...unplaced].sort(input.compare)[0] as string;
  while (!path.includes(current)) {
    path.push(current);
    const next = input.after(current).filter((dep) => remaining.has(dep)).sort(input.compare)[0];
    // Every unplaced id waits on another unplaced id, so `next` exists.
    current = next as string;
  }
  const cycle = path.slice(path.indexOf(current));
  const smallest = [...cycle].sort(input.compare)[0] as string;
  const start = cycle.indexOf(smallest);
  return [...cycle.slice(start), ...cycle.slice(0, start)];
}

/** "a → b → c → a": a cycle as words, for error messages. */
export function describeCycle(cycle: readonly string[]): string {
  return [...cycle, cycle[0]].join(" → ");
}

// Values for store tests: a fixed clock origin and a small plan.
import type { Plan } from "../plan/types.js";
import type { Job, Store } from "./store.js";

export const t0 = new Date("2030-01-01T00:00:00.000Z");

/** t0 plus `ms` milliseconds. */
export function at(ms: number): Date {
  return new Date(t0.getTime() + ms);
}

export function planFixture(hash: string): Plan {
  return {
    formatVersion: 1,
    cluster: "prod",
    accountId: "123456789012",
    region: "eu-west-1",
    repository: "octo/infra",
    changes: [
      {
        id: "vpc",
        kind: "vpc",
        name: "prod",
        action: "create",
        attributes: [{ attribute: "cidr", after: "10.0.0.0/16" }],
        dependsOn: [],
      },
    ],
    conflicts: [],
    notes: [],
    errors: [],
    summary: { create: 1, update: 0, replace: 0, delete: 0 },
    hash,
  };
}

/** leaseNextJob that must find a job. */
export async function leased(store: Store, workerId: string, leaseMs: number, now: Date): Promise<Job> {
  const job = await store.leaseNextJob(workerId, leaseMs, now);
  if (job === null) throw new Error(`${workerId} found no job to lease at ${now.toISOString()}`);
  return job;
}

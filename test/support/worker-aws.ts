// The test run's AWS: one moto server (behind the loopback EKS extension, with the Price List
// stand-in) per test worker, so that test files that reset moto before each test can run in
// parallel without touching each other's state. A file uses the one of its worker (VITEST_POOL_ID:
// 1 … maxWorkers; two files running at the same time never have the same id). The aws and postgres
// projects' global setups share them (started once per run, stopped by the last teardown).
import type { TestProject } from "vitest/node";
import { startTestAws } from "./test-aws.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The moto endpoint (the EKS extension's) of each worker: index = VITEST_POOL_ID - 1. */
    motoEndpoints: string[];
    /** The Price List stand-in of each worker, in the same order. */
    pricingEndpoints: string[];
  }
}

type TestAws = Awaited<ReturnType<typeof startTestAws>>;

interface Shared {
  users: number;
  started: Promise<TestAws[]>;
}

// Global setups of different projects run in the same (main) process but may load this module
// more than once: the shared servers live on globalThis.
const KEY = Symbol.for("okctl.test.workerAws");
const registry = globalThis as typeof globalThis & { [KEY]?: Shared };

/** How many workers may run a file at once: one moto each; one in all with an external moto (OKCTL_TEST_AWS_ENDPOINT). */
function workerCount(project: TestProject): number {
  if (process.env.OKCTL_TEST_AWS_ENDPOINT) return 1;
  return Math.max(1, project.config.maxWorkers, project.globalConfig.maxWorkers);
}

async function startAll(count: number): Promise<TestAws[]> {
  const results = await Promise.allSettled(Array.from({ length: count }, () => startTestAws({ acmValidationWaitSeconds: 0 })));
  const failed = results.find((result): result is PromiseRejectedResult => result.status === "rejected");
  const started = results.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  if (failed) {
    await Promise.all(started.map((aws) => aws.stop()));
    throw failed.reason;
  }
  return started;
}

/** Starts the workers' AWS (or joins the ones another project started), provides their endpoints; returns the teardown. */
export async function provideWorkerAws(project: TestProject): Promise<() => Promise<void>> {
  const count = workerCount(project);
  let shared = registry[KEY];
  if (!shared) {
    shared = { users: 0, started: startAll(count) };
    registry[KEY] = shared;
    shared.started.catch(() => {
      if (registry[KEY] === shared) delete registry[KEY];
    });
  }
  shared.users++;
  let servers: TestAws[];
  try {
    servers = await shared.started;
  } catch (error) {
    shared.users--;
    throw error;
  }
  if (servers.length < count) throw new Error(`${servers.length} test AWS servers were started for ${count} workers: give every project the same maxWorkers`);
  project.provide("motoEndpoints", servers.map((aws) => aws.endpoint));
  project.provide("pricingEndpoints", servers.map((aws) => aws.pricingEndpoint));
  const current = shared;
  return async () => {
    current.users--;
    if (current.users > 0) return;
    if (registry[KEY] === current) delete registry[KEY];
    await Promise.all(servers.map((aws) => aws.stop()));
  };
}

// Vitest global setup of the postgres project: one PostgreSQL server for the whole run, and the
// run's moto servers (one per worker, shared with the aws project; see worker-aws.ts) for its
// end-to-end tests. Each test file creates its own database (createDatabase).
import type { TestProject } from "vitest/node";
import { startPostgresServer } from "./postgres-server.js";
import { provideWorkerAws } from "./worker-aws.js";

declare module "vitest" {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [postgres, aws] = await Promise.allSettled([startPostgresServer(), provideWorkerAws(project)]);
  if (postgres.status === "rejected" || aws.status === "rejected") {
    if (postgres.status === "fulfilled") await postgres.value.stop();
    if (aws.status === "fulfilled") await aws.value();
    throw postgres.status === "rejected" ? postgres.reason : (aws as PromiseRejectedResult).reason;
  }
  project.provide("postgresAdminUrl", postgres.value.adminUrl);
  return async () => {
    await Promise.all([postgres.value.stop(), aws.value()]);
  };
}

// Vitest global setup of the postgres project: one PostgreSQL server for the whole run, and one
// moto server for its end-to-end tests. Each test file creates its own database (createDatabase).
import type { TestProject } from "vitest/node";
import { startPostgresServer } from "./postgres-server.js";
import { startTestAws } from "./test-aws.js";

declare module "vitest" {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [postgres, moto] = await Promise.allSettled([startPostgresServer(), startTestAws({ acmValidationWaitSeconds: 0 })]);
  if (postgres.status === "rejected" || moto.status === "rejected") {
    if (postgres.status === "fulfilled") await postgres.value.stop();
    if (moto.status === "fulfilled") await moto.value.stop();
    throw postgres.status === "rejected" ? postgres.reason : (moto as PromiseRejectedResult).reason;
  }
  project.provide("postgresAdminUrl", postgres.value.adminUrl);
  project.provide("motoEndpoint", moto.value.endpoint);
  project.provide("pricingEndpoint", moto.value.pricingEndpoint);
  return async () => {
    await Promise.all([postgres.value.stop(), moto.value.stop()]);
  };
}

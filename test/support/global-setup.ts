// Vitest global setup: one moto server for the whole run; tests reach it through the
// standard AWS_ENDPOINT_URL setting (see test/support/aws.ts).
import type { TestProject } from "vitest/node";
import { startMotoServer } from "./moto-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    motoEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const moto = await startMotoServer({ acmValidationWaitSeconds: 0 });
  project.provide("motoEndpoint", moto.endpoint);
  return () => moto.stop();
}

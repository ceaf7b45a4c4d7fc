// Vitest global setup: one moto server, behind the loopback EKS extension, for the whole run; tests
// reach them through the standard AWS_ENDPOINT_URL setting (see test/support/aws.ts).
import type { TestProject } from "vitest/node";
import { startTestAws } from "./test-aws.js";

declare module "vitest" {
  export interface ProvidedContext {
    motoEndpoint: string;
    pricingEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const moto = await startTestAws({ acmValidationWaitSeconds: 0 });
  project.provide("motoEndpoint", moto.endpoint);
  project.provide("pricingEndpoint", moto.pricingEndpoint);
  return () => moto.stop();
}

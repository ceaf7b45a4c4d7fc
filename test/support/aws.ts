// Helpers for tests that talk to moto: point the AWS SDK at this worker's moto server (one per
// worker, see worker-aws.ts) and reset it before each test.
import { beforeEach, inject } from "vitest";
import { resetMoto } from "./moto-server.js";

export const TEST_ACCOUNT = "123456789012";

/** The endpoint of this test worker's server in a list with one per worker (index: VITEST_POOL_ID - 1). */
function ofThisWorker(endpoints: string[] | undefined, what: string): string {
  const poolId = Number(process.env.VITEST_POOL_ID ?? "1");
  const endpoint = endpoints?.[poolId - 1];
  if (endpoint === undefined) throw new Error(`no ${what} for test worker ${poolId} (${endpoints?.length ?? 0} started): is this file in the aws or postgres project?`);
  return endpoint;
}

/** Points every AWS SDK client at this worker's moto server, with dummy credentials. */
export function useMoto(): { endpoint: string } {
  const endpoint = ofThisWorker(inject("motoEndpoints"), "moto server");
  process.env.AWS_ENDPOINT_URL = endpoint;
  // The AWS Price List (cost estimates): served by the pricing stand-in the global setup starts.
  const pricing = ofThisWorker(inject("pricingEndpoints"), "Price List stand-in");
  process.env.AWS_ENDPOINT_URL_PRICING = pricing;
  process.env.AWS_ACCESS_KEY_ID = "testing";
  process.env.AWS_SECRET_ACCESS_KEY = "testing";
  process.env.AWS_REGION = "eu-west-1";
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  beforeEach(async () => {
    await resetMoto(endpoint);
  });
  return { endpoint };
}

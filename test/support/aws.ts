// Helpers for tests that talk to moto: point the AWS SDK at it and reset it before each test.
import { beforeEach, inject } from "vitest";
import { resetMoto } from "./moto-server.js";

export const TEST_ACCOUNT = "123456789012";

/** Points every AWS SDK client at the shared moto server, with dummy credentials. */
export function useMoto(): { endpoint: string } {
  const endpoint = inject("motoEndpoint");
  process.env.AWS_ENDPOINT_URL = endpoint;
  // The AWS Price List (cost estimates): served by the pricing stand-in the global setup starts.
  const pricing = inject("pricingEndpoint");
  if (pricing) process.env.AWS_ENDPOINT_URL_PRICING = pricing;
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

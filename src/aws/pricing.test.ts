// Prices through the real SDK client over HTTP, from a loopback stand-in of the Price List Query API
// that validates each request against AWS's published model and answers in the API's real shape.
import { GetProductsCommand, PricingClient } from "@aws-sdk/client-pricing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { examplePlan } from "../../test/support/example-plan.js";
import { startPricingStandin, type PricingStandin } from "../../test/support/pricing-standin.js";
import { fullDeclaration } from "../../test/support/declarations.js";
import { planCost } from "../cost/plan-cost.js";
import { createPricingClient, memoryPriceCache, PRICE_CACHE_MS, priceReader } from "./pricing.js";

let standin: PricingStandin;
beforeAll(async () => {
  standin = await startPricingStandin();
});
afterAll(() => standin.close());
beforeEach(() => {
  standin.calls.length = 0;
  standin.throttleNext(0);
});

function client(): PricingClient {
  return new PricingClient({ region: "us-east-1", endpoint: standin.endpoint, credentials: { accessKeyId: "okctl", secretAccessKey: "okctl" }, maxAttempts: 3 });
}

describe("prices from the AWS Price List", () => {
  it("finds each price in GetProducts' real answer: the right licence, support tier and first price tier", async () => {
    // okctl's own client, reaching the stand-in through the SDK's standard endpoint setting.
    Object.assign(process.env, { AWS_ENDPOINT_URL_PRICING: standin.endpoint, AWS_ACCESS_KEY_ID: "okctl", AWS_SECRET_ACCESS_KEY: "okctl" });
    const read = priceReader({ client: createPricingClient(), cache: memoryPriceCache(), now: () => new Date() });
    const cost = await planCost(examplePlan(), read);
    expect(cost.available).toBe(true);
    if (!cost.available) return;
    expect(cost.missing).toEqual([]);
    expect(cost.after).toBe(359.87); // m5.large at 0.107 (not the BYOL 0.199), EKS 0.10 (not extended 0.60), zone 0.50
    expect(standin.calls.every((call) => call.operation === "GetProducts")).toBe(true);
    expect(standin.calls.length).toBe(7);
  });

  it("an instance type the Price List does not know is left out and named, the rest is priced", async () => {
    const declaration = fullDeclaration();
    const plan = examplePlan(fullDeclaration({ eks: { ...declaration.eks, nodeGroups: [{ ...declaration.eks.nodeGroups[0]!, instanceTypes: ["x9.mega"] }] } }));
    const cost = await planCost(plan, priceReader({ client: client(), cache: memoryPriceCache(), now: () => new Date() }));
    expect(cost).toMatchObject({ available: true, missing: ["ec2-instance/x9.mega"] });
  });

  it("a throttled call is retried; when the API keeps refusing, the cost is unavailable, not an error", async () => {
    standin.throttleNext(1);
    const retried = await planCost(examplePlan(), priceReader({ client: client(), cache: memoryPriceCache(), now: () => new Date() }));
    expect(retried.available).toBe(true);
    standin.throttleNext(100);
    const refused = await planCost(examplePlan(), priceReader({ client: client(), cache: memoryPriceCache(), now: () => new Date() }));
    expect(refused).toMatchObject({ available: false });
    if (!refused.available) expect(refused.reason).toMatch(/ThrottlingException/);
  });

  it("keeps prices for a day", async () => {
    let now = new Date("2026-11-30T08:00:00Z");
    const read = priceReader({ client: client(), cache: memoryPriceCache(), now: () => now });
    await planCost(examplePlan(), read);
    const first = standin.calls.length;
    await planCost(examplePlan(), read);
    expect(standin.calls.length).toBe(first);
    now = new Date(now.getTime() + PRICE_CACHE_MS + 1);
    await planCost(examplePlan(), read);
    expect(standin.calls.length).toBe(first * 2);
  });

  it("the stand-in rejects what AWS's model rejects", async () => {
    await expect(client().send(new GetProductsCommand({} as never))).rejects.toMatchObject({ name: "ValidationException" });
    await expect(client().send(new GetProductsCommand({ ServiceCode: "AmazonEC2", Filters: [{ Type: "TERM_MATCH", Field: "instanceType" } as never] }))).rejects.toThrow(/Value/);
  });
});

describe("prices kept in the store", () => {
  it("a second reader (another replica, or after a restart) finds the day's prices in the store", async () => {
    const { openSqliteStore } = await import("../store/sqlite-store.js");
    const { storePriceCache } = await import("./price-source.js");
    const store = openSqliteStore({ memory: true });
    try {
      const now = () => new Date("2026-11-30T08:00:00Z");
      await planCost(examplePlan(), priceReader({ client: client(), cache: storePriceCache(store), now }));
      const first = standin.calls.length;
      expect(first).toBeGreaterThan(0);
      const again = await planCost(examplePlan(), priceReader({ client: client(), cache: storePriceCache(store), now }));
      expect(again).toMatchObject({ available: true, after: 359.87 });
      expect(standin.calls.length).toBe(first);
    } finally {
      await store.close();
    }
  });
});

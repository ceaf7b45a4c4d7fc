// The server's price source: the AWS Price List with okctl's own identity, loaded on first use (the
// Pricing client is not needed until the first plan), prices kept for a day.
import type { ReadPrices } from "../cost/plan-cost.js";
import type { Json } from "../resources/types.js";
import type { PriceCache } from "./pricing.js";

/** The store's cache as the price cache (shared by replicas, kept across restarts). */
export function storePriceCache(store: { cachedValue(key: string, now: Date): Promise<Json | undefined>; cacheValue(key: string, value: Json, expiresAt: Date): Promise<void> }): PriceCache {
  return {
    async get(key, now) {
      const value = await store.cachedValue(`price/${key}`, now);
      return typeof value === "number" ? value : undefined;
    },
    set: (key, price, expiresAt) => store.cacheValue(`price/${key}`, price, expiresAt),
  };
}

export function lazyPriceSource(cache?: PriceCache): ReadPrices {
  let reader: Promise<ReadPrices> | undefined;
  return async (keys, region) => {
    reader ??= import("./pricing.js").then((pricing) =>
      pricing.priceReader({ client: pricing.createPricingClient(), cache: cache ?? pricing.memoryPriceCache(), now: () => new Date() }));
    return (await reader)(keys, region);
  };
}

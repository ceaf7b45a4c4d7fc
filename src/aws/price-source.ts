// The server's price source: the AWS Price List with okctl's own identity, loaded on first use (the
// Pricing client is not needed until the first plan), prices kept for a day.
import type { ReadPrices } from "../cost/plan-cost.js";
import type { PriceCache } from "./pricing.js";

export function lazyPriceSource(cache?: PriceCache): ReadPrices {
  let reader: Promise<ReadPrices> | undefined;
  return async (keys, region) => {
    reader ??= import("./pricing.js").then((pricing) =>
      pricing.priceReader({ client: pricing.createPricingClient(), cache: cache ?? pricing.memoryPriceCache(), now: () => new Date() }));
    return (await reader)(keys, region);
  };
}

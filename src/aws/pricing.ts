// Prices from the AWS Price List Query API (GetProducts), with okctl's own identity (never a
// repository's deploy role), cached for a day. The only Pricing client okctl builds.
import { GetProductsCommand, PricingClient } from "@aws-sdk/client-pricing";
import { awsTimeoutsFromEnv, boundCalls, boundedClientConfig } from "./bounded-calls.js";
import { productQuery } from "../cost/price-list.js";
import { priceFromList } from "../cost/price-list.js";
import { priceKeyId, type PriceKey } from "../cost/types.js";

/** Where prices are kept between plans (the store in the app; memory in the command line). */
export interface PriceCache {
  get(key: string, now: Date): Promise<number | undefined>;
  set(key: string, price: number, expiresAt: Date): Promise<void>;
}

export const PRICE_CACHE_MS = 24 * 60 * 60 * 1000;
/** Products per GetProducts page, and pages read at most per price (a region's VPC list is long). */
const PAGE_SIZE = 100;
const MAX_PAGES = 10;

export function memoryPriceCache(): PriceCache {
  const entries = new Map<string, { price: number; expiresAt: number }>();
  return {
    async get(key, now) {
      const entry = entries.get(key);
      return entry && entry.expiresAt > now.getTime() ? entry.price : undefined;
    },
    async set(key, price, expiresAt) {
      entries.set(key, { price, expiresAt: expiresAt.getTime() });
    },
  };
}

/**
 * The Price List API lives in us-east-1 (also eu-central-1, ap-south-1); prices of every region are
 * read there. Honours AWS_ENDPOINT_URL_PRICING / AWS_ENDPOINT_URL like every other client.
 */
export function createPricingClient(): PricingClient {
  // Bounded like every client (timeouts that throw, the job's abort signal): a price is never worth
  // a stalled plan, the estimate is then "unavailable".
  const timeouts = awsTimeoutsFromEnv(process.env);
  return boundCalls(new PricingClient({ region: "us-east-1", ...boundedClientConfig(timeouts, 4) }), "Pricing", timeouts);
}

export interface PriceReaderOptions {
  client: PricingClient;
  cache: PriceCache;
  now: () => Date;
  signal?: AbortSignal;
}

export type PriceReader = (keys: readonly PriceKey[], region: string) => Promise<Map<string, number>>;

/** Reads each key's price (cache first). A key the Price List does not know is left out; a failed call throws. */
export function priceReader(options: PriceReaderOptions): PriceReader {
  return async (keys, region) => {
    const prices = new Map<string, number>();
    for (const key of keys) {
      const id = priceKeyId(key);
      const cacheKey = `${region}/${id}`;
      const cached = await options.cache.get(cacheKey, options.now());
      if (cached !== undefined) {
        prices.set(id, cached);
        continue;
      }
      const price = await lookUp(options, key, region);
      if (price === undefined) continue;
      prices.set(id, price);
      await options.cache.set(cacheKey, price, new Date(options.now().getTime() + PRICE_CACHE_MS));
    }
    return prices;
  };
}

async function lookUp(options: PriceReaderOptions, key: PriceKey, region: string): Promise<number | undefined> {
  const query = productQuery(key, region);
  const Filters = Object.entries(query.filters).map(([Field, Value]) => ({ Type: "TERM_MATCH" as const, Field, Value }));
  let NextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await options.client.send(
      new GetProductsCommand({ ServiceCode: query.serviceCode, Filters, FormatVersion: "aws_v1", MaxResults: PAGE_SIZE, ...(NextToken ? { NextToken } : {}) }),
      options.signal ? { abortSignal: options.signal } : {},
    );
    const price = priceFromList(answer.PriceList ?? [], query);
    if (price !== undefined) return price;
    NextToken = answer.NextToken;
    if (!NextToken) return undefined;
  }
  return undefined;
}

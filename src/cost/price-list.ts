// The AWS Price List Query API's side of the estimate, as data: which GetProducts query finds a
// priced thing, and how to read a price out of the answer (PriceList: one JSON text per product).
// Pure; src/aws/pricing.ts makes the calls.
import type { PriceKey, PriceUnit } from "./types.js";

export interface ProductQuery {
  serviceCode: string;
  /** TERM_MATCH filters. */
  filters: Record<string, string>;
  /** Which product of the answer is the one: its usage type ends with this. */
  usageTypeSuffix?: string;
  /** The price dimension's unit as the Price List writes it (any unit when absent). */
  unit?: string;
  /** The unit of the price, for the estimate. */
  priceUnit: PriceUnit;
}

export function productQuery(key: PriceKey, region: string): ProductQuery {
  switch (key.item) {
    case "eks-control-plane":
      return { serviceCode: "AmazonEKS", filters: { regionCode: region }, usageTypeSuffix: "AmazonEKS-Hours:perCluster", unit: "Hrs", priceUnit: "hour" };
    case "ec2-instance":
      return {
        serviceCode: "AmazonEC2",
        filters: {
          regionCode: region, instanceType: key.instanceType, operatingSystem: "Linux", tenancy: "Shared",
          preInstalledSw: "NA", capacitystatus: "Used", licenseModel: "No License required",
        },
        usageTypeSuffix: `BoxUsage:${key.instanceType}`,
        unit: "Hrs",
        priceUnit: "hour",
      };
    case "ebs-volume":
      return { serviceCode: "AmazonEC2", filters: { regionCode: region, productFamily: "Storage", volumeApiName: key.volumeType }, unit: "GB-Mo", priceUnit: "gb-month" };
    case "nat-gateway-hour":
      return { serviceCode: "AmazonEC2", filters: { regionCode: region, productFamily: "NAT Gateway" }, usageTypeSuffix: "NatGateway-Hours", unit: "Hrs", priceUnit: "hour" };
    case "nat-gateway-gb":
      return { serviceCode: "AmazonEC2", filters: { regionCode: region, productFamily: "NAT Gateway" }, usageTypeSuffix: "NatGateway-Bytes", unit: "GB", priceUnit: "gb" };
    case "public-ipv4-hour":
      return { serviceCode: "AmazonVPC", filters: { regionCode: region }, usageTypeSuffix: "PublicIPv4:InUseAddress", unit: "Hrs", priceUnit: "hour" };
    case "hosted-zone-month":
      // Route 53 is global: no region filter. The first tier (the first 25 zones) is the price.
      return { serviceCode: "AmazonRoute53", filters: { productFamily: "DNS Zone" }, usageTypeSuffix: "HostedZone", priceUnit: "month" };
  }
}

interface PriceDimension { unit?: string; pricePerUnit?: { USD?: string }; beginRange?: string }
interface PriceListProduct {
  product?: { attributes?: Record<string, string> };
  terms?: { OnDemand?: Record<string, { priceDimensions?: Record<string, PriceDimension> }> };
}

/**
 * The on-demand USD price of the product the query means, from GetProducts' PriceList items (JSON
 * texts). Tiered prices (e.g. hosted zones: the first 25, then cheaper) take the first tier.
 * Undefined when no item matches: the caller says "price not found", never guesses.
 */
export function priceFromList(priceList: readonly string[], query: ProductQuery): number | undefined {
  for (const text of priceList) {
    let product: PriceListProduct;
    try {
      product = JSON.parse(text) as PriceListProduct;
    } catch {
      continue; // one unreadable item does not spoil the others
    }
    const usageType = product.product?.attributes?.usagetype ?? "";
    if (query.usageTypeSuffix && !usageType.endsWith(query.usageTypeSuffix)) continue;
    const dimensions = Object.values(product.terms?.OnDemand ?? {}).flatMap((term) => Object.values(term.priceDimensions ?? {}));
    const matching = dimensions
      .filter((d) => query.unit === undefined || d.unit === query.unit)
      .sort((a, b) => Number(a.beginRange ?? 0) - Number(b.beginRange ?? 0));
    const price = Number(matching[0]?.pricePerUnit?.USD);
    if (matching.length > 0 && Number.isFinite(price) && price >= 0) return price;
  }
  return undefined;
}

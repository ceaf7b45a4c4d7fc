// A loopback stand-in for the AWS Price List Query API (moto has none): GetProducts over AWS's JSON
// 1.1 protocol, each request validated against the published model (aws-sdk v2's
// apis/pricing-2017-10-15.min.json), answering with price list items in the API's real shape (one
// JSON text per product: product attributes, OnDemand terms, price dimensions with USD strings).
// The catalogue holds a few real products and prices of eu-west-1 (2025); anything else is unknown.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { loadApiModel, validateOperationInput, validationMessage } from "./aws-model.js";

const model = loadApiModel("pricing-2017-10-15");

interface Product {
  serviceCode: string;
  productFamily: string;
  attributes: Record<string, string>;
  /** Tiers: [beginRange, USD] (one tier for most). */
  prices: [number, string][];
  unit: string;
  description: string;
}

let skuCounter = 0;
function sku(): string {
  skuCounter += 1;
  return `SKU${String(skuCounter).padStart(13, "0")}`;
}

export function priceItem(product: Product): string {
  const id = sku();
  const term = `${id}.JRTCKXETXF`;
  const dimensions = Object.fromEntries(product.prices.map(([begin, usd], index) => {
    const rate = `${term}.${index === 0 ? "6YS6EN2CT7" : `RATE${index}`}`;
    const end = product.prices[index + 1]?.[0];
    return [rate, {
      unit: product.unit, endRange: end === undefined ? "Inf" : String(end), description: product.description,
      appliesTo: [], rateCode: rate, beginRange: String(begin), pricePerUnit: { USD: Number(usd).toFixed(10) },
    }];
  }));
  return JSON.stringify({
    product: { productFamily: product.productFamily, attributes: { servicecode: product.serviceCode, ...product.attributes }, sku: id },
    serviceCode: product.serviceCode,
    terms: { OnDemand: { [id]: { priceDimensions: dimensions, sku: id, effectiveDate: "2025-11-01T00:00:00Z", offerTermCode: "JRTCKXETXF", termAttributes: {} } } },
    version: "20251101000000",
    publicationDate: "2025-11-01T00:00:00Z",
  });
}

const EU_WEST_1 = { regionCode: "eu-west-1", location: "EU (Ireland)", locationType: "AWS Region" };
function instance(instanceType: string, usd: string): Product {
  return {
    serviceCode: "AmazonEC2", productFamily: "Compute Instance", unit: "Hrs", prices: [[0, usd]],
    description: `$${usd} per On Demand Linux ${instanceType} Instance Hour`,
    attributes: {
      ...EU_WEST_1, instanceType, operatingSystem: "Linux", tenancy: "Shared", preInstalledSw: "NA",
      capacitystatus: "Used", licenseModel: "No License required", usagetype: `EU-BoxUsage:${instanceType}`, operation: "RunInstances",
    },
  };
}

export const CATALOGUE: readonly Product[] = [
  instance("m5.large", "0.107"),
  instance("m5.xlarge", "0.214"),
  instance("t3.medium", "0.0456"),
  // The same type with another licence: must not be picked.
  { ...instance("m5.large", "0.199"), attributes: { ...instance("m5.large", "0").attributes, licenseModel: "Bring your own license", usagetype: "EU-BoxUsage:m5.large" } },
  { serviceCode: "AmazonEC2", productFamily: "Storage", unit: "GB-Mo", prices: [[0, "0.088"]], description: "$0.088 per GB-month of General Purpose (gp3) provisioned storage - EU (Ireland)", attributes: { ...EU_WEST_1, volumeApiName: "gp3", volumeType: "General Purpose", usagetype: "EU-EBS:VolumeUsage.gp3" } },
  { serviceCode: "AmazonEC2", productFamily: "Storage", unit: "GB-Mo", prices: [[0, "0.11"]], description: "$0.11 per GB-month of General Purpose SSD (gp2) provisioned storage - EU (Ireland)", attributes: { ...EU_WEST_1, volumeApiName: "gp2", volumeType: "General Purpose", usagetype: "EU-EBS:VolumeUsage.gp2" } },
  { serviceCode: "AmazonEC2", productFamily: "NAT Gateway", unit: "Hrs", prices: [[0, "0.048"]], description: "$0.048 per NAT Gateway Hour", attributes: { ...EU_WEST_1, usagetype: "EU-NatGateway-Hours", operation: "NatGateway" } },
  { serviceCode: "AmazonEC2", productFamily: "NAT Gateway", unit: "GB", prices: [[0, "0.048"]], description: "$0.048 per GB Data Processed by NAT Gateways", attributes: { ...EU_WEST_1, usagetype: "EU-NatGateway-Bytes", operation: "NatGateway" } },
  { serviceCode: "AmazonEKS", productFamily: "Compute", unit: "Hrs", prices: [[0, "0.60"]], description: "Amazon EKS cluster usage in extended support", attributes: { ...EU_WEST_1, usagetype: "EU-AmazonEKS-Hours:extendedSupport", operation: "ExtendedSupport" } },
  { serviceCode: "AmazonEKS", productFamily: "Compute", unit: "Hrs", prices: [[0, "0.10"]], description: "Amazon EKS cluster usage in EU (Ireland)", attributes: { ...EU_WEST_1, usagetype: "EU-AmazonEKS-Hours:perCluster", operation: "CreateOperation" } },
  { serviceCode: "AmazonVPC", productFamily: "VpcPublicIPv4Address", unit: "Hrs", prices: [[0, "0.005"]], description: "$0.005 per Idle public IPv4 address per hour", attributes: { ...EU_WEST_1, usagetype: "EU-PublicIPv4:IdleAddress", group: "VPCPublicIPv4Address" } },
  { serviceCode: "AmazonVPC", productFamily: "VpcPublicIPv4Address", unit: "Hrs", prices: [[0, "0.005"]], description: "$0.005 per In-use public IPv4 address per hour", attributes: { ...EU_WEST_1, usagetype: "EU-PublicIPv4:InUseAddress", group: "VPCPublicIPv4Address" } },
  { serviceCode: "AmazonRoute53", productFamily: "DNS Zone", unit: "HostedZone", prices: [[0, "0.50"], [25, "0.10"]], description: "Hosted zone", attributes: { location: "Global", locationType: "AWS Region", usagetype: "HostedZone" } },
  { serviceCode: "AmazonRoute53", productFamily: "DNS Query", unit: "Queries", prices: [[0, "0.0000004"]], description: "Standard queries", attributes: { location: "Global", locationType: "AWS Region", usagetype: "DNS-Queries" } },
];

export interface PricingStandin {
  endpoint: string;
  /** GetProducts calls served (throttled ones included). */
  calls: { operation: string; input: Record<string, unknown> }[];
  /** The next `count` calls answer ThrottlingException. */
  throttleNext(count: number): void;
  close(): Promise<void>;
}

function matches(product: Product, filters: { Field: string; Value: string }[], serviceCode: string): boolean {
  if (product.serviceCode !== serviceCode) return false;
  return filters.every(({ Field, Value }) => {
    if (Field === "ServiceCode") return product.serviceCode === Value;
    if (Field === "productFamily") return product.productFamily === Value;
    return product.attributes[Field] === Value;
  });
}

export async function startPricingStandin(): Promise<PricingStandin> {
  const calls: PricingStandin["calls"] = [];
  let throttled = 0;
  const items = CATALOGUE.map((product) => ({ product, text: priceItem(product) }));
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const reply = (status: number, body: unknown, type?: string) => {
        response.writeHead(status, { "content-type": "application/x-amz-json-1.1", ...(type ? { "x-amzn-errortype": type } : {}) });
        response.end(JSON.stringify(type ? { __type: type, ...(body as object) } : body));
      };
      const target = String(request.headers["x-amz-target"] ?? "");
      const prefix = `${model.metadata.targetPrefix}.`;
      if (request.method !== "POST" || !target.startsWith(prefix)) return reply(400, { message: `Unknown target ${target}` }, "UnknownOperationException");
      const operation = target.slice(prefix.length);
      let input: Record<string, unknown>;
      try {
        input = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
      } catch {
        return reply(400, { message: "Malformed JSON" }, "SerializationException");
      }
      calls.push({ operation, input });
      const errors = validateOperationInput(model, operation, input);
      if (errors.length > 0) return reply(400, { Message: validationMessage(errors) }, "ValidationException");
      if (throttled > 0) {
        throttled -= 1;
        return reply(400, { Message: "Rate exceeded" }, "ThrottlingException");
      }
      if (operation !== "GetProducts") return reply(400, { Message: `${operation} is not served by this stand-in` }, "InvalidParameterException");
      if (input.FormatVersion !== undefined && input.FormatVersion !== "aws_v1") return reply(400, { Message: "Invalid FormatVersion" }, "InvalidParameterException");
      const filters = (input.Filters as { Type: string; Field: string; Value: string }[] | undefined) ?? [];
      if (filters.some((f) => f.Type !== "TERM_MATCH")) return reply(400, { Message: "Only TERM_MATCH filters are served" }, "InvalidParameterException");
      const found = items.filter((item) => matches(item.product, filters, String(input.ServiceCode))).map((item) => item.text);
      const size = typeof input.MaxResults === "number" ? input.MaxResults : 100;
      const start = typeof input.NextToken === "string" ? Number(input.NextToken) : 0;
      const page = found.slice(start, start + size);
      const next = start + size < found.length ? String(start + size) : undefined;
      return reply(200, { FormatVersion: "aws_v1", PriceList: page, ...(next ? { NextToken: next } : {}) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    throttleNext(count) {
      throttled = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

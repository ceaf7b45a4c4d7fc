import { describe, expect, it } from "vitest";
import { desiredElasticIps } from "../elastic-ip/desired.js";
import { fullInput } from "../shared/test-input.js";
import { desiredNatGateways } from "./desired.js";

const singleNat = fullInput({ vpc: { cidr: "192.168.0.0/20", highAvailability: false, availabilityZones: 3 } });

describe("desiredNatGateways and desiredElasticIps", () => {
  it("asks for one Elastic IP and NAT gateway per zone with high availability", () => {
    expect(desiredElasticIps(fullInput()).map((eip) => eip.id)).toEqual(["elastic-ip/a", "elastic-ip/b", "elastic-ip/c"]);
    expect(desiredNatGateways(fullInput()).map((nat) => nat.id)).toEqual(["nat-gateway/a", "nat-gateway/b", "nat-gateway/c"]);
  });

  it("asks for a single one, in zone a, without high availability", () => {
    expect(desiredElasticIps(singleNat).map((eip) => eip.id)).toEqual(["elastic-ip/a"]);
    expect(desiredNatGateways(singleNat).map((nat) => nat.id)).toEqual(["nat-gateway/a"]);
  });

  it("puts each NAT gateway in its zone's public subnet with its zone's Elastic IP", () => {
    const nat = desiredNatGateways(fullInput()).find((candidate) => candidate.id === "nat-gateway/b")!;
    expect(nat).toMatchObject({
      kind: "nat-gateway",
      name: "booking-dev-nat-b",
      properties: {
        subnetId: { $ref: "subnet/public-b", output: "id" },
        allocationId: { $ref: "elastic-ip/b", output: "id" },
        connectivityType: "public",
      },
    });
    expect([...nat.dependsOn].sort()).toEqual(["elastic-ip/b", "internet-gateway", "subnet/public-b"]);
    expect(nat.tags).toMatchObject({ Name: "booking-dev-nat-b", "okctl.io/resource": "nat-gateway/b", "okctl.io/cluster": "booking-dev" });
  });

  it("allocates VPC Elastic IPs after the internet gateway", () => {
    expect(desiredElasticIps(singleNat)[0]).toMatchObject({
      kind: "elastic-ip",
      name: "booking-dev-eip-a",
      properties: { domain: "vpc" },
      dependsOn: ["internet-gateway"],
      tags: { "okctl.io/resource": "elastic-ip/a", "okctl.io/repository": "oslokommune/booking" },
    });
  });
});

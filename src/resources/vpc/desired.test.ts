import { describe, expect, it } from "vitest";
import { TEST_REPOSITORY_ID } from "../../../test/support/declarations.js";
import { fullInput } from "../shared/test-input.js";
import { desiredVpcs } from "./desired.js";

describe("desiredVpcs", () => {
  it("asks for one VPC with the declared CIDR and DNS support and hostnames on", () => {
    const [vpc, ...rest] = desiredVpcs(fullInput());
    expect(rest).toEqual([]);
    expect(vpc).toMatchObject({
      id: "vpc",
      kind: "vpc",
      name: "booking-dev-vpc",
      properties: { cidrBlock: "192.168.0.0/20", enableDnsSupport: true, enableDnsHostnames: true },
      dependsOn: [],
    });
  });

  it("tags the VPC for okctl and as shared with the Kubernetes cluster", () => {
    const [vpc] = desiredVpcs(fullInput());
    expect(vpc!.tags).toEqual({
      Name: "booking-dev-vpc",
      "okctl.io/cluster": "booking-dev",
      "okctl.io/repository": "oslokommune/booking",
      "okctl.io/repository-id": TEST_REPOSITORY_ID,
      "okctl.io/resource": "vpc",
      "okctl.io/managed-by": "okctl",
      "okctl.io/environment": "dev",
      "kubernetes.io/cluster/booking-dev": "shared",
    });
  });

  it("follows the declared CIDR", () => {
    const input = fullInput({ vpc: { cidr: "10.20.0.0/16", highAvailability: true, availabilityZones: 3 } });
    expect(desiredVpcs(input)[0]!.properties["cidrBlock"]).toBe("10.20.0.0/16");
  });
});

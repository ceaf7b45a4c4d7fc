import { describe, expect, it } from "vitest";
import { fullInput } from "../shared/test-input.js";
import { desiredSubnets } from "./desired.js";

describe("desiredSubnets", () => {
  const subnets = desiredSubnets(fullInput());
  const byId = new Map(subnets.map((subnet) => [subnet.id, subnet]));

  it("asks for nine /24 subnets in the original okctl layout", () => {
    const cidrs = Object.fromEntries(subnets.map((subnet) => [subnet.id, subnet.properties["cidrBlock"]]));
    expect(cidrs).toEqual({
      "subnet/public-a": "192.168.0.0/24",
      "subnet/private-a": "192.168.1.0/24",
      "subnet/database-a": "192.168.2.0/24",
      "subnet/public-b": "192.168.3.0/24",
      "subnet/private-b": "192.168.4.0/24",
      "subnet/database-b": "192.168.5.0/24",
      "subnet/public-c": "192.168.6.0/24",
      "subnet/private-c": "192.168.7.0/24",
      "subnet/database-c": "192.168.8.0/24",
    });
  });

  it("places each subnet in its zone of the VPC, by reference, and depends on the VPC", () => {
    expect(byId.get("subnet/private-b")).toMatchObject({
      kind: "subnet",
      name: "booking-dev-private-b",
      properties: { vpcId: { $ref: "vpc", output: "id" }, availabilityZone: "eu-west-1b" },
      dependsOn: ["vpc"],
    });
  });

  it("maps public IPs on launch in public subnets only", () => {
    const mapping = subnets.map((subnet) => [subnet.id, subnet.properties["mapPublicIpOnLaunch"]]);
    expect(mapping.filter(([, value]) => value === true).map(([id]) => id)).toEqual([
      "subnet/public-a",
      "subnet/public-b",
      "subnet/public-c",
    ]);
  });

  it("tags public subnets for internet-facing and private ones for internal load balancers", () => {
    const common = { "kubernetes.io/cluster/booking-dev": "shared", "okctl.io/resource": expect.any(String) };
    expect(byId.get("subnet/public-a")!.tags).toMatchObject({ ...common, "kubernetes.io/role/elb": "1" });
    expect(byId.get("subnet/private-a")!.tags).toMatchObject({ ...common, "kubernetes.io/role/internal-elb": "1" });
    expect(byId.get("subnet/public-a")!.tags).not.toHaveProperty("kubernetes.io/role/internal-elb");
    const database = byId.get("subnet/database-c")!.tags;
    expect(database).toMatchObject({ ...common, Name: "booking-dev-database-c", "okctl.io/resource": "subnet/database-c" });
    expect(Object.keys(database).filter((key) => key.startsWith("kubernetes.io/role/"))).toEqual([]);
  });

  it("asks for six subnets with two availability zones", () => {
    const input = fullInput({ vpc: { cidr: "192.168.0.0/20", highAvailability: true, availabilityZones: 2 } });
    expect(desiredSubnets(input).map((subnet) => subnet.id)).toEqual([
      "subnet/public-a",
      "subnet/private-a",
      "subnet/database-a",
      "subnet/public-b",
      "subnet/private-b",
      "subnet/database-b",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { fullInput } from "../shared/test-input.js";
import { desiredRouteTables } from "./desired.js";

const ref = (id: string) => ({ $ref: id, output: "id" });
const tablesOf = (input = fullInput()) => new Map(desiredRouteTables(input).map((table) => [table.id, table]));

describe("desiredRouteTables", () => {
  it("asks for a public table, one private table per zone and a database table", () => {
    expect([...tablesOf().keys()]).toEqual([
      "route-table/public",
      "route-table/private-a",
      "route-table/private-b",
      "route-table/private-c",
      "route-table/database",
    ]);
  });

  it("routes the public subnets to the internet gateway", () => {
    const table = tablesOf().get("route-table/public")!;
    expect(table.name).toBe("booking-dev-rt-public");
    expect(table.properties).toEqual({
      vpcId: ref("vpc"),
      routes: [{ destinationCidrBlock: "0.0.0.0/0", gatewayId: ref("internet-gateway") }],
      subnetIds: [ref("subnet/public-a"), ref("subnet/public-b"), ref("subnet/public-c")],
    });
    expect([...table.dependsOn].sort()).toEqual(["internet-gateway", "subnet/public-a", "subnet/public-b", "subnet/public-c", "vpc"]);
  });

  it("routes each zone's private subnet to that zone's NAT gateway with high availability", () => {
    const table = tablesOf().get("route-table/private-c")!;
    expect(table.properties).toEqual({
      vpcId: ref("vpc"),
      routes: [{ destinationCidrBlock: "0.0.0.0/0", natGatewayId: ref("nat-gateway/c") }],
      subnetIds: [ref("subnet/private-c")],
    });
    expect([...table.dependsOn].sort()).toEqual(["nat-gateway/c", "subnet/private-c", "vpc"]);
  });

  it("routes every private subnet to the single NAT gateway without high availability", () => {
    const tables = tablesOf(fullInput({ vpc: { cidr: "192.168.0.0/20", highAvailability: false, availabilityZones: 3 } }));
    for (const letter of ["a", "b", "c"]) {
      expect(tables.get(`route-table/private-${letter}`)!.properties["routes"]).toEqual([
        { destinationCidrBlock: "0.0.0.0/0", natGatewayId: ref("nat-gateway/a") },
      ]);
    }
  });

  it("gives the database subnets no route to the internet", () => {
    const table = tablesOf().get("route-table/database")!;
    expect(table.properties).toEqual({
      vpcId: ref("vpc"),
      routes: [],
      subnetIds: [ref("subnet/database-a"), ref("subnet/database-b"), ref("subnet/database-c")],
    });
    expect(table.tags).toMatchObject({ "okctl.io/resource": "route-table/database", Name: "booking-dev-rt-database" });
  });
});

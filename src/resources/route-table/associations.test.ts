import { describe, expect, it } from "vitest";
import { clientsWith, ec2Error, FakeEc2 } from "../ec2/fake-ec2.js";
import { testApplyContext } from "../shared/test-context.js";
import { convergeAssociations, subnetAssociations } from "./associations.js";

const associatedWith = (routeTableId: string, subnetId: string, associationId: string) => () => ({
  RouteTables: [{ RouteTableId: routeTableId, Associations: [{ SubnetId: subnetId, RouteTableAssociationId: associationId, Main: false }] }],
});

describe("subnetAssociations", () => {
  it("lists explicit subnet associations, not the main one nor ones going away", () => {
    expect(
      subnetAssociations({
        Associations: [
          { Main: true, RouteTableAssociationId: "rtbassoc-main" },
          { SubnetId: "subnet-1", RouteTableAssociationId: "rtbassoc-1", AssociationState: { State: "associated" } },
          { SubnetId: "subnet-2", RouteTableAssociationId: "rtbassoc-2", AssociationState: { State: "disassociating" } },
        ],
      }),
    ).toEqual([{ subnetId: "subnet-1", associationId: "rtbassoc-1" }]);
  });
});

describe("convergeAssociations", () => {
  it("disassociates subnets no longer wanted and associates new ones, in one lookup", async () => {
    const fake = new FakeEc2({ DisassociateRouteTable: () => ({}), DescribeRouteTables: () => ({ RouteTables: [] }), AssociateRouteTable: () => ({}) });
    await convergeAssociations(testApplyContext({ clients: clientsWith(fake) }), "rtb-1", [{ subnetId: "subnet-1", associationId: "a-1" }], [
      "subnet-2",
      "subnet-3",
    ]);
    expect(fake.operations()).toEqual(["DisassociateRouteTable", "DescribeRouteTables", "AssociateRouteTable", "AssociateRouteTable"]);
  });

  it("moves a subnet associated with another table instead of associating it twice", async () => {
    const fake = new FakeEc2({ DescribeRouteTables: associatedWith("rtb-other", "subnet-2", "a-2"), ReplaceRouteTableAssociation: () => ({}) });
    await convergeAssociations(testApplyContext({ clients: clientsWith(fake) }), "rtb-1", [], ["subnet-2"]);
    expect(fake.calls.at(-1)).toEqual({ operation: "ReplaceRouteTableAssociation", input: { AssociationId: "a-2", RouteTableId: "rtb-1" } });
  });

  it("moves a subnet that AWS says was associated meanwhile (Resource.AlreadyAssociated)", async () => {
    const fake = new FakeEc2({
      DescribeRouteTables: [() => ({ RouteTables: [] }), associatedWith("rtb-other", "subnet-2", "a-2")],
      AssociateRouteTable: () => Promise.reject(ec2Error("Resource.AlreadyAssociated")),
      ReplaceRouteTableAssociation: () => ({}),
    });
    await convergeAssociations(testApplyContext({ clients: clientsWith(fake) }), "rtb-1", [], ["subnet-2"]);
    expect(fake.operations()).toEqual(["DescribeRouteTables", "AssociateRouteTable", "DescribeRouteTables", "ReplaceRouteTableAssociation"]);
  });
});

import { describe, expect, it } from "vitest";
import { loadValid, problemLines, withRequired } from "./helpers.js";

describe("adopt entries", () => {
  it("are read with the resources they name", () => {
    const declaration = loadValid(withRequired("adopt:\n  - resource: hosted-zone\n    id: Z0123\n  - resource: subnet/private-a\n    id: subnet-1\n"));
    expect(declaration.adopt).toEqual([
      { resource: "hosted-zone", id: "Z0123" },
      { resource: "subnet/private-a", id: "subnet-1" },
    ]);
    expect(loadValid(withRequired()).adopt).toEqual([]);
  });

  it("must name a resource of this declaration, with a suggestion, at the entry's line and column", () => {
    expect(problemLines(withRequired("adopt:\n  - resource: subnet/privat-a\n    id: subnet-1\n  - resource: eks-nodegroup/big\n    id: booking-dev/big\n"))).toEqual([
      '8:15 /adopt/0/resource adopt[0].resource: this declaration has no resource "subnet/privat-a"; did you mean "subnet/private-a"?',
      expect.stringMatching(/^10:15 \/adopt\/1\/resource adopt\[1\]\.resource: this declaration has no resource "eks-nodegroup\/big"; it has vpc, internet-gateway, subnet\/public-a, .*eks-nodegroup\/generic, eks-addon\/vpc-cni, .*hosted-zone$/),
    ]);
  });

  it("refuses the delegation record (ours only by proof) and names used twice", () => {
    expect(problemLines(withRequired("dns:\n  delegateFrom: oslo.systems\nadopt:\n  - resource: zone-delegation\n    id: Z1/booking-dev.oslo.systems\n  - resource: vpc\n    id: vpc-1\n  - resource: vpc\n    id: vpc-1\n"))).toEqual([
      "10:15 /adopt/0/resource adopt[0].resource: the delegation NS record can't be tagged, so it can't be adopted: okctl takes it as its own when it names exactly the name servers of this repository's hosted zone (adopt the hosted-zone instead)",
      '14:15 /adopt/2/resource adopt[2].resource "vpc" is already used by adopt[1].resource; each adopted resource must be unique',
      '15:9 /adopt/2/id adopt[2].id "vpc-1" is already used by adopt[1].id; each adopted AWS identifier must be unique',
    ]);
  });

  it("is checked by the schema: both fields, nothing else", () => {
    expect(problemLines(withRequired("adopt:\n  - resource: vpc\n    vpcId: vpc-1\n"))).toEqual([
      '8:5 /adopt/0/id adopt[0] is missing required key "id"',
      expect.stringMatching(/^9:5 \/adopt\/0\/vpcId .*vpcId/),
    ]);
  });
});

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

  it("adopts an EKS access entry, add-on or pod identity only by an identifier that names it, at the id's line and column", () => {
    const eks = `eks:
  accessEntries:
    - principalArn: arn:aws:iam::123456789012:role/booking-admins
      accessPolicy: view
  podIdentities:
    - namespace: booking
      serviceAccount: api
      roleArn: arn:aws:iam::123456789012:role/booking-api
`;
    const adopt = (entries: [string, string][]) => withRequired(`${eks}adopt:\n${entries.map(([resource, id]) => `  - resource: ${resource}\n    id: ${id}\n`).join("")}`);
    const entry = "eks-access-entry/123456789012:role/booking-admins";
    const good: [string, string][][] = [
      [[entry, "arn:aws:iam::123456789012:role/booking-admins"], ["eks-addon/coredns", "coredns"], ["eks-pod-identity/booking/api", "booking/api"]],
      [[entry, "booking-dev/arn:aws:iam::123456789012:role/booking-admins"], ["eks-addon/coredns", "booking-dev/coredns"], ["eks-pod-identity/booking/api", "a-0123456789abcdefg"]],
      [["eks-pod-identity/booking/api", "booking-dev/a-0123456789abcdefg"]],
    ];
    for (const entries of good) expect(problemLines(adopt(entries)), JSON.stringify(entries)).toEqual([]);
    expect(problemLines(adopt([[entry, "arn:aws:iam::123456789012:role/booking-developers"], ["eks-addon/coredns", "kube-proxy"], ["eks-pod-identity/booking/api", "booking/web"]]))).toEqual([
      "17:9 /adopt/0/id adopt[0].id: eks-access-entry/123456789012:role/booking-admins is the access entry of arn:aws:iam::123456789012:role/booking-admins: adopt it by that principal's ARN (id: arn:aws:iam::123456789012:role/booking-admins)",
      "19:9 /adopt/1/id adopt[1].id: eks-addon/coredns is the add-on coredns: adopt it by its name (id: coredns)",
      "21:9 /adopt/2/id adopt[2].id: eks-pod-identity/booking/api is the pod identity association of booking/api: adopt it by its service account (id: booking/api) or its association id (a-…)",
    ]);
  });
});

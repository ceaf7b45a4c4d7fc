// The desired builders of the EKS, DNS, certificate and parameter kinds on the full example.
import { describe, expect, it } from "vitest";
import { desiredCertificates } from "../certificate/desired.js";
import { desiredEksCluster } from "../eks-cluster/desired.js";
import { desiredEksNodegroups } from "../eks-nodegroup/desired.js";
import { desiredHostedZone } from "../hosted-zone/desired.js";
import { desiredParameters } from "../parameter/desired.js";
import { desiredZoneDelegation } from "../zone-delegation/desired.js";
import { TEST_REPOSITORY_ID } from "../../../test/support/declarations.js";
import { fullInput } from "./test-input.js";

const input = fullInput();
const privateSubnets = [
  { $ref: "subnet/private-a", output: "id" },
  { $ref: "subnet/private-b", output: "id" },
  { $ref: "subnet/private-c", output: "id" },
];
const baseTags = {
  "okctl.io/cluster": "booking-dev",
  "okctl.io/repository": "oslokommune/booking",
  "okctl.io/repository-id": TEST_REPOSITORY_ID,
  "okctl.io/managed-by": "okctl",
  "okctl.io/environment": "dev",
};

describe("the EKS builders", () => {
  it("put the cluster in the private subnets, with the declared settings", () => {
    expect(desiredEksCluster(input)).toEqual([
      {
        id: "eks-cluster",
        kind: "eks-cluster",
        name: "booking-dev",
        properties: {
          name: "booking-dev",
          version: "1.31",
          roleArn: "arn:aws:iam::123456789012:role/okctl-eks-cluster",
          subnetIds: privateSubnets,
          endpointPublicAccess: true,
          endpointPrivateAccess: true,
          publicAccessCidrs: ["0.0.0.0/0"],
          logging: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
          authenticationMode: "API",
        },
        dependsOn: ["subnet/private-a", "subnet/private-b", "subnet/private-c"],
        tags: { ...baseTags, Name: "booking-dev", "okctl.io/resource": "eks-cluster" },
      },
    ]);
  });

  it("lists log types and CIDRs in a canonical order", () => {
    const eks = { ...input.declaration.eks, logging: ["scheduler" as const, "api" as const], publicAccessCidrs: ["10.0.0.0/8", "1.2.3.4/32"] };
    const [cluster] = desiredEksCluster(fullInput({ eks }));
    expect(cluster!.properties.logging).toEqual(["api", "scheduler"]);
    expect(cluster!.properties.publicAccessCidrs).toEqual(["1.2.3.4/32", "10.0.0.0/8"]);
  });

  it("uses only the private subnets of a two-zone layout", () => {
    const [cluster] = desiredEksCluster(fullInput({ vpc: { cidr: "10.0.0.0/16", highAvailability: false, availabilityZones: 2 } }));
    expect(cluster!.dependsOn).toEqual(["subnet/private-a", "subnet/private-b"]);
  });

  it("makes one node group per declared group, referencing the cluster by name", () => {
    expect(desiredEksNodegroups(input)).toEqual([
      {
        id: "eks-nodegroup/generic",
        kind: "eks-nodegroup",
        name: "generic",
        properties: {
          name: "generic",
          clusterName: { $ref: "eks-cluster", output: "name" },
          nodeRole: "arn:aws:iam::123456789012:role/okctl-eks-node",
          version: "1.31",
          subnetIds: privateSubnets,
          instanceTypes: ["m5.large"],
          capacityType: "ON_DEMAND",
          launchTemplateId: { $ref: "launch-template/generic", output: "id" },
          launchTemplateVersion: { $ref: "launch-template/generic", output: "version" },
          minSize: 1,
          desiredSize: 2,
          maxSize: 10,
          labels: { pool: "generic" },
          taints: [],
        },
        dependsOn: ["eks-cluster", "launch-template/generic", "subnet/private-a", "subnet/private-b", "subnet/private-c"],
        tags: { ...baseTags, Name: "booking-dev-generic", "okctl.io/resource": "eks-nodegroup/generic" },
      },
    ]);
  });
});

describe("the DNS and certificate builders", () => {
  it("make a hosted zone for the root domain", () => {
    expect(desiredHostedZone(input)).toEqual([
      {
        id: "hosted-zone",
        kind: "hosted-zone",
        name: "booking-dev.oslo.systems",
        properties: { name: "booking-dev.oslo.systems" },
        dependsOn: [],
        tags: { ...baseTags, Name: "booking-dev.oslo.systems", "okctl.io/resource": "hosted-zone" },
      },
    ]);
  });

  it("delegate from the parent only when dns.delegateFrom is set", () => {
    expect(desiredZoneDelegation(input)).toEqual([
      {
        id: "zone-delegation",
        kind: "zone-delegation",
        name: "booking-dev.oslo.systems NS in oslo.systems",
        properties: {
          parentZone: "oslo.systems",
          recordName: "booking-dev.oslo.systems",
          nameServers: { $ref: "hosted-zone", output: "nameServers" },
          ttl: 300,
        },
        dependsOn: ["hosted-zone"],
        tags: {},
      },
    ]);
    expect(desiredZoneDelegation(fullInput({ dns: {} }))).toEqual([]);
  });

  it("make certificates that validate in the zone, after the delegation", () => {
    const [certificate] = desiredCertificates(input);
    expect(certificate).toEqual({
      id: "certificate/argocd.booking-dev.oslo.systems",
      kind: "certificate",
      name: "argocd.booking-dev.oslo.systems",
      properties: {
        domainName: "argocd.booking-dev.oslo.systems",
        subjectAlternativeNames: [],
        hostedZoneId: { $ref: "hosted-zone", output: "id" },
        issuable: true,
      },
      dependsOn: ["hosted-zone", "zone-delegation"],
      tags: { ...baseTags, Name: "argocd.booking-dev.oslo.systems", "okctl.io/resource": "certificate/argocd.booking-dev.oslo.systems" },
    });
    const [undelegated] = desiredCertificates(fullInput({ dns: {} }));
    expect(undelegated!.dependsOn).toEqual(["hosted-zone"]);
  });

  it("sort alternative names and drop the domain itself from them", () => {
    const [certificate] = desiredCertificates(
      fullInput({ certificates: [{ domain: "a.booking-dev.oslo.systems", subjectAlternativeNames: ["c.booking-dev.oslo.systems", "a.booking-dev.oslo.systems", "b.booking-dev.oslo.systems"] }] }),
    );
    expect(certificate!.properties.subjectAlternativeNames).toEqual(["b.booking-dev.oslo.systems", "c.booking-dev.oslo.systems"]);
  });
});

describe("the parameter builder", () => {
  it("puts parameters under /okctl/<cluster>/ and never gives a SecureString a value", () => {
    expect(desiredParameters(input)).toEqual([
      {
        id: "parameter/argocd/client_secret",
        kind: "parameter",
        name: "/okctl/booking-dev/argocd/client_secret",
        properties: { name: "/okctl/booking-dev/argocd/client_secret", type: "SecureString", description: null, generate: { length: 32 } },
        dependsOn: [],
        tags: { ...baseTags, Name: "/okctl/booking-dev/argocd/client_secret", "okctl.io/resource": "parameter/argocd/client_secret" },
      },
      {
        id: "parameter/app/log-level",
        kind: "parameter",
        name: "/okctl/booking-dev/app/log-level",
        properties: { name: "/okctl/booking-dev/app/log-level", type: "String", description: null, value: "info" },
        dependsOn: [],
        tags: { ...baseTags, Name: "/okctl/booking-dev/app/log-level", "okctl.io/resource": "parameter/app/log-level" },
      },
    ]);
  });
});

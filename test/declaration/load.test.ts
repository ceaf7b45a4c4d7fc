import { DEFAULT_ADDONS } from "../../src/declaration/defaults.js";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_EKS_VERSION } from "../../src/declaration/eks-versions.js";
import { loadDeclaration } from "../../src/declaration/load.js";
import { fullDeclaration } from "../support/declarations.js";
import { problemLines } from "./helpers.js";
import { fixture, loadValid, withRequired } from "./helpers.js";

const example = (name: string) => readFileSync(new URL(`../../examples/${name}`, import.meta.url));

describe("loadDeclaration on valid files", () => {
  it("reads examples/okctl.yaml as the full typed test declaration", () => {
    expect(loadValid(example("okctl.yaml"))).toEqual(fullDeclaration());
  });

  it("fills every default into examples/minimal.yaml", () => {
    const declaration = loadValid(example("minimal.yaml"));
    expect(declaration).toEqual({
      ...fullDeclaration(),
      metadata: { name: "booking-dev", accountID: "123456789012", region: "eu-west-1" },
      eks: {
        ...fullDeclaration().eks,
        version: DEFAULT_EKS_VERSION,
        accessEntries: [],
        addons: DEFAULT_ADDONS.map((name) => ({ name })),
        podIdentities: [],
      },
      dns: {},
      certificates: [],
      parameters: [],
    });
  });

  it("derives the original okctl subnet layout from the default CIDR", () => {
    const result = loadDeclaration(example("minimal.yaml"), "okctl.yaml");
    if (!result.ok) throw new Error("expected valid");
    expect(result.layout.availabilityZones).toEqual(["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
    const byTier = (tier: string) => result.layout.subnets.filter((s) => s.tier === tier).map((s) => s.cidr);
    expect(byTier("public")).toEqual(["192.168.0.0/24", "192.168.3.0/24", "192.168.6.0/24"]);
    expect(byTier("private")).toEqual(["192.168.1.0/24", "192.168.4.0/24", "192.168.7.0/24"]);
    expect(byTier("database")).toEqual(["192.168.2.0/24", "192.168.5.0/24", "192.168.8.0/24"]);
  });

  it("keeps every non-default value and defaults the rest per field", () => {
    const declaration = loadValid(fixture("valid/custom.yaml"));
    expect(declaration.metadata).toEqual({ name: "payments-prod-2", accountID: "012345678901", region: "eu-north-1", environment: "prod" });
    expect(declaration.vpc).toEqual({ cidr: "10.20.0.0/16", highAvailability: false, availabilityZones: 2 });
    expect(declaration.eks.logging).toEqual([]);
    expect(declaration.eks.nodeGroups).toEqual([
      { name: "spot", instanceTypes: ["m6i.large", "m5.large"], capacityType: "SPOT", minSize: 0, desiredSize: 1, maxSize: 1, diskSize: 80, perAvailabilityZone: false, labels: {}, taints: [] },
      {
        name: "big",
        instanceTypes: ["m5.large"],
        capacityType: "ON_DEMAND",
        minSize: 3,
        desiredSize: 3,
        maxSize: 100,
        diskSize: 1000,
        diskKmsKeyArn: "arn:aws:kms:eu-north-1:012345678901:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        perAvailabilityZone: true,
        labels: { "example.com/team": "payments", tier: "1" },
        taints: [
          { key: "dedicated", value: "payments", effect: "NoSchedule" },
          { key: "example.com/batch", value: "", effect: "PreferNoSchedule" },
        ],
      },
    ]);
    expect(declaration.certificates[1]).toEqual({ domain: "payments.prod.example.org", subjectAlternativeNames: [] });
    expect(declaration.parameters).toEqual([
      { name: "db/password", type: "SecureString", generate: { length: 32 }, description: "generated once" },
      { name: "app/hosts", type: "StringList", value: "a.example.org,b.example.org" },
    ]);
  });

  it("keeps desiredSize within the written bounds when it is not set", () => {
    const declaration = loadValid(withRequired("eks:\n  nodeGroups:\n    - {name: a, minSize: 4}\n    - {name: b, maxSize: 1}\n"));
    expect(declaration.eks.nodeGroups.map((g) => g.desiredSize)).toEqual([4, 1]);
  });

  it("accepts bytes with a UTF-8 byte order mark, and CRLF line ends", () => {
    const text = withRequired().replaceAll("\n", "\r\n");
    expect(loadDeclaration(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), "f").ok).toBe(true);
  });

  it("returns ordinary objects, not the parser's prototype-less ones", () => {
    const declaration = loadValid(fixture("valid/custom.yaml"));
    expect(Object.getPrototypeOf(declaration.metadata)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(declaration.eks.nodeGroups[1]!.labels)).toBe(Object.prototype);
  });

  it("lets anchors and aliases share values", () => {
    const declaration = loadValid(withRequired("eks:\n  nodeGroups:\n    - &base {name: a, diskSize: 100}\n    - {name: b, diskSize: 100}\n  publicAccessCidrs: &cidrs [10.0.0.0/8]\n"));
    expect(declaration.eks.nodeGroups[0]!.diskSize).toBe(100);
  });
});

describe("YAML indentation", () => {
  it("reports a key indented deeper than the key above it at its own line, in words", () => {
    const text = 'apiVersion: okctl.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: booking-dev\n    accountID: "123456789012"\nclusterRootDomain: booking-dev.oslo.systems\n';
    expect(problemLines(text)).toEqual([
      '5:5  "accountID" is indented more than "name" on line 4: keys of one mapping start in the same column (3); indent it like "name", or give "name" no value on its line to nest "accountID" under it',
    ]);
  });

  it("finds it past blank lines and comments, and in a list item", () => {
    const text = 'apiVersion: okctl.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: booking-dev\n  accountID: "123456789012"\nclusterRootDomain: booking-dev.oslo.systems\neks:\n  nodeGroups:\n    - name: generic\n\n      # the type\n        instanceTypes: [m5.large]\n';
    expect(problemLines(text)).toEqual([
      '12:9  "instanceTypes" is indented more than "name" on line 9: keys of one mapping start in the same column (7); indent it like "name", or give "name" no value on its line to nest "instanceTypes" under it',
    ]);
  });
});

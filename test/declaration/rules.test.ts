import { describe, expect, it } from "vitest";
import { fixture, loadValid, problemLines, withRequired } from "./helpers.js";

describe("semantic rules, after the schema", () => {
  it("checks metadata.region against AWS's regions (the SDK's partition data), with a did-you-mean", () => {
    const withRegion = (region: string) => withRequired().replace('accountID: "123456789012"', `accountID: "123456789012"\n  region: ${region}`);
    expect(problemLines(withRegion("eu-west-9"))).toEqual([
      '6:11 /metadata/region metadata.region "eu-west-9" is not an AWS region — did you mean eu-west-1 (Europe (Ireland))?',
    ]);
    expect(problemLines(withRegion("eu-nrth-1"))).toEqual([
      '6:11 /metadata/region metadata.region "eu-nrth-1" is not an AWS region — did you mean eu-north-1 (Europe (Stockholm))?',
    ]);
    expect(problemLines(withRegion("xx-nowhere-7"))).toEqual(['6:11 /metadata/region metadata.region "xx-nowhere-7" is not an AWS region']);
    for (const region of ["eu-west-1", "eu-north-1", "ap-southeast-5", "us-gov-west-1", "cn-north-1"]) expect(problemLines(withRegion(region))).toEqual([]);
  });

  it("reports every rule broken in one file, at the offending value", () => {
    expect(problemLines(fixture("invalid/rules.yaml"))).toEqual([
      "8:9 /vpc/cidr vpc.cidr must have a prefix from /16 to /20, not /22: okctl splits it into 16 subnets, which would be /26 (subnets must be /20 to /24)",
      "8:9 /vpc/cidr vpc.cidr 192.168.1.0/22 has host bits set; the block it names starts at 192.168.0.0/22",
      '10:12 /eks/version eks.version "1.20" is not supported; okctl supports 1.29, 1.30, 1.31, 1.32, 1.33',
      "12:26 /eks/endpointPrivateAccess eks.endpointPublicAccess and eks.endpointPrivateAccess cannot both be false: nothing could reach the Kubernetes API",
      "13:34 /eks/publicAccessCidrs/1 eks.publicAccessCidrs[1] 203.0.113.9/24 has host bits set; did you mean 203.0.113.0/24?",
      "13:50 /eks/publicAccessCidrs/2 eks.publicAccessCidrs[2] 300.0.0.0/8 is not a valid IPv4 CIDR block: each of the four numbers must be 0 to 255 and the prefix 0 to 32",
      "16:16 /eks/nodeGroups/0/minSize eks.nodeGroups[0].minSize (5) must not be greater than maxSize (3)",
      '18:13 /eks/nodeGroups/1/name eks.nodeGroups[1].name "generic" is already used by eks.nodeGroups[0].name; each node group name must be unique',
      "20:20 /eks/nodeGroups/1/desiredSize eks.nodeGroups[1].desiredSize (1) must be at least minSize (2)",
      "23:20 /eks/nodeGroups/2/desiredSize eks.nodeGroups[2].desiredSize (5) must be at most maxSize (4)",
      "25:16 /eks/nodeGroups/3/minSize eks.nodeGroups[3].minSize (20) must not be greater than maxSize (10, the default)",
      '27:17 /dns/delegateFrom dns.delegateFrom "example.org" must be a parent of clusterRootDomain "booking-dev.oslo.systems" (e.g. oslo.systems)',
      '30:31 /certificates/0/subjectAlternativeNames/0 certificates[0].subjectAlternativeNames[0] "grafana.oslo.systems" must be clusterRootDomain (booking-dev.oslo.systems) or a name below it, such as argocd.booking-dev.oslo.systems',
      '31:13 /certificates/1/domain certificates[1].domain "argocd.booking-dev.oslo.systems" is already used by certificates[0].domain; each certificate domain must be unique',
      '32:13 /certificates/2/domain certificates[2].domain "*.example.org" must be clusterRootDomain (booking-dev.oslo.systems) or a name below it, such as argocd.booking-dev.oslo.systems',
      "36:5 /parameters/0/value parameters[0] (secret) is a SecureString: okctl generates its value and never shows it; remove value (use generate: {length: 32})",
      '37:11 /parameters/1/name parameters[1].name "secret" is already used by parameters[0].name; each parameter name must be unique',
      "39:5 /parameters/1/generate parameters[1] (secret): only SecureString parameters are generated; give a String a value instead",
      "40:5 /parameters/2/value parameters[2] (list) is a StringList and needs a value",
    ]);
  });

  it.each([
    ["a public range", "8.8.0.0/16", "is not a private range"],
    ["172.32/16, just outside 172.16.0.0/12", "172.32.0.0/16", "is not a private range"],
    ["a /8", "10.0.0.0/8", "prefix from /16 to /20, not /8"],
    ["a /21", "10.0.0.0/21", "prefix from /16 to /20, not /21"],
    ["an octet over 255", "10.256.0.0/16", "is not a valid IPv4 CIDR block"],
    ["a malformed block", "10.0.0/16", "must be an IPv4 CIDR block such as 192.168.0.0/20"],
  ])("rejects vpc.cidr as %s", (_, cidr, message) => {
    const lines = problemLines(withRequired(`vpc:\n  cidr: ${cidr}\n`));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^8:9 \/vpc\/cidr vpc.cidr /);
    expect(lines.join("\n")).toContain(message);
  });

  it.each(["10.0.0.0/16", "172.16.0.0/20", "172.31.240.0/20", "192.168.0.0/16"])("accepts vpc.cidr %s", (cidr) => {
    expect(loadValid(withRequired(`vpc:\n  cidr: ${cidr}\n`)).vpc.cidr).toBe(cidr);
  });

  it("accepts certificates for the root domain itself, wildcards and names below it", () => {
    const declaration = loadValid(
      withRequired(
        'certificates:\n  - domain: booking-dev.oslo.systems\n    subjectAlternativeNames: ["*.booking-dev.oslo.systems", a.b.booking-dev.oslo.systems]\n',
      ),
    );
    expect(declaration.certificates).toHaveLength(1);
  });

  it("rejects a certificate for a name that only ends like the root domain", () => {
    expect(problemLines(withRequired("certificates:\n  - domain: xbooking-dev.oslo.systems\n"))).toEqual([
      '8:13 /certificates/0/domain certificates[0].domain "xbooking-dev.oslo.systems" must be clusterRootDomain (booking-dev.oslo.systems) or a name below it, such as argocd.booking-dev.oslo.systems',
    ]);
  });

  it("requires clusterRootDomain strictly below dns.delegateFrom", () => {
    expect(loadValid(withRequired("dns: {delegateFrom: oslo.systems}\n")).dns.delegateFrom).toBe("oslo.systems");
    expect(problemLines(withRequired("dns: {delegateFrom: booking-dev.oslo.systems}\n"))).toEqual([
      '7:21 /dns/delegateFrom dns.delegateFrom "booking-dev.oslo.systems" must be a parent of clusterRootDomain "booking-dev.oslo.systems" (e.g. oslo.systems)',
    ]);
  });

  it("accepts node group sizes at their bounds: 0 ≤ min = desired ≤ max = 100, and max 1", () => {
    const declaration = loadValid(
      withRequired("eks:\n  nodeGroups:\n    - {name: a, minSize: 0, desiredSize: 0, maxSize: 1}\n    - {name: b, minSize: 100, desiredSize: 100, maxSize: 100}\n"),
    );
    expect(declaration.eks.nodeGroups.map((g) => [g.minSize, g.desiredSize, g.maxSize])).toEqual([[0, 0, 1], [100, 100, 100]]);
  });

  it("rejects maxSize 0 through the schema (max ≥ 1)", () => {
    expect(problemLines(withRequired("eks:\n  nodeGroups: [{name: a, minSize: 0, maxSize: 0}]\n"))).toEqual([
      "8:47 /eks/nodeGroups/0/maxSize eks.nodeGroups[0].maxSize must be at least 1, not 0",
    ]);
  });

  it("accepts every supported EKS version and a SecureString without generate (length 32)", () => {
    for (const version of ["1.29", "1.33"]) expect(loadValid(withRequired(`eks: {version: "${version}"}\n`)).eks.version).toBe(version);
    expect(loadValid(withRequired("parameters: [{name: s, type: SecureString}]\n")).parameters).toEqual([
      { name: "s", type: "SecureString", generate: { length: 32 } },
    ]);
  });

  it("does not repeat a schema problem as a rule problem", () => {
    expect(problemLines(withRequired('eks:\n  version: "2.0"\n  nodeGroups: [{name: a, minSize: x}]\n'))).toEqual([
      '8:12 /eks/version eks.version must be a quoted Kubernetes minor version such as "1.33", not "2.0"',
      "9:35 /eks/nodeGroups/0/minSize eks.nodeGroups[0].minSize must be a whole number: YAML read x as text",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { fixture, problemLines, withRequired } from "./helpers.js";

describe("schema problems, in words and at their positions", () => {
  it("reports every problem of a file at once, sorted by position", () => {
    expect(problemLines(fixture("invalid/schema.yaml"))).toEqual([
      '1:13 /apiVersion apiVersion must be "okctl.io/v1alpha1", not "okctl.io/v1"',
      '4:9 /metadata/name metadata.name must be lowercase letters, digits and "-", starting with a letter, ending with a letter or digit, without "--" (e.g. booking-dev), not "Booking"',
      "5:14 /metadata/accountID metadata.accountID must be a quoted string of 12 digits: YAML read 123456789012 as a number",
      '6:3 /metadata/regoin unknown key "regoin" — did you mean "region"?',
      '7:20 /clusterRootDomain clusterRootDomain must be a lowercase DNS name such as booking-dev.oslo.systems (labels of a-z, 0-9 and "-" separated by dots, each at most 63 characters), not "Booking.Example.com"',
      '8:1 /vcp unknown key "vcp" — did you mean "vpc"?',
      "11:21 /vpc/highAvailability vpc.highAvailability must be true or false: YAML read yes as text",
      "12:22 /vpc/availabilityZones vpc.availabilityZones must be 2 or 3, not 4",
      '14:12 /eks/version eks.version must be a quoted Kubernetes minor version such as "1.33": YAML read 1.30 as a number (1.3)',
      '15:18 /eks/logging/1 eks.logging lists "api" more than once',
      '15:23 /eks/logging/2 eks.logging[2] must be one of api, audit, authenticator, controllerManager or scheduler, not "Audit" — did you mean audit?',
      '18:21 /eks/nodeGroups/0/capacityType eks.nodeGroups[0].capacityType must be ON_DEMAND or SPOT, not "spot" — did you mean SPOT?',
      "19:16 /eks/nodeGroups/0/minSize eks.nodeGroups[0].minSize must be at least 0, not -1",
      "20:17 /eks/nodeGroups/0/diskSize eks.nodeGroups[0].diskSize must be at least 20, not 10",
      '21:22 /eks/nodeGroups/0/labels/pool eks.nodeGroups[0].labels.pool must be a Kubernetes label value: at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit: YAML read 1 as a number; put it in quotes',
      '21:25 /eks/nodeGroups/0/labels/Bad Key key "Bad Key" in eks.nodeGroups[0].labels must be a Kubernetes label key such as pool or example.com/team',
      '22:7 /eks/nodeGroups/1/name eks.nodeGroups[1] is missing required key "name"',
      "22:22 /eks/nodeGroups/1/instanceTypes eks.nodeGroups[1].instanceTypes must list at least 1 item, not 0",
      '25:11 /parameters/0/type parameters[0].type must be one of String, StringList or SecureString, not "string" — did you mean String?',
    ]);
  });

  it("points a missing key at its parent mapping's key, or 1:1 at the top", () => {
    expect(problemLines("apiVersion: okctl.io/v1alpha1\nkind: Cluster\nclusterRootDomain: a.example.com\n\nmetadata:\n  name: abc\n")).toEqual([
      '1:1 /metadata/accountID metadata is missing required key "accountID"'.replace("1:1", "5:1"),
    ]);
    expect(problemLines("kind: Cluster\n")).toEqual([
      '1:1 /apiVersion the declaration is missing required key "apiVersion"',
      '1:1 /metadata the declaration is missing required key "metadata"',
      '1:1 /clusterRootDomain the declaration is missing required key "clusterRootDomain"',
    ]);
  });

  it("names an unknown key without a near match together with the keys allowed there", () => {
    expect(problemLines(withRequired("vpc:\n  subnets: 4\n"))).toEqual([
      '8:3 /vpc/subnets unknown key "subnets" in vpc; the keys here are cidr, highAvailability and availabilityZones',
    ]);
  });

  it("says what YAML read for wrong types: empty values, lists, mappings", () => {
    expect(problemLines(withRequired("vpc:\neks: [a]\ndns:\n  delegateFrom: {a: b}\n"))).toEqual([
      "7:5 /vpc vpc must be a mapping (indented key: value lines): the value is empty",
      "8:6 /eks eks must be a mapping (indented key: value lines): YAML read a list",
      "10:17 /dns/delegateFrom dns.delegateFrom must be a lowercase DNS name such as booking-dev.oslo.systems (labels of a-z, 0-9 and \"-\" separated by dots, each at most 63 characters): YAML read a mapping",
    ]);
  });

  it("reports lengths, ranges and list sizes with the value found", () => {
    const long = `${"a".repeat(63)}.`.repeat(4) + "com";
    expect(problemLines(withRequired(`dns: {delegateFrom: ${long}}\neks:\n  nodeGroups: [{name: g, maxSize: 101, diskSize: 1001}]\n  publicAccessCidrs: []\n`))).toEqual([
      "7:21 /dns/delegateFrom dns.delegateFrom must be at most 253 characters long, not 259",
      "9:35 /eks/nodeGroups/0/maxSize eks.nodeGroups[0].maxSize must be at most 100, not 101",
      "9:50 /eks/nodeGroups/0/diskSize eks.nodeGroups[0].diskSize must be at most 1000, not 1001",
      "10:22 /eks/publicAccessCidrs eks.publicAccessCidrs must list at least 1 item, not 0",
    ]);
  });

  it("rejects metadata.name with digits first, double dashes or fewer than 3 characters", () => {
    for (const [name, column] of [["1abc", 9], ["a--b", 9], ["ab", 9]] as const) {
      const [line] = problemLines(withRequired().replace("name: booking-dev", `name: ${name}`));
      expect(line).toMatch(new RegExp(`^4:${column} /metadata/name metadata.name must be`));
    }
    expect(problemLines(withRequired().replace("name: booking-dev", "name: ab"))).toEqual([
      '4:9 /metadata/name metadata.name must be at least 3 characters long, not 2: "ab"',
    ]);
    // Too short and badly formed: the limit is stated, and the format with it.
    expect(problemLines(withRequired().replace("name: booking-dev", "name: b"))).toEqual([
      '4:9 /metadata/name metadata.name must be at least 3 characters long and lowercase letters, digits and "-", starting with a letter, ending with a letter or digit, without "--" (e.g. booking-dev), not 1: "b"',
    ]);
  });
});

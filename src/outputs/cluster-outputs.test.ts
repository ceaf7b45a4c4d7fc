import { describe, expect, it } from "vitest";
import { actual } from "../plan/testing.js";
import { clusterOutputs, kubeconfigRole } from "./cluster-outputs.js";

const REPO = "acme/shop";
const base = { cluster: "shop-dev", accountId: "123456789012", region: "eu-west-1", repository: REPO, repositoryId: "4242" };
const cluster = actual("eks-cluster", "eks-cluster", {}, { repository: REPO, physicalId: "shop-dev", outputs: { name: "shop-dev", endpoint: "https://ABC.gr7.eu-west-1.eks.amazonaws.com" } });
const zone = actual("hosted-zone", "hosted-zone", { name: "shop-dev.example.org" }, { repository: REPO, physicalId: "Z123", outputs: { id: "Z123", nameServers: ["ns-1.awsdns-01.org", "ns-2.awsdns-02.net"] } });
const certificate = actual("certificate/shop-dev.example.org", "certificate", { domainName: "shop-dev.example.org" }, { repository: REPO, outputs: { arn: "arn:aws:acm:eu-west-1:123456789012:certificate/1", status: "ISSUED" } });
const parameter = actual("parameter/app/mode", "parameter", { type: "String" }, { repository: REPO, physicalId: "/okctl/shop-dev/app/mode" });

describe("cluster outputs", () => {
  it("collect endpoint, kubeconfig command, name servers, certificates and parameter paths of this repository's resources", () => {
    const theirs = actual("certificate/other", "certificate", { domainName: "other.example.org" }, { repository: "someone/else", outputs: { arn: "arn:other", status: "ISSUED" } });
    // A repository that had our name before us (another id) owns nothing we show.
    const formerNamesake = actual("certificate/old", "certificate", { domainName: "old.example.org" }, { repository: REPO, repositoryId: "77", outputs: { arn: "arn:old", status: "ISSUED" } });
    const outputs = clusterOutputs({ ...base, actual: [parameter, certificate, theirs, formerNamesake, zone, cluster], deployRoleArn: "arn:aws:iam::123456789012:role/okctl-deploy" });
    expect(outputs).toEqual({
      cluster: "shop-dev",
      accountId: "123456789012",
      region: "eu-west-1",
      kubernetes: {
        clusterName: "shop-dev",
        endpoint: "https://ABC.gr7.eu-west-1.eks.amazonaws.com",
        kubeconfigCommand: "aws eks update-kubeconfig --name shop-dev --region eu-west-1",
        access: [],
        deployRoleArn: "arn:aws:iam::123456789012:role/okctl-deploy",
      },
      dns: {
        domain: "shop-dev.example.org",
        hostedZoneId: "Z123",
        nameServers: ["ns-1.awsdns-01.org", "ns-2.awsdns-02.net"],
        delegation: { kind: "manual", recordName: "shop-dev.example.org", nameServers: ["ns-1.awsdns-01.org", "ns-2.awsdns-02.net"], ttl: 300 },
      },
      certificates: [{ domain: "shop-dev.example.org", arn: "arn:aws:acm:eu-west-1:123456789012:certificate/1", status: "ISSUED" }],
      parameters: [{ path: "/okctl/shop-dev/app/mode", type: "String" }],
    });
  });

  it("say the delegation is done when okctl's NS record is in the parent zone, and what to do by hand otherwise", () => {
    const delegation = actual("zone-delegation", "zone-delegation", { parentZone: "example.org" }, { repository: REPO });
    expect(clusterOutputs({ ...base, actual: [zone, delegation], delegateFrom: "example.org" }).dns?.delegation).toEqual({ kind: "done", parentZone: "example.org" });
    expect(clusterOutputs({ ...base, actual: [zone], delegateFrom: "example.org" }).dns?.delegation).toMatchObject({ kind: "manual", parentZone: "example.org" });
  });

  it("name the role of the most powerful role access entry in the kubeconfig command", () => {
    const access = [
      { principalArn: "arn:aws:iam::123456789012:user/alice", accessPolicy: "cluster-admin" },
      { principalArn: "arn:aws:iam::123456789012:role/viewers", accessPolicy: "view" },
      { principalArn: "arn:aws:iam::123456789012:role/platform-admins", accessPolicy: "admin" },
    ];
    expect(kubeconfigRole(access)).toBe("arn:aws:iam::123456789012:role/platform-admins");
    expect(kubeconfigRole(access.slice(0, 2))).toBe("arn:aws:iam::123456789012:role/viewers");
    expect(kubeconfigRole(access.slice(0, 1))).toBeUndefined();
    expect(clusterOutputs({ ...base, actual: [cluster], access }).kubernetes?.kubeconfigCommand).toBe(
      "aws eks update-kubeconfig --name shop-dev --region eu-west-1 --role-arn arn:aws:iam::123456789012:role/platform-admins",
    );
  });

  it("leave out what does not exist yet", () => {
    expect(clusterOutputs({ ...base, actual: [] })).toEqual({ cluster: "shop-dev", accountId: "123456789012", region: "eu-west-1", certificates: [], parameters: [] });
  });
});

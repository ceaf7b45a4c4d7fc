import { describe, expect, it } from "vitest";
import { ACCESS_POLICY_ARNS } from "../../resources/eks-access-entry/desired.js";
import { actual, desired, planOf as plan, ref } from "../testing.js";

const ADMIN = ACCESS_POLICY_ARNS["cluster-admin"];
const cluster = desired("eks-cluster", "eks-cluster", { name: "c", authenticationMode: "API" });
const clusterFound = actual("eks-cluster", "eks-cluster", { name: "c", authenticationMode: "API" }, { outputs: { name: "c" } });
const entry = (principal: string, accessPolicy: string) =>
  desired(`eks-access-entry/${principal}`, "eks-access-entry", { clusterName: ref("eks-cluster", "name"), principalArn: principal, accessPolicy, namespaces: [] }, { dependsOn: ["eks-cluster"] });
const found = (principal: string, accessPolicy: string) =>
  actual(`eks-access-entry/${principal}`, "eks-access-entry", { clusterName: "c", principalArn: principal, accessPolicy, namespaces: [] });

describe("the last cluster-admin", () => {
  it("may not be removed or demoted while the cluster stays", () => {
    const removed = plan([cluster], [clusterFound, found("a", ADMIN)]);
    expect(removed.errors).toEqual([
      "eks.accessEntries: this change takes cluster-admin away from a, the last cluster-admin okctl manages on the cluster. Keep at least one access entry with accessPolicy: cluster-admin (add the new admin first, apply, then remove the old one).",
    ]);
    const demoted = plan([cluster, entry("a", ACCESS_POLICY_ARNS.view)], [clusterFound, found("a", ADMIN)]);
    expect(demoted.errors).toHaveLength(1);
  });

  it("may be replaced by another admin, or go with its cluster; without okctl admins there is nothing to keep", () => {
    expect(plan([cluster, entry("b", ADMIN)], [clusterFound, found("a", ADMIN)]).errors).toEqual([]);
    expect(plan([], [clusterFound, found("a", ADMIN)]).errors).toEqual([]);
    expect(plan([cluster], [clusterFound, found("a", ACCESS_POLICY_ARNS.edit)]).errors).toEqual([]);
  });
});

describe("the authentication mode", () => {
  it("moves towards API only", () => {
    const configMap = actual("eks-cluster", "eks-cluster", { name: "c", authenticationMode: "CONFIG_MAP" });
    const both = desired("eks-cluster", "eks-cluster", { name: "c", authenticationMode: "API_AND_CONFIG_MAP" });
    expect(plan([both], [configMap]).errors).toEqual([]);
    expect(plan([cluster], [{ ...configMap, properties: { ...configMap.properties, authenticationMode: "API_AND_CONFIG_MAP" } }]).errors).toEqual([]);
    // Not straight from the ConfigMap to API: whoever the ConfigMap lets in would be locked out.
    expect(plan([cluster], [configMap]).errors).toEqual([expect.stringContaining("Set eks.authenticationMode to API_AND_CONFIG_MAP first")]);
    const back = plan([desired("eks-cluster", "eks-cluster", { name: "c", authenticationMode: "API_AND_CONFIG_MAP" })], [clusterFound]);
    expect(back.errors).toEqual([
      "eks-cluster: the cluster's authentication mode is API and okctl.yaml asks for API_AND_CONFIG_MAP; EKS can't go back (it only moves CONFIG_MAP → API_AND_CONFIG_MAP → API). Set eks.authenticationMode to API.",
    ]);
  });
});

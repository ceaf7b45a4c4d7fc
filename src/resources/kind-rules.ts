// What plans need to know of each kind, apart from its AWS handler (so that computing a plan from
// a desired graph and actual resources loads no AWS client): which property changes replace the
// resource, which are secret, set once, or unordered.
import type { KindRules, ResourceKind } from "./types.js";

/** A node group made without a launch template cannot take one: launchTemplateId forces a replace too. */
export const NODEGROUP_REPLACE_ON: readonly string[] = ["name", "clusterName", "nodeRole", "subnetIds", "instanceTypes", "capacityType", "launchTemplateId"];

export const KIND_RULES: Readonly<Record<ResourceKind, KindRules>> = {
  certificate: {
    replaceOn: ["domainName", "subjectAlternativeNames", "issuable"],
    unorderedLists: ["subjectAlternativeNames"],
  },
  "eks-access-entry": { replaceOn: ["clusterName", "principalArn"], unorderedLists: ["namespaces"] },
  "eks-addon": { replaceOn: ["clusterName", "name"] },
  "eks-cluster": {
    replaceOn: ["name", "roleArn", "subnetIds"],
    unorderedLists: ["subnetIds", "publicAccessCidrs", "logging"],
  },
  "eks-nodegroup": {
    replaceOn: NODEGROUP_REPLACE_ON,
    unorderedLists: ["subnetIds", "taints"],
  },
  "eks-pod-identity": { replaceOn: ["clusterName", "namespace", "serviceAccount"] },
  "elastic-ip": { replaceOn: ["domain"] },
  "hosted-zone": { replaceOn: ["name"] },
  "internet-gateway": { replaceOn: ["vpcId"] },
  "launch-template": {
    replaceOn: ["name"],
    // An update makes a new version: whatever refers to the version learns it only after apply.
    outputsChangedByUpdate: ["version"],
  },
  "nat-gateway": { replaceOn: ["subnetId", "allocationId", "connectivityType"] },
  parameter: {
    replaceOn: ["name", "type"],
    // A SecureString's `generate` stands for its value: used once at creation, never shown.
    createOnly: ["generate"],
    sensitive: ["generate"],
  },
  "route-table": { replaceOn: ["vpcId"], unorderedLists: ["subnetIds"] },
  subnet: { replaceOn: ["vpcId", "cidrBlock", "availabilityZone"] },
  vpc: { replaceOn: ["cidrBlock"] },
  "zone-delegation": { replaceOn: ["parentZone", "recordName"], unorderedLists: ["nameServers"] },
};

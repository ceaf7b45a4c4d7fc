// Test helper: an access entry in moto's default account, with any field overridden.
import type { AccessEntry } from "./access-config-types.js";

export function accessEntry(overrides: Partial<AccessEntry> = {}): AccessEntry {
  const account = "123456789012";
  return {
    repository: "oslokommune/*",
    roleArn: `arn:aws:iam::${account}:role/okctl-deploy`,
    accounts: [account],
    regions: ["eu-west-1"],
    allowedDomains: ["oslo.systems", "*.oslo.systems", "example.org", "*.example.org"],
    eksClusterRoleArn: `arn:aws:iam::${account}:role/okctl-eks-cluster`,
    eksNodeRoleArn: `arn:aws:iam::${account}:role/okctl-eks-node`,
    allowedPrincipals: [],
    workloadRoles: [`arn:aws:iam::{accountId}:role/booking-*`],
    allowDestroy: false,
    allowForkPullRequests: false,
    applyRequires: "approved",
    ...overrides,
  };
}

// Checks beyond the schema, on data the schema has accepted: patterns listed twice, and roles
// that could never work for the accounts the entry allows.
import type { SchemaProblem } from "./access-config-schema.js";
import { ACCOUNT_PLACEHOLDER, roleAccount } from "./entry-account.js";
import { normalisePattern } from "./repository-pattern.js";

interface EntryInput {
  repository: string;
  roleArn: string;
  accounts: string[];
  eksClusterRoleArn: string;
  eksNodeRoleArn: string;
}

export function checkAccessConfigRules(entries: readonly EntryInput[], lineOf: (pointer: string) => number): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const seen = new Map<string, number>();
  entries.forEach((entry, index) => {
    const at = `/repositories/${index}`;
    const key = normalisePattern(entry.repository);
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({
        path: `${at}/repository`,
        message: `"${entry.repository}" is already listed at line ${lineOf(`/repositories/${first}/repository`)} (patterns are compared case-insensitively); merge the two entries`,
      });
    } else {
      seen.set(key, index);
    }
    const account = roleAccount(entry.roleArn);
    if (account !== ACCOUNT_PLACEHOLDER && !entry.accounts.includes(account)) {
      problems.push({
        path: `${at}/roleArn`,
        message: `the role is in account ${account}, which is not in this entry's accounts (${entry.accounts.join(", ")}); an assumed role always acts in its own account, so add ${account} to accounts, use a role in an allowed account, or write ${ACCOUNT_PLACEHOLDER} in place of the account id`,
      });
    }
    for (const field of ["eksClusterRoleArn", "eksNodeRoleArn"] as const) {
      const other = roleAccount(entry[field]);
      if (other !== account) {
        problems.push({
          path: `${at}/${field}`,
          message: `the role is in account ${other} but roleArn is in account ${account}; EKS can only use roles of the cluster's own account (write the same account, or ${ACCOUNT_PLACEHOLDER} in both)`,
        });
      }
    }
  });
  return problems;
}

// Role ARNs of an access entry may name the account as `{accountId}`: one entry can then serve
// several accounts, each with its own role of the same name (an assumed role acts in its own account).
import type { AccessEntry } from "./access-config-types.js";

export const ACCOUNT_PLACEHOLDER = "{accountId}";

/** The account part of an IAM role ARN (validated by the schema): 12 digits or the placeholder. */
export function roleAccount(roleArn: string): string {
  return roleArn.split(":")[4] ?? "";
}

/** The entry with `{accountId}` in its role ARNs replaced by the declaration's account. */
export function entryForAccount(entry: AccessEntry, accountId: string): AccessEntry {
  const resolve = (arn: string) => arn.replace(ACCOUNT_PLACEHOLDER, accountId);
  return {
    ...entry,
    roleArn: resolve(entry.roleArn),
    eksClusterRoleArn: resolve(entry.eksClusterRoleArn),
    eksNodeRoleArn: resolve(entry.eksNodeRoleArn),
  };
}

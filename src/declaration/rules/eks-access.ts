// Access entries, add-ons and pod identities: each principal, add-on and service account once;
// namespaces only narrow the policies that have namespaced rights; pod roles in the cluster's
// account (EKS Pod Identity hands out roles of the cluster's own account).
import { displayPath, pointerFrom } from "../pointer.js";
import type { Problem } from "../problem.js";
import { iamPrincipalKey } from "../iam-principal.js";
import { duplicates, field, list, problemAt, text, type Raw } from "./raw.js";

/** The 12-digit account of an IAM ARN, or undefined. */
export function arnAccount(arn: string): string | undefined {
  return /^arn:aws[a-z-]*:iam::([0-9]{12}):/.exec(arn)?.[1];
}

export function eksAccessRules(data: Raw): Problem[] {
  const entries = list(field(data, "eks", "accessEntries"));
  const addons = list(field(data, "eks", "addons"));
  const pods = list(field(data, "eks", "podIdentities"));
  const account = text(field(data, "metadata", "accountID"));
  const problems: Problem[] = [
    ...duplicates(entries, (e) => text(field(e, "principalArn")), (i) => pointerFrom(["eks", "accessEntries", i, "principalArn"]), "access entry principal", {
      key: iamPrincipalKey,
      why: "IAM role and user names ignore letter case, so both name one principal",
    }),
    ...duplicates(addons, (a) => text(field(a, "name")), (i) => pointerFrom(["eks", "addons", i, "name"]), "add-on"),
    ...duplicates(
      pods,
      (p) => {
        const [namespace, serviceAccount] = [text(field(p, "namespace")), text(field(p, "serviceAccount"))];
        return namespace && serviceAccount ? `${namespace}/${serviceAccount}` : undefined;
      },
      (i) => pointerFrom(["eks", "podIdentities", i, "serviceAccount"]),
      "namespace/serviceAccount",
    ),
  ];
  entries.forEach((entry, index) => {
    if (text(field(entry, "accessPolicy")) === "cluster-admin" && field(entry, "namespaces") !== undefined) {
      const at = pointerFrom(["eks", "accessEntries", index, "namespaces"]);
      problems.push({ path: at, anchor: "key", message: `${displayPath(at)}: cluster-admin is cluster-wide; remove namespaces, or use admin, edit or view for namespaced access` });
    }
  });
  pods.forEach((pod, index) => {
    const role = text(field(pod, "roleArn"));
    const roleAccount = role === undefined ? undefined : arnAccount(role);
    if (roleAccount && account && roleAccount !== account) {
      const at = pointerFrom(["eks", "podIdentities", index, "roleArn"]);
      problems.push(problemAt(at, `${displayPath(at)} is a role in account ${roleAccount}; EKS Pod Identity gives pods roles of the cluster's account (${account})`));
    }
  });
  return problems;
}

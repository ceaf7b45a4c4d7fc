// The IAM principals a declaration names: access entries' principals and pod identities' roles,
// with the field each comes from. The repository's access entry must allow each (src/aws/authorize.ts).
import type { Declaration } from "./types.js";

export interface DeclaredArn {
  /** Where in okctl.yaml, e.g. "eks.accessEntries[1].principalArn". */
  field: string;
  arn: string;
}

export interface DeclaredIam {
  principals: DeclaredArn[];
  workloadRoles: DeclaredArn[];
}

export function declaredIam(declaration: Declaration): DeclaredIam {
  return {
    principals: declaration.eks.accessEntries.map((entry, index) => ({ field: `eks.accessEntries[${index}].principalArn`, arn: entry.principalArn })),
    workloadRoles: declaration.eks.podIdentities.map((pod, index) => ({ field: `eks.podIdentities[${index}].roleArn`, arn: pod.roleArn })),
  };
}

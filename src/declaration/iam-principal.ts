// One IAM principal, however its ARN is written. IAM role and user names are unique in an account
// without regard to letter case (a role "Deploy" and a role "deploy" cannot both exist), and EKS
// keeps one access entry per IAM principal: two ARNs that differ only in case name one principal.
// The rest of such an ARN (partition, "iam", account digits, "role"/"user") is lowercase already.

/** The key two ARNs of the same IAM principal share. */
export function iamPrincipalKey(arn: string): string {
  return arn.toLowerCase();
}

/** True when the two ARNs name the same IAM principal. */
export function sameIamPrincipal(a: string, b: string): boolean {
  return iamPrincipalKey(a) === iamPrincipalKey(b);
}

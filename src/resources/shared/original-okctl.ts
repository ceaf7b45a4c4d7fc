// What the original okctl (CloudFormation, eksctl) left on the resources it made: collisions are
// recognised by these tags as well as by natural identity (docs/migrating.md).

/** The original okctl's cluster tag, propagated from its CloudFormation stacks. */
export const ORIGINAL_CLUSTER_TAG = "alpha.okctl.io/cluster-name";

/** " (made by the original okctl for cluster X)" when the tags say so, else "". */
export function originalOkctlNote(tags: Record<string, string>): string {
  const cluster = tags[ORIGINAL_CLUSTER_TAG];
  const stack = tags["aws:cloudformation:stack-name"];
  if (cluster) return `, made by the original okctl for cluster ${cluster}${stack ? ` (stack ${stack})` : ""}`;
  return stack ? `, made by the CloudFormation stack ${stack}` : "";
}

// Shared pieces of the network kinds' pure desired builders.
import { tagsFor } from "../shared/desired-tags.js";
import type { DesiredInput, Ref } from "../types.js";

export function clusterName(input: DesiredInput): string {
  return input.declaration.metadata.name;
}

/** The Kubernetes tag that says the resource may be used by the cluster. */
export function kubernetesClusterTag(input: DesiredInput): Record<string, string> {
  return { [`kubernetes.io/cluster/${clusterName(input)}`]: "shared" };
}

/** okctl's tag set for one network resource, plus any extra (e.g. Kubernetes) tags. */
export function networkTags(input: DesiredInput, resourceId: string, name: string, extra: Record<string, string> = {}): Record<string, string> {
  return { ...tagsFor(input, resourceId, name), ...extra };
}

export function ref(logicalId: string, output = "id"): Ref {
  return { $ref: logicalId, output };
}

/** Zone letters that get a NAT gateway: every zone with high availability, else only "a". */
export function natZoneLetters(input: DesiredInput): string[] {
  const letters = [...new Set(input.layout.subnets.map((subnet) => subnet.zoneLetter))];
  return input.declaration.vpc.highAvailability ? letters : letters.slice(0, 1);
}

/** The NAT gateway a zone's private route table sends internet traffic to. */
export function natLetterFor(input: DesiredInput, zoneLetter: string): string {
  return input.declaration.vpc.highAvailability ? zoneLetter : natZoneLetters(input)[0]!;
}

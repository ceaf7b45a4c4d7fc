// One subnet per zone and tier, as the derived layout says. Public subnets map public IPs on
// launch; the Kubernetes role tags tell load balancers where to go.
import type { Tier } from "../../declaration/types.js";
import type { DesiredInput, DesiredResource } from "../types.js";
import { kubernetesClusterTag, networkTags, ref } from "../ec2/desired-common.js";
import { VPC_ID } from "../vpc/desired.js";

const ROLE_TAGS: Readonly<Record<Tier, Record<string, string>>> = {
  public: { "kubernetes.io/role/elb": "1" },
  private: { "kubernetes.io/role/internal-elb": "1" },
  database: {},
};

export function desiredSubnets(input: DesiredInput): DesiredResource[] {
  return input.layout.subnets.map((subnet) => ({
    id: subnet.id,
    kind: "subnet",
    name: subnet.name,
    properties: {
      vpcId: ref(VPC_ID),
      cidrBlock: subnet.cidr,
      availabilityZone: subnet.availabilityZone,
      mapPublicIpOnLaunch: subnet.tier === "public",
    },
    dependsOn: [VPC_ID],
    tags: networkTags(input, subnet.id, subnet.name, { ...kubernetesClusterTag(input), ...ROLE_TAGS[subnet.tier] }),
  }));
}

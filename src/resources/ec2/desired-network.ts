// Every network kind's desired resources, in dependency order (for tests and the integrator).
import { desiredElasticIps } from "../elastic-ip/desired.js";
import { desiredInternetGateways } from "../internet-gateway/desired.js";
import { desiredNatGateways } from "../nat-gateway/desired.js";
import { desiredRouteTables } from "../route-table/desired.js";
import { desiredSubnets } from "../subnet/desired.js";
import type { DesiredInput, DesiredResource } from "../types.js";
import { desiredVpcs } from "../vpc/desired.js";

export function desiredNetwork(input: DesiredInput): DesiredResource[] {
  return [
    ...desiredVpcs(input),
    ...desiredInternetGateways(input),
    ...desiredSubnets(input),
    ...desiredElasticIps(input),
    ...desiredNatGateways(input),
    ...desiredRouteTables(input),
  ];
}

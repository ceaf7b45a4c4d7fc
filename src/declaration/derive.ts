// Values derived purely from a validated declaration: the subnet layout.
import { formatIpv4Cidr, parseIpv4Cidr, splitIpv4Cidr } from "./ipv4.js";
import type { Declaration, Layout, SubnetLayout, Tier } from "./types.js";

export const TIERS: readonly Tier[] = ["public", "private", "database"];
export const ZONE_LETTERS = ["a", "b", "c"] as const;
/** vpc.cidr is split into 16 equal blocks (prefix + 4). */
export const SUBNET_SPLIT_BITS = 4;

/** Splits vpc.cidr into 16 blocks; block az × 3 + tier goes to that zone and tier. */
export function deriveLayout(declaration: Declaration): Layout {
  const { region, name } = declaration.metadata;
  const parsed = parseIpv4Cidr(declaration.vpc.cidr);
  if (!parsed) throw new Error(`deriveLayout needs a validated declaration: bad vpc.cidr ${declaration.vpc.cidr}`);
  const blocks = splitIpv4Cidr(parsed.cidr, SUBNET_SPLIT_BITS);
  const letters = ZONE_LETTERS.slice(0, declaration.vpc.availabilityZones);
  const subnets: SubnetLayout[] = [];
  letters.forEach((zoneLetter, az) => {
    TIERS.forEach((tier, tierIndex) => {
      const block = az * TIERS.length + tierIndex;
      subnets.push({
        id: `subnet/${tier}-${zoneLetter}`,
        tier,
        zoneLetter,
        availabilityZone: `${region}${zoneLetter}`,
        block,
        cidr: formatIpv4Cidr(blocks[block]!),
        name: `${name}-${tier}-${zoneLetter}`,
      });
    });
  });
  return { availabilityZones: letters.map((letter) => `${region}${letter}`), subnets };
}

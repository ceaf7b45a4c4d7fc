// vpc.cidr: a valid, private (RFC 1918) IPv4 block of /16 to /20 without host bits, so that the
// 16-way subnet split fits; eks.publicAccessCidrs: valid IPv4 blocks.
import { SUBNET_SPLIT_BITS } from "../derive.js";
import { formatIpv4Cidr, isRfc1918, parseIpv4Cidr } from "../ipv4.js";
import { displayPath, pointerFrom } from "../pointer.js";
import type { Problem } from "../problem.js";
import { field, list, problemAt, text, type Raw } from "./raw.js";

export const MIN_VPC_PREFIX = 16;
export const MAX_VPC_PREFIX = 20;
const CIDR_SHAPE = /^[0-9]{1,3}(\.[0-9]{1,3}){3}\/[0-9]{1,2}$/;

function invalid(path: string, cidr: string): Problem {
  return problemAt(path, `${displayPath(path)} ${cidr} is not a valid IPv4 CIDR block: each of the four numbers must be 0 to 255 and the prefix 0 to 32`);
}

function vpcCidr(data: Raw): Problem[] {
  const cidr = text(field(data, "vpc", "cidr"));
  const path = "/vpc/cidr";
  if (cidr === undefined || !CIDR_SHAPE.test(cidr)) return [];
  const parsed = parseIpv4Cidr(cidr);
  if (!parsed) return [invalid(path, cidr)];
  const problems: Problem[] = [];
  const { prefix } = parsed.cidr;
  if (!isRfc1918(parsed.cidr)) {
    problems.push(problemAt(path, `vpc.cidr ${cidr} is not a private range: use a block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 (RFC 1918)`));
  }
  if (prefix < MIN_VPC_PREFIX || prefix > MAX_VPC_PREFIX) {
    const subnet = prefix + SUBNET_SPLIT_BITS;
    problems.push(
      problemAt(
        path,
        `vpc.cidr must have a prefix from /${MIN_VPC_PREFIX} to /${MAX_VPC_PREFIX}, not /${prefix}: okctl splits it into 16 subnets, ` +
          `which would be /${subnet} (subnets must be /20 to /24)`,
      ),
    );
  }
  if (parsed.hostBitsSet) {
    problems.push(problemAt(path, `vpc.cidr ${cidr} has host bits set; the block it names starts at ${formatIpv4Cidr(parsed.cidr)}`));
  }
  return problems;
}

function publicAccessCidrs(data: Raw): Problem[] {
  return list(field(data, "eks", "publicAccessCidrs")).flatMap((item, index) => {
    const cidr = text(item);
    const path = pointerFrom(["eks", "publicAccessCidrs", index]);
    if (cidr === undefined || !CIDR_SHAPE.test(cidr)) return [];
    const parsed = parseIpv4Cidr(cidr);
    if (!parsed) return [invalid(path, cidr)];
    if (parsed.hostBitsSet) {
      return [problemAt(path, `${displayPath(path)} ${cidr} has host bits set; did you mean ${formatIpv4Cidr(parsed.cidr)}?`)];
    }
    return [];
  });
}

export function networkRules(data: Raw): Problem[] {
  return [...vpcCidr(data), ...publicAccessCidrs(data)];
}

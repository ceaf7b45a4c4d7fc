// IPv4 CIDR arithmetic: parsing, splitting, containment. IPv4 only, which is all okctl uses; small
// enough that a dependency would add more surface than it saves.

export interface Ipv4Cidr {
  /** Network address as an unsigned 32-bit integer. */
  address: number;
  prefix: number;
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** Parses "a.b.c.d/p". Returns undefined when the text is not an IPv4 CIDR. */
export function parseIpv4Cidr(text: string): { cidr: Ipv4Cidr; hostBitsSet: boolean } | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1, 5);
  if (!octets.every((o) => OCTET.test(o))) return undefined;
  const prefix = Number(match[5]);
  if (prefix > 32) return undefined;
  const raw = octets.reduce((acc, o) => acc * 256 + Number(o), 0);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  const address = (raw & mask) >>> 0;
  return { cidr: { address, prefix }, hostBitsSet: address !== raw };
}

export function formatIpv4Cidr(cidr: Ipv4Cidr): string {
  const a = cidr.address;
  return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}/${cidr.prefix}`;
}

/** Splits a block into 2^bits equal blocks, in address order. */
export function splitIpv4Cidr(cidr: Ipv4Cidr, bits: number): Ipv4Cidr[] {
  const prefix = cidr.prefix + bits;
  if (prefix > 32) throw new RangeError(`cannot split a /${cidr.prefix} into ${2 ** bits} blocks`);
  const size = 2 ** (32 - prefix);
  return Array.from({ length: 2 ** bits }, (_, i) => ({ address: cidr.address + i * size, prefix }));
}

/** True when `inner` lies entirely inside `outer`. */
export function ipv4CidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  if (inner.prefix < outer.prefix) return false;
  const mask = outer.prefix === 0 ? 0 : (0xffffffff << (32 - outer.prefix)) >>> 0;
  return ((inner.address & mask) >>> 0) === outer.address;
}

/** True when the two blocks share an address (one contains the other: CIDR blocks nest or are apart). */
export function ipv4CidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return ipv4CidrContains(a, b) || ipv4CidrContains(b, a);
}

/** The RFC 1918 private ranges. */
export const RFC1918_RANGES: readonly Ipv4Cidr[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map(
  (text) => parseIpv4Cidr(text)!.cidr,
);

export function isRfc1918(cidr: Ipv4Cidr): boolean {
  return RFC1918_RANGES.some((range) => ipv4CidrContains(range, cidr));
}

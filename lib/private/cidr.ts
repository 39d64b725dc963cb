import { Address4, Address6 } from 'ip-address';

/**
 * Address math for the rules, on top of `ip-address`. Internal: no type from here may appear in
 * the public (jsii) API; public values are plain strings.
 */

export interface Prefix {
  readonly text: string;
  readonly version: 4 | 6;
  /** First address of the range, as an integer. */
  readonly start: bigint;
  /** Last address of the range, as an integer. */
  readonly end: bigint;
  readonly length: number;
  /** False when host bits are set (`10.0.0.1/16`): Azure expects the network address. */
  readonly aligned: boolean;
}

const cache = new Map<string, Prefix | null>();

/**
 * Parses an IPv4 or IPv6 prefix (`10.0.0.0/16`, `fd00::/64`). A bare address is read as a host
 * prefix (/32 or /128). Returns undefined for anything else.
 */
export function parsePrefix(text: string): Prefix | undefined {
  const hit = cache.get(text);
  if (hit !== undefined) return hit ?? undefined;
  const parsed = parseUncached(text);
  if (cache.size > 100_000) cache.clear();
  cache.set(text, parsed ?? null);
  return parsed;
}

function parseUncached(text: string): Prefix | undefined {
  if (typeof text !== 'string' || text.length === 0 || text.length > 64 || text.trim() !== text) return undefined;
  const slash = text.indexOf('/');
  const lengthPart = slash >= 0 ? text.slice(slash + 1) : undefined;
  if (lengthPart !== undefined && !/^\d{1,3}$/.test(lengthPart)) return undefined;
  const plain = plainIpv4(text);
  if (plain !== undefined) return plain;
  try {
    if (text.includes(':')) {
      // The constructor throws on what isValid() rejects (it is what isValid() calls).
      const a = new Address6(text);
      if (a.address4 !== undefined && a.address4 !== null) return undefined;
      return build(text, 6, a.subnetMask, a.bigInt());
    }
    if (!/^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/.test(text)) return undefined;
    const a = new Address4(text);
    return build(text, 4, a.subnetMask, a.bigInt());
  } catch {
    return undefined;
  }
}

const PLAIN_IPV4 = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})(?:\/(0|[1-9]\d?))?$/;

/**
 * An IPv4 prefix written the plain way (`10.1.0.0/24`: decimal octets up to 255 without leading
 * zeros, a length up to 32), read without an `ip-address` object; undefined for any other form,
 * which `Address4` reads.
 */
function plainIpv4(text: string): Prefix | undefined {
  const m = PLAIN_IPV4.exec(text);
  if (m === null) return undefined;
  const a = Number(m[1]);
  const b = Number(m[2]);
  const c = Number(m[3]);
  const d = Number(m[4]);
  const length = m[5] === undefined ? 32 : Number(m[5]);
  if (a > 255 || b > 255 || c > 255 || d > 255 || length > 32) return undefined;
  // What `build` computes, in plain numbers (32 bits fit in a double): two BigInts instead of six.
  const address = a * 0x1000000 + b * 0x10000 + c * 0x100 + d;
  const size = 2 ** (32 - length);
  const start = address - (address % size);
  return { text, version: 4, start: BigInt(start), end: BigInt(start + size - 1), length, aligned: address === start };
}

/**
 * The range from the parsed address and prefix length, by masking the address's integer (what
 * `startAddress()` and `endAddress()` compute, without parsing two more addresses per prefix).
 */
function build(text: string, version: 4 | 6, length: number, address: bigint): Prefix | undefined {
  const bits = version === 4 ? 32 : 128;
  if (length < 0 || length > bits) return undefined;
  const hostBits = BigInt(bits - length);
  const start = (address >> hostBits) << hostBits;
  const end = start + (1n << hostBits) - 1n;
  return { text, version, start, end, length, aligned: address === start };
}

/** Parses a single IPv4 or IPv6 address (no prefix length). */
export function parseAddress(text: string): Prefix | undefined {
  if (typeof text !== 'string' || text.includes('/')) return undefined;
  return parsePrefix(text);
}

export function contains(outer: Prefix, inner: Prefix): boolean {
  return outer.version === inner.version && outer.start <= inner.start && inner.end <= outer.end;
}

export function overlaps(a: Prefix, b: Prefix): boolean {
  return a.version === b.version && a.start <= b.end && b.start <= a.end;
}

/** `<address>/32` (or `/128`) for an address. */
export function hostPrefix(address: string): string | undefined {
  const p = parseAddress(address);
  if (!p) return undefined;
  return `${address}/${p.version === 4 ? 32 : 128}`;
}

export function isHostPrefix(p: Prefix): boolean {
  return p.length === (p.version === 4 ? 32 : 128);
}

const V4 = (a: number, b: number, c: number, d: number): bigint => BigInt(((a << 24) >>> 0) + (b << 16) + (c << 8) + d);

/** 169.254.0.0/16, link-local (APIPA). */
export function isApipa(p: Prefix): boolean {
  return p.version === 4 && p.start >= V4(169, 254, 0, 0) && p.end <= V4(169, 254, 255, 255);
}

/** The range Azure accepts for custom APIPA BGP addresses on a VPN gateway: 169.254.21.0 – 169.254.22.255. */
export function isAzureApipaRange(p: Prefix): boolean {
  return p.version === 4 && p.start >= V4(169, 254, 21, 0) && p.end <= V4(169, 254, 22, 255);
}

const PRIVATE_V4: Array<[bigint, bigint]> = [
  [V4(10, 0, 0, 0), V4(10, 255, 255, 255)],
  [V4(172, 16, 0, 0), V4(172, 31, 255, 255)],
  [V4(192, 168, 0, 0), V4(192, 168, 255, 255)],
  [V4(100, 64, 0, 0), V4(100, 127, 255, 255)], // RFC 6598 shared address space
];

/** RFC 1918 or RFC 6598 for IPv4; unique-local (fc00::/7) for IPv6. */
export function isPrivate(p: Prefix): boolean {
  if (p.version === 6) {
    const top = p.start >> 121n;
    return top === 0x7en && (p.end >> 121n) === 0x7en;
  }
  return PRIVATE_V4.some(([s, e]) => p.start >= s && p.end <= e);
}

/** Addresses that are never a usable public endpoint: private, APIPA, loopback, multicast, reserved, unspecified. */
export function isPublicAddress(p: Prefix): boolean {
  if (p.version === 6) {
    if (p.start === 0n || p.start === 1n) return false;
    const top16 = p.start >> 112n;
    if (top16 >= 0xfe80n && top16 <= 0xfebfn) return false;
    if ((p.start >> 120n) === 0xffn) return false;
    return !isPrivate(p);
  }
  if (isPrivate(p) || isApipa(p)) return false;
  const first = Number(p.start >> 24n);
  return first !== 0 && first !== 127 && first < 224;
}

export interface Owned<T> {
  readonly prefix: Prefix;
  /** Who the prefix belongs to; pairs with the same owner are not reported. */
  readonly owner: string;
  readonly data: T;
}

export interface OverlapPair<T> {
  readonly a: Owned<T>;
  readonly b: Owned<T>;
}

/**
 * Every pair of overlapping prefixes from different owners, by a sweep over the sorted ranges:
 * O(n log n + k) for n prefixes and k reported pairs. Never pairwise. `uniquePerOwner` says the
 * caller already keeps one item per range and owner (no duplicate check).
 */
export function findOverlaps<T>(items: Array<Owned<T>>, options: { readonly uniquePerOwner?: boolean } = {}): Array<OverlapPair<T>> {
  const out: Array<OverlapPair<T>> = [];
  // One owner listing the same range twice must not grow the active list without bound.
  const seen = new Set<string>();
  const unique = options.uniquePerOwner ? items : items.filter((i) => {
    const key = `${i.owner}|${i.prefix.version}|${i.prefix.start}|${i.prefix.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  for (const version of [4, 6] as const) {
    const sorted = unique
      .filter((i) => i.prefix.version === version)
      .sort((x, y) => (x.prefix.start < y.prefix.start ? -1 : x.prefix.start > y.prefix.start ? 1 : x.prefix.end > y.prefix.end ? -1 : x.prefix.end < y.prefix.end ? 1 : 0));
    // Active ranges, kept as a list; ranges that ended before the current start are dropped.
    // Because prefixes nest or are disjoint, the active ranges form a chain of containers,
    // so the list stays as short as the nesting depth (at most 33 or 129).
    const active: Array<Owned<T>> = [];
    for (let i = 0; i < sorted.length; i++) {
      const cur = sorted[i];
      // Compacted in place, read by index: no new list or iterator result per prefix.
      let kept = 0;
      for (let j = 0; j < active.length; j++) {
        const a = active[j];
        if (a.prefix.end < cur.prefix.start) continue;
        active[kept++] = a;
        if (a.owner !== cur.owner) out.push({ a, b: cur });
      }
      active.length = kept;
      active.push(cur);
    }
  }
  return out;
}

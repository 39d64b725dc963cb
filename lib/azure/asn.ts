/**
 * BGP autonomous system numbers as Azure VPN Gateway sees them (VPN Gateway FAQ, "What ASNs can
 * I use?", https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq), as plain data. The BGP rules read these tables, and the constructs
 * reuse them, so a reserved ASN is listed in exactly one place.
 */

/** Who reserves an ASN range, and therefore why it cannot be used. */
export type AsnReservation = 'azure-public' | 'azure-private' | 'iana';

export interface AsnRange {
  /** First ASN of the range. */
  readonly from: number;
  /** Last ASN of the range (equal to `from` for a single ASN). */
  readonly to: number;
}

export interface ReservedAsnRange extends AsnRange {
  readonly reservedBy: AsnReservation;
  /** Why the range is reserved, for messages. */
  readonly note: string;
}

/** The ASN every Azure VPN gateway has unless `bgp_settings.asn` says otherwise, BGP on or off. */
export const AZURE_DEFAULT_ASN = 65515;

/** The lowest and highest ASN Azure accepts at all (4-byte ASNs in decimal notation). */
export const MIN_ASN = 1;
export const MAX_ASN = 4294967294;

const single = (asn: number, reservedBy: AsnReservation, note: string): ReservedAsnRange => ({ from: asn, to: asn, reservedBy, note });

/**
 * ASNs Azure refuses for on-premises peers and (except {@link AZURE_DEFAULT_ASN}) for its own
 * gateways. The FAQ prints the last IANA entry as "429496729"; that is almost certainly a
 * truncation of 4294967295 (RFC 7300), and both are listed so that neither slips through.
 */
export const RESERVED_ASNS: readonly ReservedAsnRange[] = [
  single(8074, 'azure-public', 'reserved by Azure (public ASN)'),
  single(8075, 'azure-public', 'reserved by Azure (public ASN)'),
  single(12076, 'azure-public', 'reserved by Azure (public ASN, ExpressRoute)'),
  single(AZURE_DEFAULT_ASN, 'azure-private', 'the default ASN of Azure VPN gateways'),
  { from: 65517, to: 65520, reservedBy: 'azure-private', note: 'reserved by Azure (private ASN)' },
  single(23456, 'iana', 'reserved by IANA (AS_TRANS, RFC 6793)'),
  { from: 64496, to: 64511, reservedBy: 'iana', note: 'reserved by IANA for documentation (RFC 5398)' },
  { from: 65535, to: 65551, reservedBy: 'iana', note: 'reserved by IANA (RFC 7300, RFC 5398)' },
  single(429496729, 'iana', 'listed as reserved in the Azure VPN FAQ'),
  single(4294967295, 'iana', 'reserved by IANA (RFC 7300)'),
];

/** Private ASN ranges the FAQ lists as usable ("What private ASNs can I use?"). */
export const USABLE_PRIVATE_ASN_RANGES: readonly AsnRange[] = [
  { from: 64512, to: 65514 },
  { from: 65521, to: 65534 },
];

/**
 * 16-bit private ASNs that are neither reserved nor listed as usable: 65516 sits between the
 * gateway default and Azure's reserved 65517–65520. Whether Azure accepts it is unconfirmed.
 */
export const UNLISTED_PRIVATE_ASNS: readonly number[] = [65516];

const inRange = (asn: number, r: AsnRange): boolean => asn >= r.from && asn <= r.to;

/** Whether the value is an integer ASN Azure can accept at all (1–4294967294). */
export function isAsnInRange(asn: number): boolean {
  return Number.isInteger(asn) && asn >= MIN_ASN && asn <= MAX_ASN;
}

/** The reserved range an ASN falls into, or undefined when it is not reserved. */
export function reservedAsn(asn: number): ReservedAsnRange | undefined {
  return RESERVED_ASNS.find((r) => inRange(asn, r));
}

/** Whether an ASN is a private one the docs neither reserve nor allow (avoid it). */
export function isUnlistedPrivateAsn(asn: number): boolean {
  return UNLISTED_PRIVATE_ASNS.includes(asn);
}

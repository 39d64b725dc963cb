/**
 * The IPsec/IKE policy enumerations and SA defaults of Azure VPN Gateway
 * (https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto and the azurerm
 * validation lists), shared by connection `ipsec_policy` and P2S
 * `vpn_client_configuration.ipsec_policy` (azurerm validates both with the same lists).
 */

/** The six algorithm fields of an IPsec/IKE policy, as the model names them. */
export type IpsecAlgorithmField = 'dhGroup' | 'ikeEncryption' | 'ikeIntegrity' | 'ipsecEncryption' | 'ipsecIntegrity' | 'pfsGroup';

export interface IpsecAlgorithmSpec {
  readonly field: IpsecAlgorithmField;
  /** The Terraform attribute inside `ipsec_policy`. */
  readonly attribute: string;
  /** Values the API and azurerm accept (exact case). */
  readonly accepted: readonly string[];
  /** Values the current Azure docs list as supported; the others are accepted but undocumented. */
  readonly documented: readonly string[];
  /** Values Azure accepts but that should not be used, with the reason. */
  readonly weak: Readonly<Record<string, string>>;
  /**
   * The best-practice profile's allow-list, strongest first: the documented values Microsoft's
   * cryptographic guidance names as strong (AES/GCM, SHA-2, DH groups 14, 24 and ECP256/384;
   * {@link IPSEC_ALLOW_LIST_SOURCE}). Everything else is accepted by Azure but left out.
   */
  readonly allowed: readonly string[];
}

/** Where the allow-lists come from, for the rule's text. */
export const IPSEC_ALLOW_LIST_SOURCE =
  'https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-compliance-crypto (stronger groups than the default DH group 2: 14, 24, ECP256, ECP384); ' +
  'https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto (documented algorithms; GCMAES256 the fastest); ' +
  'RFC 8221 and RFC 8247 (DES, 3DES, MD5, SHA-1, DH groups 1/2 legacy or must-not); the allow-list parameters of Azure Policy 50b83b09';

const GCMAES_IKE = 'not documented for IKE integrity since 2024 (use SHA256 or SHA384 with a GCMAES ike_encryption)';

export const IPSEC_ALGORITHMS: readonly IpsecAlgorithmSpec[] = [
  {
    field: 'ikeEncryption',
    attribute: 'ike_encryption',
    accepted: ['AES128', 'AES192', 'AES256', 'DES', 'DES3', 'GCMAES128', 'GCMAES256'],
    documented: ['GCMAES256', 'GCMAES128', 'AES256', 'AES192', 'AES128'],
    weak: { DES: 'DES is broken', DES3: '3DES is legacy and the slowest option' },
    allowed: ['GCMAES256', 'GCMAES128', 'AES256', 'AES192', 'AES128'],
  },
  {
    field: 'ikeIntegrity',
    attribute: 'ike_integrity',
    accepted: ['MD5', 'SHA1', 'SHA256', 'SHA384', 'GCMAES128', 'GCMAES256'],
    documented: ['SHA384', 'SHA256', 'SHA1', 'MD5'],
    weak: { MD5: 'MD5 is broken', SHA1: 'SHA1 is legacy', GCMAES128: GCMAES_IKE, GCMAES256: GCMAES_IKE },
    allowed: ['SHA384', 'SHA256'],
  },
  {
    field: 'dhGroup',
    attribute: 'dh_group',
    accepted: ['None', 'DHGroup1', 'DHGroup2', 'DHGroup14', 'DHGroup2048', 'ECP256', 'ECP384', 'DHGroup24'],
    documented: ['None', 'DHGroup1', 'DHGroup2', 'DHGroup14', 'DHGroup2048', 'ECP256', 'ECP384', 'DHGroup24'],
    weak: { DHGroup1: 'DH group 1 is 768-bit MODP', DHGroup2: 'DH group 2 is 1024-bit MODP', None: 'no Diffie-Hellman group' },
    allowed: ['ECP384', 'ECP256', 'DHGroup24', 'DHGroup14', 'DHGroup2048'],
  },
  {
    field: 'ipsecEncryption',
    attribute: 'ipsec_encryption',
    accepted: ['None', 'DES', 'DES3', 'AES128', 'AES192', 'AES256', 'GCMAES128', 'GCMAES192', 'GCMAES256'],
    documented: ['None', 'DES', 'DES3', 'AES128', 'AES192', 'AES256', 'GCMAES128', 'GCMAES192', 'GCMAES256'],
    // `None` (ESP NULL) is ipsec.null's concern: acceptable on VNet-to-VNet, not over the Internet.
    weak: { DES: 'DES is broken', DES3: '3DES is legacy and the slowest option' },
    allowed: ['GCMAES256', 'GCMAES192', 'GCMAES128', 'AES256', 'AES192', 'AES128'],
  },
  {
    field: 'ipsecIntegrity',
    attribute: 'ipsec_integrity',
    accepted: ['MD5', 'SHA1', 'SHA256', 'GCMAES128', 'GCMAES192', 'GCMAES256'],
    documented: ['MD5', 'SHA1', 'SHA256', 'GCMAES128', 'GCMAES192', 'GCMAES256'],
    weak: { MD5: 'MD5 is broken', SHA1: 'SHA1 is legacy' },
    allowed: ['GCMAES256', 'GCMAES192', 'GCMAES128', 'SHA256'],
  },
  {
    field: 'pfsGroup',
    attribute: 'pfs_group',
    accepted: ['None', 'PFS1', 'PFS2', 'PFS2048', 'ECP256', 'ECP384', 'PFS24', 'PFS14', 'PFSMM'],
    documented: ['PFS24', 'ECP384', 'ECP256', 'PFS2048', 'PFS2', 'PFS1', 'None'],
    weak: { PFS1: 'PFS group 1 is 768-bit MODP', PFS2: 'PFS group 2 is 1024-bit MODP' },
    // PFS14 and PFSMM are accepted but undocumented (their groups are unconfirmed); None turns PFS off.
    allowed: ['ECP384', 'ECP256', 'PFS24', 'PFS2048'],
  },
];

/** The GCM algorithms of `ipsec_encryption` that must be paired with the same `ipsec_integrity`. */
export const GCM_IPSEC_ALGORITHMS: readonly string[] = ['GCMAES128', 'GCMAES192', 'GCMAES256'];

/** Connection `sa_lifetime` (quick mode, seconds): azurerm's minimum, and the P2S maximum (S2S maximum undocumented). */
export const SA_LIFETIME_SECONDS = { min: 300, documentedMax: 172799, default: 27000 } as const;

/** Connection `sa_datasize` (quick mode, KB): 0 (no limit) or 1024 up to the int32 maximum. */
export const SA_DATASIZE_KILOBYTES = { min: 1024, max: 2147483647, default: 102400000 } as const;

/** `dh_group` values the docs list as another name of the same group: `DHGroup2048` is `DHGroup14`. */
export const DH_GROUP_ALIASES: Readonly<Record<string, string>> = { DHGroup2048: 'DHGroup14' };

const SPEC_BY_FIELD = new Map(IPSEC_ALGORITHMS.map((s) => [s.field, s]));

/** The enumeration of one algorithm field. */
export function algorithmSpec(field: IpsecAlgorithmField): IpsecAlgorithmSpec {
  return SPEC_BY_FIELD.get(field)!;
}

/** Whether a value is accepted for an algorithm field (exact case, as azurerm and the API compare). */
export function isAcceptedIpsecValue(field: IpsecAlgorithmField, value: string): boolean {
  return algorithmSpec(field).accepted.includes(value);
}

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
}

const GCMAES_IKE = 'not documented for IKE integrity since 2024 (use SHA256 or SHA384 with a GCMAES ike_encryption)';

export const IPSEC_ALGORITHMS: readonly IpsecAlgorithmSpec[] = [
  {
    field: 'ikeEncryption',
    attribute: 'ike_encryption',
    accepted: ['AES128', 'AES192', 'AES256', 'DES', 'DES3', 'GCMAES128', 'GCMAES256'],
    documented: ['GCMAES256', 'GCMAES128', 'AES256', 'AES192', 'AES128'],
    weak: { DES: 'DES is broken', DES3: '3DES is legacy and the slowest option' },
  },
  {
    field: 'ikeIntegrity',
    attribute: 'ike_integrity',
    accepted: ['MD5', 'SHA1', 'SHA256', 'SHA384', 'GCMAES128', 'GCMAES256'],
    documented: ['SHA384', 'SHA256', 'SHA1', 'MD5'],
    weak: { MD5: 'MD5 is broken', SHA1: 'SHA1 is legacy', GCMAES128: GCMAES_IKE, GCMAES256: GCMAES_IKE },
  },
  {
    field: 'dhGroup',
    attribute: 'dh_group',
    accepted: ['None', 'DHGroup1', 'DHGroup2', 'DHGroup14', 'DHGroup2048', 'ECP256', 'ECP384', 'DHGroup24'],
    documented: ['None', 'DHGroup1', 'DHGroup2', 'DHGroup14', 'DHGroup2048', 'ECP256', 'ECP384', 'DHGroup24'],
    weak: { DHGroup1: 'DH group 1 is 768-bit MODP', DHGroup2: 'DH group 2 is 1024-bit MODP', None: 'no Diffie-Hellman group' },
  },
  {
    field: 'ipsecEncryption',
    attribute: 'ipsec_encryption',
    accepted: ['None', 'DES', 'DES3', 'AES128', 'AES192', 'AES256', 'GCMAES128', 'GCMAES192', 'GCMAES256'],
    documented: ['None', 'DES', 'DES3', 'AES128', 'AES192', 'AES256', 'GCMAES128', 'GCMAES192', 'GCMAES256'],
    // `None` (ESP NULL) is ipsec.null's concern: acceptable on VNet-to-VNet, not over the Internet.
    weak: { DES: 'DES is broken', DES3: '3DES is legacy and the slowest option' },
  },
  {
    field: 'ipsecIntegrity',
    attribute: 'ipsec_integrity',
    accepted: ['MD5', 'SHA1', 'SHA256', 'GCMAES128', 'GCMAES192', 'GCMAES256'],
    documented: ['MD5', 'SHA1', 'SHA256', 'GCMAES128', 'GCMAES192', 'GCMAES256'],
    weak: { MD5: 'MD5 is broken', SHA1: 'SHA1 is legacy' },
  },
  {
    field: 'pfsGroup',
    attribute: 'pfs_group',
    accepted: ['None', 'PFS1', 'PFS2', 'PFS2048', 'ECP256', 'ECP384', 'PFS24', 'PFS14', 'PFSMM'],
    documented: ['PFS24', 'ECP384', 'ECP256', 'PFS2048', 'PFS2', 'PFS1', 'None'],
    weak: { PFS1: 'PFS group 1 is 768-bit MODP', PFS2: 'PFS group 2 is 1024-bit MODP' },
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

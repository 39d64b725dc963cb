/**
 * What an Azure VPN gateway offers and accepts when a connection has no `ipsec_policy`, in Azure's
 * own algorithm names and in Azure's order of preference ("About VPN devices and IPsec/IKE
 * parameters", section "Default IPsec/IKE parameters"). Vendor renderers translate the names.
 */

/** One IKE (phase 1) proposal in Azure's vocabulary (`ike_encryption`, `ike_integrity`, `dh_group`). */
export interface IkeProposal {
  readonly encryption: string;
  readonly integrity: string;
  readonly dhGroup: string;
}

/**
 * One ESP (phase 2) proposal in Azure's vocabulary (`ipsec_encryption`, `ipsec_integrity`,
 * `pfs_group`). A GCM encryption carries the same GCM value as integrity; `pfsGroup` is `None`
 * for no PFS.
 */
export interface EspProposal {
  readonly encryption: string;
  readonly integrity: string;
  readonly pfsGroup: string;
}

/** Route-based gateways: phase 1, DH group 2 only. */
export const AZURE_DEFAULT_IKE_ROUTE_BASED: readonly IkeProposal[] = [
  { encryption: 'AES256', integrity: 'SHA1', dhGroup: 'DHGroup2' },
  { encryption: 'AES256', integrity: 'SHA256', dhGroup: 'DHGroup2' },
  { encryption: 'AES128', integrity: 'SHA1', dhGroup: 'DHGroup2' },
  { encryption: 'AES128', integrity: 'SHA256', dhGroup: 'DHGroup2' },
  { encryption: 'DES3', integrity: 'SHA1', dhGroup: 'DHGroup2' },
  { encryption: 'DES3', integrity: 'SHA256', dhGroup: 'DHGroup2' },
];

/** Policy-based gateways (IKEv1): phase 1. */
export const AZURE_DEFAULT_IKE_POLICY_BASED: readonly IkeProposal[] = [
  { encryption: 'AES256', integrity: 'SHA256', dhGroup: 'DHGroup2' },
  { encryption: 'AES256', integrity: 'SHA1', dhGroup: 'DHGroup2' },
  { encryption: 'AES128', integrity: 'SHA1', dhGroup: 'DHGroup2' },
  { encryption: 'DES3', integrity: 'SHA1', dhGroup: 'DHGroup2' },
];

/**
 * Route-based gateways: the CHILD SA proposals Azure makes as initiator, all without PFS. Each is
 * also in Azure's responder list without PFS, so a device that offers exactly these both accepts
 * what Azure initiates and is accepted at every rekey it initiates: PFS never comes into play.
 */
export const AZURE_DEFAULT_ESP_ROUTE_BASED: readonly EspProposal[] = [
  { encryption: 'GCMAES256', integrity: 'GCMAES256', pfsGroup: 'None' },
  { encryption: 'AES256', integrity: 'SHA1', pfsGroup: 'None' },
  { encryption: 'DES3', integrity: 'SHA1', pfsGroup: 'None' },
  { encryption: 'AES256', integrity: 'SHA256', pfsGroup: 'None' },
  { encryption: 'AES128', integrity: 'SHA1', pfsGroup: 'None' },
  { encryption: 'DES3', integrity: 'SHA256', pfsGroup: 'None' },
];

/** Policy-based gateways: phase 2 offers, without PFS. */
export const AZURE_DEFAULT_ESP_POLICY_BASED: readonly EspProposal[] = [
  { encryption: 'AES256', integrity: 'SHA256', pfsGroup: 'None' },
  { encryption: 'AES256', integrity: 'SHA1', pfsGroup: 'None' },
  { encryption: 'AES128', integrity: 'SHA1', pfsGroup: 'None' },
  { encryption: 'DES3', integrity: 'SHA1', pfsGroup: 'None' },
];

/** The IKE SA lifetime is fixed, also with a custom policy. */
export const AZURE_IKE_SA_LIFETIME_SECONDS = 28_800;
/** Route-based default CHILD SA lifetime, and azurerm's `sa_lifetime` default. */
export const AZURE_CHILD_SA_LIFETIME_SECONDS_ROUTE_BASED = 27_000;
export const AZURE_CHILD_SA_LIFETIME_SECONDS_POLICY_BASED = 3_600;
/** Default CHILD SA volume, and azurerm's `sa_datasize` default. */
export const AZURE_CHILD_SA_KILOBYTES = 102_400_000;
/** azurerm's `dpd_timeout_seconds` default. */
export const AZURE_DPD_TIMEOUT_SECONDS = 45;

/**
 * Everything that differs between the two packages built from this source: `cdktf-azure-vpn`
 * (cdktf 0.21, @cdktf/provider-azurerm 14.23 = azurerm 4.55) and `cdktn-azure-vpn` (cdktn 0.24,
 * @cdktn/provider-azurerm 16.1 = azurerm 4.73). scripts/cdktn-variant.ts rewrites the
 * `FRAMEWORK` line below, and nothing else here, when it builds the cdktn package.
 */
const SETTINGS = {
  cdktf: {
    // azurerm 4.55 only knows `enable_bgp`.
    bgpEnabledProperty: 'enableBgp',
  },
  cdktn: {
    // azurerm 4.62 deprecated `enable_bgp` for `bgp_enabled` (gateway and connection); 5.0 removes it.
    bgpEnabledProperty: 'bgpEnabled',
  },
} as const;

/** The framework this copy of the library is built for. */
export const FRAMEWORK = 'cdktf';

/**
 * The provider binding's config property for the BGP switch of `azurerm_virtual_network_gateway`
 * and `azurerm_virtual_network_gateway_connection`; use it as `{ [BGP_ENABLED_PROPERTY]: on }`.
 */
export const BGP_ENABLED_PROPERTY = SETTINGS[FRAMEWORK].bgpEnabledProperty;

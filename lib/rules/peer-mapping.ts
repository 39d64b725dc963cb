/**
 * How the project's rules relate to the VPN rules of other checkers (PSRule for Azure, Azure
 * Policy built-ins, tflint-ruleset-azurerm), so that users running several tools can switch off
 * duplicates. RULES.md renders it. Empty cells: the peer has no such rule.
 */
export interface PeerMapping {
  /** The project's rule id, or an empty string when the project has none. */
  readonly rule: string;
  readonly psrule?: string;
  readonly azurePolicy?: string;
  readonly tflint?: string;
  readonly note?: string;
}

export const PEER_MAPPING: readonly PeerMapping[] = [
  { rule: 'gw.sku.legacy-create', psrule: 'Azure.VNG.VPNLegacySKU (AZR-000269)', tflint: 'azurerm_virtual_network_gateway_invalid_sku', note: 'tflint accepts the retired SKUs' },
  { rule: 'gw.sku.basic-limits', psrule: 'Azure.VNG.VPNLegacySKU (AZR-000269, Basic)', azurePolicy: 'e345b6c3-24bd-4c93-9bbb-7e5e49a17b78 (VPN gateways should not use basic SKU)', note: 'partial: a warning for production use' },
  { rule: 'gw.recommend.active-active', psrule: 'Azure.VNG.VPNActiveActive (AZR-000270)', note: 'best-practice profile' },
  { rule: 'gw.sku.non-az-create', psrule: 'Azure.VNG.VPNAvailabilityZoneSKU (AZR-000272)', azurePolicy: 'da8a2248-… ([Preview] Virtual network gateways should be Zone Redundant)', tflint: 'azurerm_virtual_network_gateway_invalid_sku', note: 'tflint is weaker' },
  { rule: 'gw.maintenance', psrule: 'Azure.VNG.MaintenanceConfig (AZR-000430)', note: 'best-practice profile' },
  { rule: 'gw.name', psrule: 'Azure.VNG.Name (AZR-000274)' },
  { rule: 'conn.name', psrule: 'Azure.VNG.ConnectionName (AZR-000275)' },
  { rule: 'gw.subnet.no-nsg', psrule: 'Azure.VNET.UseNSGs (AZR-000263, GatewaySubnet exemption)', azurePolicy: '35f9c03a-cc27-418e-9c0c-539ff999d010 (Gateway subnets should not be configured with a network security group)' },
  { rule: 'peer.both-sides', psrule: 'Azure.VNET.PeerState (AZR-000266)', note: 'decided before deployment here' },
  { rule: 'gw.pip.standard', psrule: 'Azure.PublicIP.StandardSKU, Azure.PublicIP.MigrateStandard' },
  { rule: 'gw.pip.zones-az', psrule: 'Azure.PublicIP.AvailabilityZone' },
  { rule: 'ipsec.require-custom', azurePolicy: '50b83b09-03da-41c1-b656-c293c914862b (A custom IPsec/IKE policy must be applied to all connections)', note: 'best-practice profile; a fixed allow-list of strong algorithms where the policy takes user-given lists' },
  { rule: 'p2s.entra-only', azurePolicy: '21a6bc25-125e-4d13-b82d-2e19b7208ab7 (VPN gateways should use only Azure AD authentication for point-to-site users)', note: 'best-practice profile' },
  { rule: 'azurerm.enum-case', tflint: 'azurerm_virtual_network_gateway_invalid_generation, _invalid_type, _invalid_vpn_type; azurerm_virtual_network_gateway_connection_invalid_type, _invalid_connection_protocol', note: 'case-exact spelling of the values the rules read' },
  { rule: 'conn.type.required-peer', tflint: 'azurerm_virtual_network_gateway_connection_invalid_type' },
  { rule: 'conn.ikev1', tflint: 'azurerm_virtual_network_gateway_connection_invalid_connection_protocol', note: 'partial' },
  { rule: '', psrule: 'Azure.VNG.Naming, Azure.VNG.ConnectionNaming; Azure.VNET.BastionSubnet, Azure.VNET.FirewallSubnet', azurePolicy: 'f1776c76-… (specified gateway); DS_LA_… (diagnostic settings)', note: 'organisation conventions and hub layout: out of scope' },
];

import { AZURE_DEFAULT_ASN } from './asn';

/**
 * The values Azure (through azurerm 4.x) gives an attribute the configuration leaves unset, so
 * that every rule, the reachability engine and the reports apply them the same way. The readers
 * take any object with the attribute, known or not: what is unknown stays unknown.
 */

/** The `ip_configuration.name` azurerm gives a gateway IP configuration. */
export const DEFAULT_IP_CONFIGURATION_NAME = 'vnetGatewayConfig';

/** The one subnet name Azure accepts for virtual network gateways. */
export const GATEWAY_SUBNET = 'GatewaySubnet';

/** Azure compares the GatewaySubnet name case-insensitively. */
export function isGatewaySubnetName(name: string): boolean {
  return name.toLowerCase() === GATEWAY_SUBNET.toLowerCase();
}

/** `vpn_type` with its azurerm default applied. */
export function vpnTypeOf<U>(g: { readonly vpnType?: string | U }): string | U {
  return g.vpnType ?? 'RouteBased';
}

/** `type` of a gateway; azurerm requires it, treat absence as `Vpn`. */
export function gatewayTypeOf<U>(g: { readonly gatewayType?: string | U }): string | U {
  return g.gatewayType ?? 'Vpn';
}

/** Whether the gateway is a VPN gateway (not ExpressRoute); the unknown `type` when it is unknown. */
export function isVpnGateway<U extends object>(g: { readonly gatewayType?: string | U }): boolean | U {
  const t = gatewayTypeOf(g);
  return typeof t === 'string' ? t === 'Vpn' : t;
}

/** `active_active` with its default (false). */
export function activeActiveOf<U>(g: { readonly activeActive?: boolean | U }): boolean | U {
  return g.activeActive ?? false;
}

/** Gateway `bgp_enabled` / `enable_bgp` with its default (false). */
export function gatewayBgpOf<U>(g: { readonly bgpEnabled?: boolean | U }): boolean | U {
  return g.bgpEnabled ?? false;
}

/** Connection `bgp_enabled` / `enable_bgp` with its default (false). */
export function connectionBgpOf<U>(c: { readonly bgpEnabled?: boolean | U }): boolean | U {
  return c.bgpEnabled ?? false;
}

/** The gateway ASN with its default (65515, assigned "whether BGP is enabled or not"). */
export function gatewayAsnOf<U>(g: { readonly bgpSettings?: { readonly asn?: number | U } }): number | U {
  return g.bgpSettings?.asn ?? AZURE_DEFAULT_ASN;
}

/** Public IP `sku` with the azurerm 4.x default (`Standard`). */
export function publicIpSkuOf<U>(publicIp: { readonly sku?: string | U }): string | U {
  return publicIp.sku ?? 'Standard';
}

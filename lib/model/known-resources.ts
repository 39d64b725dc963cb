/**
 * What the user told about a resource that is not in the configuration (a construct's
 * `fromAttributes`): known values that replace the placeholder's unknowns, so that rules judge an
 * existing gateway or VNet as they would one declared in the stack.
 */
export interface KnownVirtualNetwork {
  readonly kind: 'virtualNetwork';
  /** The ID as the configuration writes it: a literal Azure ID or a resolved token (`${data.azurerm_virtual_network.hub.id}`). */
  readonly id: string;
  readonly addressSpace?: readonly string[];
}

export interface KnownGateway {
  readonly kind: 'gateway';
  readonly id: string;
  readonly sku?: string;
  readonly vpnType?: string;
  readonly activeActive?: boolean;
  readonly bgpEnabled?: boolean;
  readonly bgpAsn?: number;
  readonly ipConfigurationNames?: readonly string[];
  /** The gateway's VNet, whose GatewaySubnet holds it. */
  readonly virtualNetwork?: KnownVirtualNetwork;
}

export type KnownResource = KnownVirtualNetwork | KnownGateway;

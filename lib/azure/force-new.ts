/**
 * The attributes whose change makes Terraform replace (destroy and re-create) a resource, for the
 * resources a VPN outage hangs on: azurerm 4.55's `ForceNew` schema flags (and the one
 * `CustomizeDiff` that forces a new public IP), as plain data.
 *
 * Replacing a VPN gateway takes 30–60 minutes without any tunnel; replacing one of its public IPs
 * changes the address every on-premises device is configured with.
 *
 * @see https://github.com/hashicorp/terraform-provider-azurerm/blob/v4.55.0/internal/services/network/virtual_network_gateway_resource.go
 */

/** How an unset attribute compares with a set one. */
export interface ForceNewAttribute {
  /** The Terraform attribute (a block for `ip_configuration`). */
  readonly name: string;
  /**
   * The value azurerm uses when the configuration leaves it unset (so `vpn_type` unset and
   * `"RouteBased"` are the same). Unset for attributes without a default.
   */
  readonly default?: unknown;
  /**
   * Optional + Computed: when the configuration drops it, Terraform keeps what Azure has, so only
   * a change between two written values (or a newly written value that differs from `default`,
   * when Azure's choice is known) replaces the resource.
   */
  readonly computed?: boolean;
  /**
   * azurerm's `CustomizeDiff` for `domain_name_label_scope`: setting it where it was unset is an
   * in-place update; every other change replaces the public IP.
   */
  readonly inPlaceWhenFirstSet?: boolean;
  /**
   * A list of nested blocks compared as a whole (their number too), with these defaults for
   * nested attributes left unset.
   */
  readonly blockDefaults?: Readonly<Record<string, unknown>>;
  /** A set: order does not matter. */
  readonly unordered?: boolean;
}

const NAME: ForceNewAttribute = { name: 'name' };
const RESOURCE_GROUP: ForceNewAttribute = { name: 'resource_group_name' };
const LOCATION: ForceNewAttribute = { name: 'location' };
const EDGE_ZONE: ForceNewAttribute = { name: 'edge_zone' };

/** The resource types whose replacement is a VPN outage, with their ForceNew attributes (azurerm 4.55). */
export const FORCE_NEW_ATTRIBUTES: Readonly<Record<string, readonly ForceNewAttribute[]>> = {
  azurerm_virtual_network_gateway: [
    NAME,
    RESOURCE_GROUP,
    LOCATION,
    { name: 'type' },
    { name: 'vpn_type', default: 'RouteBased' },
    EDGE_ZONE,
    { name: 'private_ip_address_enabled', default: false },
    { name: 'generation', computed: true },
    // ForceNew as a whole since azurerm 4.11 (PR #27828): any change inside it, or another count.
    { name: 'ip_configuration', blockDefaults: { name: 'vnetGatewayConfig', private_ip_address_allocation: 'Dynamic' } },
  ],
  azurerm_public_ip: [
    NAME,
    RESOURCE_GROUP,
    LOCATION,
    { name: 'sku', default: 'Standard' },
    { name: 'sku_tier', default: 'Regional' },
    { name: 'zones', unordered: true, default: [] },
    { name: 'ip_version', default: 'IPv4' },
    { name: 'public_ip_prefix_id' },
    { name: 'ip_tags', default: {} },
    EDGE_ZONE,
    { name: 'domain_name_label_scope', inPlaceWhenFirstSet: true },
  ],
  azurerm_virtual_network_gateway_connection: [
    NAME,
    RESOURCE_GROUP,
    LOCATION,
    { name: 'type' },
    { name: 'virtual_network_gateway_id' },
    { name: 'dpd_timeout_seconds' },
    { name: 'express_route_circuit_id' },
    { name: 'peer_virtual_network_gateway_id' },
    { name: 'local_azure_ip_address_enabled', default: false },
    // Optional + Computed; Azure's default protocol is IKEv2 (azurerm docs).
    { name: 'connection_protocol', computed: true, default: 'IKEv2' },
    { name: 'connection_mode', default: 'Default' },
  ],
  azurerm_local_network_gateway: [NAME, RESOURCE_GROUP, LOCATION],
  // The GatewaySubnet: replacing it replaces the gateway whose ip_configuration names it.
  azurerm_subnet: [NAME, RESOURCE_GROUP, { name: 'virtual_network_name' }],
  // The gateway's VNet: a new name replaces the GatewaySubnet that names it.
  azurerm_virtual_network: [NAME, RESOURCE_GROUP, LOCATION, EDGE_ZONE],
};

/** Whether changes of resources of this type are compared at all. */
export function hasForceNewAttributes(type: string): boolean {
  return Object.prototype.hasOwnProperty.call(FORCE_NEW_ATTRIBUTES, type);
}

/**
 * Generates a large, valid hub-and-spoke Terraform JSON configuration, deterministically, for
 * benchmarks: one hub with an active-active VpnGw5AZ gateway, up to 50 BGP sites (a local
 * network gateway and a connection each; VpnGw5AZ allows 100 tunnels, and an active-active
 * connection may count twice) and as many spokes (a VNet and its two peerings) as it takes to
 * reach the requested number of resources.
 */

/** Resources that every generated configuration has: resource group, hub VNet, GatewaySubnet, two public IPs, gateway, the shared-key password. */
const FIXED_RESOURCES = 7;
const RESOURCES_PER_SITE = 2;
const RESOURCES_PER_SPOKE = 3;
const MAX_SITES = 50;

type Block = Record<string, unknown>;

export interface GeneratedShape {
  readonly sites: number;
  readonly spokes: number;
  readonly resources: number;
}

/** How many sites and spokes make up about `resources` resources. */
export function shapeFor(resources: number): GeneratedShape {
  const budget = Math.max(0, Math.floor(resources) - FIXED_RESOURCES);
  const sites = Math.min(MAX_SITES, Math.floor(budget / 10 / RESOURCES_PER_SITE), Math.floor(budget / RESOURCES_PER_SITE));
  const spokes = Math.floor((budget - sites * RESOURCES_PER_SITE) / RESOURCES_PER_SPOKE);
  return { sites, spokes, resources: FIXED_RESOURCES + sites * RESOURCES_PER_SITE + spokes * RESOURCES_PER_SPOKE };
}

export function generateHubSpokeConfig(resources: number): object {
  const { sites, spokes } = shapeFor(resources);
  const common = { location: '${azurerm_resource_group.hub.location}', resource_group_name: '${azurerm_resource_group.hub.name}' };

  const virtualNetworks: Block = { hub: { name: 'vnet-hub', ...common, address_space: ['10.0.0.0/16'] } };
  const peerings: Block = {};
  for (let i = 0; i < spokes; i++) {
    const spoke = `spoke${i}`;
    virtualNetworks[spoke] = { name: `vnet-${spoke}`, ...common, address_space: [spokePrefix(i, spokes)] };
    peerings[`hub_to_${spoke}`] = {
      name: `hub-to-${spoke}`,
      resource_group_name: common.resource_group_name,
      virtual_network_name: '${azurerm_virtual_network.hub.name}',
      remote_virtual_network_id: `\${azurerm_virtual_network.${spoke}.id}`,
      allow_forwarded_traffic: true,
      allow_gateway_transit: true,
    };
    peerings[`${spoke}_to_hub`] = {
      name: `${spoke}-to-hub`,
      resource_group_name: common.resource_group_name,
      virtual_network_name: `\${azurerm_virtual_network.${spoke}.name}`,
      remote_virtual_network_id: '${azurerm_virtual_network.hub.id}',
      allow_forwarded_traffic: true,
      use_remote_gateways: true,
      depends_on: ['azurerm_virtual_network_gateway.hub', `azurerm_virtual_network_peering.hub_to_${spoke}`],
    };
  }

  const localGateways: Block = {};
  const connections: Block = {};
  for (let i = 0; i < sites; i++) {
    const site = `site${i}`;
    const peer = `172.16.${i}.1`;
    localGateways[site] = {
      name: `lng-${site}`,
      ...common,
      gateway_address: `203.0.113.${i + 1}`,
      address_space: [`${peer}/32`],
      bgp_settings: { asn: 64600 + i, bgp_peering_address: peer },
    };
    connections[site] = {
      name: `cn-hub-${site}`,
      ...common,
      type: 'IPsec',
      virtual_network_gateway_id: '${azurerm_virtual_network_gateway.hub.id}',
      local_network_gateway_id: `\${azurerm_local_network_gateway.${site}.id}`,
      shared_key: '${random_password.psk.result}',
      enable_bgp: true,
      ipsec_policy: {
        ike_encryption: 'GCMAES256',
        ike_integrity: 'SHA384',
        dh_group: 'ECP384',
        ipsec_encryption: 'GCMAES256',
        ipsec_integrity: 'GCMAES256',
        pfs_group: 'ECP384',
      },
    };
  }

  const publicIp = (name: string): Block => ({ name, ...common, sku: 'Standard', allocation_method: 'Static', zones: ['1', '2', '3'] });
  return {
    terraform: { required_providers: { azurerm: { source: 'hashicorp/azurerm', version: '~> 4.55' }, random: { source: 'hashicorp/random' } } },
    provider: { azurerm: { features: {} }, random: {} },
    resource: {
      azurerm_resource_group: { hub: { name: 'rg-bench', location: 'westeurope' } },
      random_password: { psk: { length: 32, special: false } },
      azurerm_virtual_network: virtualNetworks,
      azurerm_subnet: {
        gateway: {
          name: 'GatewaySubnet',
          resource_group_name: common.resource_group_name,
          virtual_network_name: '${azurerm_virtual_network.hub.name}',
          address_prefixes: ['10.0.255.0/27'],
        },
      },
      azurerm_public_ip: { gateway_1: publicIp('pip-vgw-1'), gateway_2: publicIp('pip-vgw-2') },
      azurerm_virtual_network_gateway: {
        hub: {
          name: 'vgw-hub',
          ...common,
          type: 'Vpn',
          vpn_type: 'RouteBased',
          sku: 'VpnGw5AZ',
          generation: 'Generation2',
          active_active: true,
          enable_bgp: true,
          ip_configuration: [1, 2].map((n) => ({
            name: `vnetGatewayConfig${n}`,
            public_ip_address_id: `\${azurerm_public_ip.gateway_${n}.id}`,
            private_ip_address_allocation: 'Dynamic',
            subnet_id: '${azurerm_subnet.gateway.id}',
          })),
          bgp_settings: { asn: 65010 },
        },
      },
      ...(sites > 0 ? { azurerm_local_network_gateway: localGateways, azurerm_virtual_network_gateway_connection: connections } : {}),
      ...(spokes > 0 ? { azurerm_virtual_network_peering: peerings } : {}),
    },
  };
}

/** How many /24 spokes fit from 10.1.0.0 to 10.254.255.0; beyond that every spoke gets a /26. */
const SPOKES_AT_24 = 254 * 256;
const SPOKES_AT_26 = SPOKES_AT_24 * 4;

/**
 * A /24 per spoke from 10.1.0.0 on (10.1.0.0/24, 10.1.1.0/24, … 10.254.255.0/24), while 65,024
 * spokes or fewer are asked for (about 195,000 resources); for more, a /26 per spoke over the
 * same range (260,096 spokes, about 780,000 resources).
 */
export function spokePrefix(index: number, spokes: number): string {
  if (spokes <= SPOKES_AT_24) return `10.${1 + Math.floor(index / 256)}.${index % 256}.0/24`;
  if (index >= SPOKES_AT_26) throw new Error(`too many spokes for the 10.0.0.0/8 plan: ${index + 1}`);
  const block = Math.floor(index / 4);
  return `10.${1 + Math.floor(block / 256)}.${block % 256}.${(index % 4) * 64}/26`;
}

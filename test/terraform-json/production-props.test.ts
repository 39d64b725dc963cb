import { topologyFromTerraformJson } from '../../lib/terraform-json';
import { OtherResource, Topology, VirtualNetworkGateway } from '../../lib/model/topology';
import { isUnknown } from '../../lib/model/unknown';

function adapt(resource: Record<string, Record<string, unknown>>): Topology {
  return topologyFromTerraformJson([{ file: 'main.tf.json', content: { resource } }]);
}

const GATEWAY = {
  name: 'gw',
  type: 'Vpn',
  sku: 'VpnGw2AZ',
  ip_configuration: [{ name: 'default', subnet_id: '${azurerm_subnet.gw.id}', public_ip_address_id: '${azurerm_public_ip.gw.id}' }],
  policy_group: [
    { name: 'eng', is_default: true, priority: 0, policy_member: [{ name: 'm', type: 'AADGroupId', value: '0cf484f2-238e-440b-8c73-7bf232b248dc' }] },
  ],
  custom_route: [{ address_prefixes: ['10.50.0.0/16'] }],
  vpn_client_configuration: [
    {
      address_space: ['172.16.0.0/24'],
      virtual_network_gateway_client_connection: [{ name: 'eng', policy_group_names: ['eng'], address_prefixes: ['172.17.0.0/24'] }],
    },
  ],
};

describe('the adapter reads the production settings of issue 10', () => {
  test('GIVEN policy_group, custom_route and client connections WHEN adapted THEN the gateway model holds them', () => {
    const g = adapt({ azurerm_virtual_network_gateway: { gw: GATEWAY } }).entities.get('azurerm_virtual_network_gateway.gw') as VirtualNetworkGateway;
    expect(g.policyGroups).toEqual([{ name: 'eng', isDefault: true, priority: 0, members: [{ name: 'm', type: 'AADGroupId', value: '0cf484f2-238e-440b-8c73-7bf232b248dc' }] }]);
    expect(g.customRoutes).toEqual({ items: ['10.50.0.0/16'] });
    expect(g.p2s?.clientConnections).toEqual([{ name: 'eng', policyGroupNames: { items: ['eng'] }, addressPrefixes: { items: ['172.17.0.0/24'] } }]);
  });

  test('GIVEN a gateway without them WHEN adapted THEN the fields are absent', () => {
    const { policy_group: _groups, custom_route: _routes, vpn_client_configuration: _p2s, ...plain } = GATEWAY;
    const g = adapt({ azurerm_virtual_network_gateway: { gw: plain } }).entities.get('azurerm_virtual_network_gateway.gw') as VirtualNetworkGateway;
    expect(g.policyGroups).toBeUndefined();
    expect(g.customRoutes).toBeUndefined();
    expect(g.p2s).toBeUndefined();
  });

  test('GIVEN a management lock on the gateway WHEN adapted THEN its level and the gateway address are read; a variable level is unknown', () => {
    const t = adapt({
      azurerm_virtual_network_gateway: { gw: GATEWAY },
      azurerm_management_lock: {
        ro: { name: 'ro', scope: '${azurerm_virtual_network_gateway.gw.id}', lock_level: 'ReadOnly' },
        v: { name: 'v', scope: '${azurerm_virtual_network_gateway.gw.id}', lock_level: '${var.level}' },
      },
    });
    const ro = t.entities.get('azurerm_management_lock.ro') as OtherResource;
    expect([ro.lockLevel, ro.lockScope]).toEqual(['ReadOnly', 'azurerm_virtual_network_gateway.gw']);
    expect(isUnknown((t.entities.get('azurerm_management_lock.v') as OtherResource).lockLevel)).toBe(true);
  });
});

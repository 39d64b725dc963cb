import { topologyFromTerraformJson } from '../../lib/terraform-json';
import { VirtualNetworkGateway } from '../../lib/model/topology';
import { isKnown, Unknown } from '../../lib/model/unknown';
import { checkTopology } from '../../lib/rules/engine';

/** `dynamic` blocks over known collections are expanded; over anything else they stay unknown. */

const SUBNET = '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/GatewaySubnet';

function gateway(dynamic: unknown, locals: unknown = {}): VirtualNetworkGateway {
  const t = topologyFromTerraformJson([
    {
      file: 'main.tf.json',
      content: {
        locals,
        resource: {
          azurerm_public_ip: {
            a: { name: 'a', sku: 'Standard', allocation_method: 'Static' },
            b: { name: 'b', sku: 'Basic', allocation_method: 'Static' },
          },
          azurerm_virtual_network_gateway: { gw: { name: 'gw', type: 'Vpn', sku: 'VpnGw1', active_active: true, dynamic } },
        },
      },
    },
  ]);
  return t.gateways[0];
}

const ipConfigurations = (for_each: unknown, iterator?: string) => ({
  ip_configuration: {
    for_each,
    ...(iterator ? { iterator } : {}),
    content: { name: `\${${iterator ?? 'ip_configuration'}.key}`, public_ip_address_id: `\${${iterator ?? 'ip_configuration'}.value.ip}`, subnet_id: SUBNET },
  },
});

describe('GIVEN a dynamic block', () => {
  test('WHEN for_each is a literal map THEN one block per element, with key and value', () => {
    const gw = gateway(ipConfigurations({ first: { ip: '${azurerm_public_ip.a.id}' }, second: { ip: '${azurerm_public_ip.b.id}' } }));
    expect(isKnown(gw.ipConfigurations)).toBe(true);
    expect((gw.ipConfigurations as Array<{ name: unknown; publicIp: unknown }>).map((c) => [c.name, c.publicIp])).toEqual([
      ['first', 'azurerm_public_ip.a'],
      ['second', 'azurerm_public_ip.b'],
    ]);
    expect(gw.unknownBlocks?.ip_configuration).toBeUndefined();
  });

  test('WHEN for_each is a list from a local and the iterator is renamed THEN key is the index', () => {
    const gw = gateway(ipConfigurations('${local.ips}', 'cfg'), { ips: [{ ip: '${azurerm_public_ip.a.id}' }] });
    expect((gw.ipConfigurations as Array<{ name: unknown }>).map((c) => c.name)).toEqual(['0']);
  });

  test('WHEN the expanded blocks break a rule THEN the rule decides (a Basic IP on an active-active gateway)', () => {
    const t = topologyFromTerraformJson([{ file: 'x.tf.json', content: { resource: {
      azurerm_public_ip: { b: { name: 'b', sku: 'Basic', allocation_method: 'Static' } },
      azurerm_virtual_network_gateway: { gw: { name: 'gw', type: 'Vpn', sku: 'VpnGw1', dynamic: ipConfigurations([{ ip: '${azurerm_public_ip.b.id}' }]) } },
    } } }]);
    expect(checkTopology(t).filter((f) => f.severity === 'error').map((f) => f.rule)).toContain('gw.pip.standard');
  });

  test('WHEN for_each is a variable, a function or not a collection THEN the blocks stay unknown with the reason', () => {
    expect(gateway(ipConfigurations('${var.ips}')).unknownBlocks?.ip_configuration?.reason).toContain('over a collection Terraform evaluates (var.ips is a variable)');
    expect(gateway(ipConfigurations('${sort(["a"])}')).unknownBlocks?.ip_configuration?.reason).toContain('sort() is a function call');
    expect(gateway(ipConfigurations('text')).unknownBlocks?.ip_configuration).toBeInstanceOf(Unknown);
  });

  test('WHEN content reads a key the element lacks THEN that value is unknown, not a guess', () => {
    const gw = gateway(ipConfigurations({ first: { other: 1 } }));
    expect((gw.ipConfigurations as Array<{ publicIp: unknown }>)[0].publicIp).toBeInstanceOf(Unknown);
  });

  test('WHEN the collection has more elements than the bound THEN it stays unknown', () => {
    const many = Array.from({ length: 1001 }, () => ({ ip: '${azurerm_public_ip.a.id}' }));
    expect(gateway(ipConfigurations(many)).unknownBlocks?.ip_configuration?.reason).toContain('more than 1000 elements');
  });
});

import { FORCE_NEW_ATTRIBUTES } from '../../lib/azure/force-new';
import { replacementsBetween, topologyFromTerraformJson, withReplacementsSince } from '../../lib/terraform-json';

/** A hand-written configuration: a gateway with one public IP, a site and its connection. */
function config(o: { gateway?: Record<string, unknown>; pip?: Record<string, unknown>; connection?: Record<string, unknown>; site?: Record<string, unknown>; extra?: Record<string, unknown> } = {}): any {
  return {
    resource: {
      azurerm_subnet: { gw: { name: 'GatewaySubnet', resource_group_name: 'rg', virtual_network_name: 'hub-vnet', address_prefixes: ['10.0.255.224/27'] } },
      azurerm_public_ip: { gw: { name: 'gw-pip', resource_group_name: 'rg', location: 'westeurope', allocation_method: 'Static', sku: 'Standard', zones: ['1', '2', '3'], ...o.pip } },
      azurerm_virtual_network_gateway: {
        gw: {
          name: 'gw',
          resource_group_name: 'rg',
          location: 'westeurope',
          type: 'Vpn',
          sku: 'VpnGw1AZ',
          generation: 'Generation1',
          ip_configuration: [{ name: 'default', subnet_id: '${azurerm_subnet.gw.id}', public_ip_address_id: '${azurerm_public_ip.gw.id}' }],
          ...o.gateway,
        },
      },
      azurerm_local_network_gateway: { paris: { name: 'paris', resource_group_name: 'rg', location: 'westeurope', gateway_address: '203.0.113.10', ...o.site } },
      azurerm_virtual_network_gateway_connection: {
        paris: {
          name: 'gw-to-paris',
          resource_group_name: 'rg',
          location: 'westeurope',
          type: 'IPsec',
          virtual_network_gateway_id: '${azurerm_virtual_network_gateway.gw.id}',
          local_network_gateway_id: '${azurerm_local_network_gateway.paris.id}',
          ...o.connection,
        },
      },
      ...o.extra,
    },
  };
}

function summary(previous: unknown, current: unknown): [string, string[], string[] | undefined][] {
  return replacementsBetween(previous, current).map((r) => [r.address, r.attributes.map((a) => a.attribute), r.becauseOf ? [...r.becauseOf] : undefined]);
}

describe('replacementsBetween: the ForceNew attributes that changed between two configurations', () => {
  test('GIVEN the same configuration twice THEN nothing is replaced', () => {
    expect(summary(config(), config())).toEqual([]);
  });

  test('GIVEN in-place changes (SKU resize, BGP, tags, address space of a site, shared key) THEN nothing is replaced', () => {
    const after = config({ gateway: { sku: 'VpnGw2AZ', enable_bgp: true, tags: { env: 'prod' } }, site: { address_space: ['192.168.0.0/16'] }, connection: { shared_key: '${random_password.k.result}' } });
    expect(summary(config(), after)).toEqual([]);
  });

  test('GIVEN a changed generation THEN the gateway is replaced, with the before and after values, and its connection with it (it takes the new gateway ID)', () => {
    const found = replacementsBetween(config(), config({ gateway: { sku: 'VpnGw2AZ', generation: 'Generation2' } }));
    expect(found).toEqual([
      { address: 'azurerm_virtual_network_gateway.gw', type: 'azurerm_virtual_network_gateway', attributes: [{ attribute: 'generation', before: '"Generation1"', after: '"Generation2"' }] },
      { address: 'azurerm_virtual_network_gateway_connection.paris', type: 'azurerm_virtual_network_gateway_connection', attributes: [], becauseOf: ['azurerm_virtual_network_gateway.gw'] },
    ]);
  });

  test('GIVEN a changed generation that lifecycle.ignore_changes names THEN nothing is replaced, as Terraform ignores it on update', () => {
    expect(summary(config(), config({ gateway: { generation: 'Generation2', lifecycle: { ignore_changes: ['generation'] } } }))).toEqual([]);
    expect(summary(config(), config({ gateway: { generation: 'Generation2', name: 'other', lifecycle: { ignore_changes: 'all' } } }))).toEqual([]);
  });

  test('GIVEN a defaulted attribute written with its default THEN nothing changes, and with another value the resource is replaced', () => {
    expect(summary(config(), config({ gateway: { vpn_type: 'RouteBased' } }))).toEqual([]);
    expect(summary(config(), config({ gateway: { vpn_type: 'PolicyBased' } }))).toEqual([['azurerm_virtual_network_gateway.gw', ['vpn_type'], undefined], ['azurerm_virtual_network_gateway_connection.paris', [], ['azurerm_virtual_network_gateway.gw']]]);
    expect(summary(config(), config({ connection: { connection_protocol: 'IKEv2' } }))).toEqual([]);
    expect(summary(config(), config({ connection: { connection_protocol: 'IKEv1' } }))).toEqual([['azurerm_virtual_network_gateway_connection.paris', ['connection_protocol'], undefined]]);
  });

  test('GIVEN an Optional+Computed attribute dropped from the configuration THEN Terraform keeps what Azure has: nothing is replaced', () => {
    const before = config();
    const after = config();
    delete after.resource.azurerm_virtual_network_gateway.gw.generation;
    expect(summary(before, after)).toEqual([]);
  });

  test('GIVEN a second ip_configuration (active-active) THEN the gateway is replaced for ip_configuration[1]', () => {
    const ipConfiguration = [
      { name: 'default', subnet_id: '${azurerm_subnet.gw.id}', public_ip_address_id: '${azurerm_public_ip.gw.id}' },
      { name: 'activeActive', subnet_id: '${azurerm_subnet.gw.id}', public_ip_address_id: '${azurerm_public_ip.gw.id}' },
    ];
    const found = replacementsBetween(config(), config({ gateway: { active_active: true, ip_configuration: ipConfiguration } }));
    expect(found.map((r) => r.attributes)).toEqual([[{ attribute: 'ip_configuration[1]', after: '{ name = "activeActive" }' }], []]);
  });

  test('GIVEN an ip_configuration written as one object instead of a list, with defaults spelled out THEN nothing changes', () => {
    const after = config({ gateway: { ip_configuration: { name: 'default', subnet_id: '${azurerm_subnet.gw.id}', public_ip_address_id: '${azurerm_public_ip.gw.id}', private_ip_address_allocation: 'Dynamic' } } });
    expect(summary(config(), after)).toEqual([]);
  });

  test('GIVEN zones in another order THEN nothing changes (a set); GIVEN other zones THEN the public IP and, through its new ID, the gateway and its connection are replaced', () => {
    expect(summary(config(), config({ pip: { zones: ['3', '2', '1'] } }))).toEqual([]);
    expect(summary(config(), config({ pip: { zones: ['1'] } }))).toEqual([
      ['azurerm_public_ip.gw', ['zones'], undefined],
      ['azurerm_virtual_network_gateway.gw', [], ['azurerm_public_ip.gw']],
      ['azurerm_virtual_network_gateway_connection.paris', [], ['azurerm_virtual_network_gateway.gw']],
    ]);
  });

  test('GIVEN a renamed local network gateway THEN it is replaced, and its connection is not (local_network_gateway_id is not ForceNew)', () => {
    expect(summary(config(), config({ site: { name: 'paris-2' } }))).toEqual([['azurerm_local_network_gateway.paris', ['name'], undefined]]);
  });

  test('GIVEN a resource moved to another address without a moved block THEN it is replaced and its previous address is named', () => {
    const before = config();
    const after = config();
    after.resource.azurerm_virtual_network_gateway = { hub: after.resource.azurerm_virtual_network_gateway.gw };
    after.resource.azurerm_virtual_network_gateway_connection.paris.virtual_network_gateway_id = '${azurerm_virtual_network_gateway.hub.id}';
    const found = replacementsBetween(before, after);
    expect(found.map((r) => [r.address, r.previousAddress])).toEqual([
      ['azurerm_virtual_network_gateway.hub', 'azurerm_virtual_network_gateway.gw'],
      ['azurerm_virtual_network_gateway_connection.paris', undefined],
    ]);
  });

  test('GIVEN the same move with a moved block THEN nothing is replaced', () => {
    const before = config();
    const after = config();
    after.resource.azurerm_virtual_network_gateway = { hub: after.resource.azurerm_virtual_network_gateway.gw };
    after.resource.azurerm_virtual_network_gateway_connection.paris.virtual_network_gateway_id = '${azurerm_virtual_network_gateway.hub.id}';
    after.moved = [{ from: 'azurerm_virtual_network_gateway.gw', to: 'azurerm_virtual_network_gateway.hub' }];
    expect(summary(before, after)).toEqual([]);
  });

  test('GIVEN a public IP no gateway uses WHEN it is replaced THEN it is not reported (only the VPN resources are)', () => {
    const vmIp = { azurerm_public_ip: { gw: config().resource.azurerm_public_ip.gw, vm: { name: 'vm-pip', resource_group_name: 'rg', location: 'westeurope', allocation_method: 'Static' } } };
    const before = config({ extra: vmIp });
    const after = config({ extra: { azurerm_public_ip: { ...vmIp.azurerm_public_ip, vm: { ...vmIp.azurerm_public_ip.vm, name: 'vm-pip-2' } } } });
    expect(summary(before, after)).toEqual([]);
  });

  test('GIVEN domain_name_label_scope set where it was unset THEN it is in place; changed THEN the public IP is replaced', () => {
    expect(summary(config(), config({ pip: { domain_name_label_scope: 'TenantReuse' } }))).toEqual([]);
    expect(summary(config({ pip: { domain_name_label_scope: 'TenantReuse' } }), config({ pip: { domain_name_label_scope: 'NoReuse' } })).map((r) => r[0])).toContain('azurerm_public_ip.gw');
  });

  test.each([
    ['not an object', 'x', config()],
    ['null', null, config()],
    ['without resources', {}, config()],
    ['with a resource list of the wrong shape', { resource: 42 }, config()],
  ])('GIVEN a previous configuration %s THEN nothing is compared and nothing throws', (_label, previous, current) => {
    expect(replacementsBetween(previous, current)).toEqual([]);
  });

  test('GIVEN every ForceNew attribute of the gateway, a connection and a site WHEN each is changed alone THEN each is reported under its own name', () => {
    for (const type of ['azurerm_virtual_network_gateway', 'azurerm_virtual_network_gateway_connection', 'azurerm_local_network_gateway'] as const) {
      for (const attribute of FORCE_NEW_ATTRIBUTES[type]) {
        if (attribute.blockDefaults) continue;
        const key = type === 'azurerm_virtual_network_gateway' ? 'gateway' : type === 'azurerm_local_network_gateway' ? 'site' : 'connection';
        const found = summary(config(), config({ [key]: { [attribute.name]: 'changed-value' } }));
        expect(found.find((r) => r[0].startsWith(`${type}.`))?.[1]).toEqual([attribute.name]);
      }
    }
  });

  test('GIVEN a renamed VNet whose name the GatewaySubnet takes THEN the GatewaySubnet, the gateway and its connection are replaced, and the VNet itself is not reported', () => {
    const vnet = (name: string) => ({ azurerm_virtual_network: { hub: { name, resource_group_name: 'rg', location: 'westeurope', address_space: ['10.0.0.0/16'] } } });
    const before = config({ extra: vnet('hub-vnet') });
    const after = config({ extra: vnet('hub-vnet-2') });
    for (const c of [before, after]) c.resource.azurerm_subnet.gw.virtual_network_name = '${azurerm_virtual_network.hub.name}';
    expect(summary(before, after)).toEqual([
      ['azurerm_subnet.gw', [], ['azurerm_virtual_network.hub']],
      ['azurerm_virtual_network_gateway.gw', [], ['azurerm_subnet.gw']],
      ['azurerm_virtual_network_gateway_connection.paris', [], ['azurerm_virtual_network_gateway.gw']],
    ]);
    // The same VNet with another address space: nothing the subnet takes changes.
    const resized = config({ extra: { azurerm_virtual_network: { hub: { ...vnet('hub-vnet').azurerm_virtual_network.hub, address_space: ['10.0.0.0/15'] } } } });
    resized.resource.azurerm_subnet.gw.virtual_network_name = '${azurerm_virtual_network.hub.name}';
    expect(summary(before, resized)).toEqual([]);
  });

  test('GIVEN two configurations WHEN added to a topology THEN the replacements travel with it', () => {
    const current = config({ gateway: { generation: 'Generation2' } });
    const topology = withReplacementsSince(topologyFromTerraformJson([{ file: 'main.tf.json', content: current }]), config(), current);
    expect(topology.replacements?.map((r) => r.address)).toEqual(['azurerm_virtual_network_gateway.gw', 'azurerm_virtual_network_gateway_connection.paris']);
  });
});

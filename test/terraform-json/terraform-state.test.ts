import * as fs from 'fs';
import * as path from 'path';
import { isTerraformShowJson, topologyFromTerraformShow } from '../../lib/terraform-json/show';
import { UnusableInputError } from '../../lib/private/errors';

const FIXTURES = path.join(__dirname, '..', 'devices', 'fixtures');

function fixture(name: string): any {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf-8'));
}

describe('terraform show -json state, read by show.ts (the input of azvpn device-config)', () => {
  test('GIVEN a state with a child module WHEN adapted THEN its resources keep their full addresses and are linked to root resources by Azure ID', () => {
    const t = topologyFromTerraformShow('state.json', fixture('aa-apipa.state.json'));
    expect(t.localGateways.map((l) => l.address)).toEqual(['module.paris.azurerm_local_network_gateway.this']);
    expect(t.connections[0]).toMatchObject({
      address: 'module.paris.azurerm_virtual_network_gateway_connection.this',
      gateway: 'azurerm_virtual_network_gateway.hub',
      localGateway: 'module.paris.azurerm_local_network_gateway.this',
      bgpEnabled: true,
      customBgpAddresses: { primary: '169.254.21.1', secondary: '169.254.22.1' },
    });
  });

  test('GIVEN public IPs listed in the reverse of ip_configuration order WHEN adapted THEN each ip_configuration points at its own public IP by ID', () => {
    const t = topologyFromTerraformShow('state.json', fixture('aa-apipa.state.json'));
    const gw = t.gateways[0];
    const ipcs = gw.ipConfigurations as Array<{ name: string; publicIp: string; subnet: string }>;
    expect(ipcs.map((i) => [i.name, i.publicIp, i.subnet])).toEqual([
      ['vnetGatewayConfig0', 'azurerm_public_ip.b_first', 'azurerm_subnet.gateway'],
      ['vnetGatewayConfig1', 'azurerm_public_ip.a_second', 'azurerm_subnet.gateway'],
    ]);
    expect(t.publicIps.map((p) => [p.address, p.ipAddress])).toEqual([['azurerm_public_ip.a_second', '20.50.0.11'], ['azurerm_public_ip.b_first', '20.50.0.10']]);
  });

  test('GIVEN computed BGP addresses WHEN adapted THEN default, tunnel and APIPA addresses are kept per ip_configuration', () => {
    const gw = topologyFromTerraformShow('state.json', fixture('aa-apipa.state.json')).gateways[0];
    expect(gw.bgpSettings?.peeringAddresses.map((p) => [p.ipConfigurationName, p.apipaAddresses.items, p.defaultAddresses?.items, p.tunnelIpAddresses?.items])).toEqual([
      ['vnetGatewayConfig1', ['169.254.22.1'], ['10.1.255.5'], ['20.50.0.11']],
      ['vnetGatewayConfig0', ['169.254.21.1'], ['10.1.255.4'], ['20.50.0.10']],
    ]);
  });

  test('GIVEN resource IDs that differ in case (Azure returns resource group names in either case) WHEN adapted THEN they still link', () => {
    const state = fixture('static-custom.state.json');
    const connection = state.values.root_module.resources.find((r: any) => r.type === 'azurerm_virtual_network_gateway_connection');
    connection.values.virtual_network_gateway_id = connection.values.virtual_network_gateway_id.replace('resourceGroups/rg-vpn', 'resourcegroups/RG-VPN');
    expect(topologyFromTerraformShow('state.json', state).connections[0].gateway).toBe('azurerm_virtual_network_gateway.branch');
  });

  test('GIVEN a subnet and a VNet WHEN adapted THEN the subnet belongs to the VNet through its ID and the gateway finds its VNet', () => {
    const t = topologyFromTerraformShow('state.json', fixture('static-custom.state.json'));
    expect(t.subnets[0].virtualNetwork).toBe('azurerm_virtual_network.branch');
    expect(t.virtualNetworks[0].subnets).toEqual(['azurerm_subnet.gateway']);
  });

  test('GIVEN a gateway with bgp_settings but BGP off WHEN adapted THEN bgpEnabled is false (decided on the flag, not the block)', () => {
    const gw = topologyFromTerraformShow('state.json', fixture('static-custom.state.json')).gateways[0];
    expect(gw.bgpEnabled).toBe(false);
    expect(gw.bgpSettings?.asn).toBe(65515);
  });

  test('GIVEN a plan (planned_values) WHEN adapted THEN it is read like a state', () => {
    const state = fixture('default-bgp.state.json');
    const plan = { format_version: '1.2', planned_values: state.values };
    expect(isTerraformShowJson(plan)).toBe(true);
    expect(topologyFromTerraformShow('plan.json', plan).localGateways[0].name).toBe('nantes');
  });

  test.each([
    ['a configuration', { resource: {} }],
    ['an array', []],
    ['format_version with other keys but no values', { format_version: '1.0', resources: [] }],
  ])('GIVEN %s WHEN adapted THEN it is refused as not terraform show -json output', (_what, content) => {
    expect(isTerraformShowJson(content)).toBe(false);
    expect(() => topologyFromTerraformShow('x.json', content)).toThrow(UnusableInputError);
  });

  test('GIVEN the state of a workspace that has none ({"format_version":"1.0"}) WHEN adapted THEN it is an empty model', () => {
    expect(topologyFromTerraformShow('x.json', { format_version: '1.0' }).localGateways).toEqual([]);
  });
});

test('GIVEN a GatewaySubnet written as an inline subnet block of the VNet WHEN adapted THEN the gateway finds it by ID and the VNet owns it', () => {
  const state = fixture('static-custom.state.json');
  const resources = state.values.root_module.resources as any[];
  const subnet = resources.find((r) => r.type === 'azurerm_subnet');
  state.values.root_module.resources = resources.filter((r) => r !== subnet);
  const vnet = resources.find((r) => r.type === 'azurerm_virtual_network');
  vnet.values.subnet = [{ id: subnet.values.id, name: 'GatewaySubnet', address_prefixes: ['10.2.255.0/27'], security_group: '' }];
  const t = topologyFromTerraformShow('state.json', state);
  const address = 'azurerm_virtual_network.branch.subnet["GatewaySubnet"]';
  expect((t.gateways[0].ipConfigurations as Array<{ subnet: string }>)[0].subnet).toBe(address);
  expect(t.virtualNetworks[0].subnets).toEqual([address]);
});

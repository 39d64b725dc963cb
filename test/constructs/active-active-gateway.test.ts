import { VirtualNetworkGateway } from '@cdktf/provider-azurerm/lib/virtual-network-gateway';
import { TerraformStack, Testing } from 'cdktf';
import { ActiveActiveGateway, ActiveActiveGatewayProps } from '../../lib/constructs/active-active-gateway';
import { P2SAuthentication } from '../../lib/constructs/point-to-site';
import { VpnValidation } from '../../lib/constructs/vpn-validation';
import { VpnConfigError } from '../../lib/private/construct-errors';
import { resourcesOfType, synthValidated, testStack } from '../support/stack';
import { BGP_ENABLED } from '../support/framework';

const base: ActiveActiveGatewayProps = {
  name: 'aa-gw',
  resourceGroupName: 'rg',
  location: 'westeurope',
  addressSpace: ['10.10.0.0/16'],
  bgpAsn: 65010,
  bgpCustomApipaAddresses: ['169.254.21.1', '169.254.21.5'],
  bgpSecondCustomApipaAddresses: ['169.254.22.1', '169.254.22.5'],
};

/** One datacenter with two devices peering over APIPA, and a branch with a routable peer address. */
function typicalGateway(stack: TerraformStack): ActiveActiveGateway {
  const gateway = new ActiveActiveGateway(stack, 'Gw', {
    ...base,
    devices: { edge1: { gatewayAddress: '203.0.113.10', bgpAsn: 65050, bgpPeeringAddress: '169.254.21.2' } },
  });
  gateway.addDevice('edge2', { gatewayAddress: '203.0.113.11', bgpAsn: 65051, bgpPeeringAddress: '169.254.21.6' });
  gateway.addDevice('branch', { gatewayAddress: '198.51.100.20', bgpAsn: 65060, bgpPeeringAddress: '192.168.255.1' });
  return gateway;
}

function byName(resources: Record<string, any>, name: string): any {
  const found = Object.values<any>(resources).find((r) => r.name === name);
  expect(found).toBeDefined();
  return found;
}

describe('ActiveActiveGateway', () => {
  test('GIVEN an active-active gateway with three devices WHEN synthesized with validations THEN it renders two instances with their public IPs, BGP, and one BGP connection per device with derived custom BGP addresses', () => {
    const stack = testStack();
    typicalGateway(stack);
    const synthesized = synthValidated(stack);

    const counts = Object.fromEntries(Object.entries<any>(synthesized.resource).map(([type, r]) => [type, Object.keys(r).length]));
    expect(counts).toEqual({
      azurerm_virtual_network: 1,
      azurerm_subnet: 1,
      azurerm_public_ip: 2,
      azurerm_virtual_network_gateway: 1,
      azurerm_local_network_gateway: 3,
      azurerm_virtual_network_gateway_connection: 3,
      random_password: 3,
    });
    const gateway = Object.values<any>(resourcesOfType(synthesized, 'azurerm_virtual_network_gateway'))[0];
    expect(gateway).toMatchObject({ active_active: true, [BGP_ENABLED]: true, sku: 'VpnGw2AZ', generation: 'Generation2', bgp_settings: { asn: 65010 } });
    expect(gateway.ip_configuration.map((c: any) => c.name)).toEqual(['default', 'activeActive']);
    expect(gateway.bgp_settings.peering_addresses).toEqual([
      { ip_configuration_name: 'default', apipa_addresses: ['169.254.21.1', '169.254.21.5'] },
      { ip_configuration_name: 'activeActive', apipa_addresses: ['169.254.22.1', '169.254.22.5'] },
    ]);
    for (const pip of Object.values<any>(resourcesOfType(synthesized, 'azurerm_public_ip'))) {
      expect(pip).toMatchObject({ sku: 'Standard', allocation_method: 'Static', zones: ['1', '2', '3'] });
    }

    const connections = resourcesOfType(synthesized, 'azurerm_virtual_network_gateway_connection');
    expect(byName(connections, 'aa-gw-to-edge1')).toMatchObject({ [BGP_ENABLED]: true, custom_bgp_addresses: { primary: '169.254.21.1', secondary: '169.254.22.1' } });
    expect(byName(connections, 'aa-gw-to-edge2')).toMatchObject({ [BGP_ENABLED]: true, custom_bgp_addresses: { primary: '169.254.21.5', secondary: '169.254.22.5' } });
    const branch = byName(connections, 'aa-gw-to-branch');
    expect(branch[BGP_ENABLED]).toBe(true);
    expect(branch.custom_bgp_addresses).toBeUndefined();

    const sites = resourcesOfType(synthesized, 'azurerm_local_network_gateway');
    // Azure refuses an APIPA address in an address space; a routable peer gets its /32.
    expect(byName(sites, 'edge1').address_space).toBeUndefined();
    expect(byName(sites, 'branch').address_space).toEqual(['192.168.255.1/32']);
    expect(synthesized.output).toBeUndefined();
  });

  test('GIVEN the typical gateway WHEN synthesized THEN the construct paths of its resources are the pinned ones', () => {
    const stack = testStack();
    typicalGateway(stack);
    const config: any = stack.toTerraform();
    const paths: string[] = [];
    for (const r of Object.values<any>(config.resource)) for (const body of Object.values<any>(r)) paths.push(body['//'].metadata.path);
    expect(paths.sort()).toEqual([
      'test/Gw/ActiveActivePublicIp',
      'test/Gw/Device-branch/Connection/Resource',
      'test/Gw/Device-branch/Connection/SharedKey',
      'test/Gw/Device-branch/LocalNetworkGateway/Resource',
      'test/Gw/Device-edge1/Connection/Resource',
      'test/Gw/Device-edge1/Connection/SharedKey',
      'test/Gw/Device-edge1/LocalNetworkGateway/Resource',
      'test/Gw/Device-edge2/Connection/Resource',
      'test/Gw/Device-edge2/Connection/SharedKey',
      'test/Gw/Device-edge2/LocalNetworkGateway/Resource',
      'test/Gw/GatewaySubnet',
      'test/Gw/PublicIp',
      'test/Gw/Resource',
      'test/Gw/VirtualNetwork',
    ]);
  });

  test('GIVEN the typical gateway WHEN checked THEN no rule reports an error', () => {
    const stack = testStack();
    typicalGateway(stack);
    expect(VpnValidation.check(stack).filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('GIVEN a device with a reserved ASN WHEN synthesized with validations THEN synth fails with bgp.asn.reserved at its local network gateway', () => {
    const stack = testStack();
    const gateway = new ActiveActiveGateway(stack, 'Gw', base);
    gateway.addDevice('dc1', { gatewayAddress: '203.0.113.10', bgpAsn: 65517, bgpPeeringAddress: '192.168.255.1' });
    expect(() => Testing.synth(stack, true)).toThrow(/\[test\/Gw\/Device-dc1\/LocalNetworkGateway\/Resource\] \[bgp\.asn\.reserved\] bgp_settings\.asn = 65517/);
  });

  test('GIVEN a device with the gateway\'s own ASN WHEN synthesized with validations THEN synth fails with bgp.asn.distinct at its connection', () => {
    const stack = testStack();
    const gateway = new ActiveActiveGateway(stack, 'Gw', base);
    gateway.addDevice('dc1', { gatewayAddress: '203.0.113.10', bgpAsn: 65010, bgpPeeringAddress: '192.168.255.1' });
    expect(() => Testing.synth(stack, true)).toThrow(/\[test\/Gw\/Device-dc1\/Connection\/Resource\] \[bgp\.asn\.distinct\]/);
  });

  test('GIVEN no bgpAsn WHEN synthesized THEN BGP is still on (with Azure\'s default ASN) and the gateway is active-active', () => {
    const stack = testStack();
    const gateway = new ActiveActiveGateway(stack, 'Gw', { name: 'aa-gw', resourceGroupName: 'rg', location: 'westeurope', addressSpace: ['10.10.0.0/16'] });
    expect(gateway.bgpEnabled).toBe(true);
    expect(gateway.bgpAsn).toBe(65515);
    expect(Testing.synth(stack, true)).toHaveResourceWithProperties(VirtualNetworkGateway, { active_active: true, [BGP_ENABLED]: true });
  });

  test('GIVEN point-to-site on the gateway WHEN synthesized THEN the third IP configuration and public IP are derived', () => {
    const stack = testStack();
    const gateway = new ActiveActiveGateway(stack, 'Gw', {
      ...base,
      p2s: { clientAddressPool: ['172.16.0.0/24'], authentications: [P2SAuthentication.entraId({ tenantId: '00000000-0000-0000-0000-000000000000' })] },
    });
    const synthesized = synthValidated(stack);
    expect(gateway.publicIps).toHaveLength(3);
    expect(Object.values<any>(resourcesOfType(synthesized, 'azurerm_virtual_network_gateway'))[0].ip_configuration).toHaveLength(3);
  });

  test('GIVEN an explicit custom BGP address on a device WHEN synthesized THEN it is used instead of the derived one', () => {
    const stack = testStack();
    const gateway = new ActiveActiveGateway(stack, 'Gw', base);
    const device = gateway.addDevice('dc1', { gatewayAddress: '203.0.113.10', bgpAsn: 65050, bgpPeeringAddress: '169.254.21.2', customBgpPrimaryAddress: '169.254.21.5', customBgpSecondaryAddress: '169.254.22.5' });
    synthValidated(stack);
    expect(device.connectionResource.customBgpAddressesInput).toMatchObject({ primary: '169.254.21.5', secondary: '169.254.22.5' });
  });

  test('GIVEN devices WHEN read back THEN they are listed in the order they were added', () => {
    const gateway = typicalGateway(testStack());
    expect(gateway.devices.map((d) => d.siteName)).toEqual(['edge1', 'edge2', 'branch']);
  });

  test('GIVEN outputPeerInfo() WHEN synthesized THEN both public IPs and the BGP peering addresses are output', () => {
    const stack = testStack();
    const gateway = typicalGateway(stack);
    gateway.outputPeerInfo();
    const outputs = synthValidated(stack).output;
    const publicIps = Object.entries<any>(outputs).find(([name]) => name.startsWith('Gw_PublicIpAddresses_'))![1];
    expect(publicIps.value).toHaveLength(2);
    expect(Object.keys(outputs).some((name) => name.startsWith('Gw_BgpPeeringAddresses_'))).toBe(true);
  });

  test.each([
    ['activeActive', { activeActive: false }, /\[gw\.aa\.sku\] activeActive is false on an ActiveActiveGateway/],
    ['enableBgp', { enableBgp: false }, /\[bgp\.flags\] enableBgp is false on an ActiveActiveGateway/],
  ])('GIVEN %s: false WHEN constructed THEN it throws at once', (_label, extra, message) => {
    const stack = testStack();
    expect(() => new ActiveActiveGateway(stack, 'Gw', { ...base, ...extra })).toThrow(VpnConfigError);
    expect(() => new ActiveActiveGateway(stack, 'Gw2', { ...base, ...extra })).toThrow(message);
  });
});

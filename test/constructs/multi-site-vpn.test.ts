import { TerraformStack, Testing } from 'cdktf';
import { GatewaySku } from '../../lib/constructs/gateway-sku';
import { MultiSiteVpn, MultiSiteVpnProps } from '../../lib/constructs/multi-site-vpn';
import { VpnValidation } from '../../lib/constructs/vpn-validation';
import { resourcesOfType, synthValidated, testStack } from '../support/stack';
import { BGP_ENABLED } from '../support/framework';

const base: MultiSiteVpnProps = { name: 'branches-gw', resourceGroupName: 'rg', location: 'westeurope', addressSpace: ['10.20.0.0/16'], sku: GatewaySku.VPN_GW1_AZ };

function typicalVpn(stack: TerraformStack): MultiSiteVpn {
  const vpn = new MultiSiteVpn(stack, 'Vpn', {
    ...base,
    sites: {
      paris: { gatewayAddress: '203.0.113.10', addressSpace: ['192.168.10.0/24'] },
      berlin: { gatewayAddress: '203.0.113.20', addressSpace: ['192.168.20.0/24'] },
    },
  });
  vpn.addSite('madrid', { gatewayFqdn: 'vpn.madrid.example.com', addressSpace: ['192.168.30.0/24'] });
  return vpn;
}

function byName(resources: Record<string, any>, name: string): any {
  const found = Object.values<any>(resources).find((r) => r.name === name);
  expect(found).toBeDefined();
  return found;
}

describe('MultiSiteVpn', () => {
  test('GIVEN a gateway with three static sites WHEN synthesized with validations THEN one route-based gateway and a local network gateway and connection per site are rendered', () => {
    const stack = testStack();
    typicalVpn(stack);
    const synthesized = synthValidated(stack);
    const counts = Object.fromEntries(Object.entries<any>(synthesized.resource).map(([type, r]) => [type, Object.keys(r).length]));
    expect(counts).toEqual({
      azurerm_virtual_network: 1,
      azurerm_subnet: 1,
      azurerm_public_ip: 1,
      azurerm_virtual_network_gateway: 1,
      azurerm_local_network_gateway: 3,
      azurerm_virtual_network_gateway_connection: 3,
      random_password: 3,
    });
    const gateway = Object.values<any>(resourcesOfType(synthesized, 'azurerm_virtual_network_gateway'))[0];
    expect(gateway).toMatchObject({ vpn_type: 'RouteBased', sku: 'VpnGw1AZ', generation: 'Generation1', active_active: false, [BGP_ENABLED]: false });
    const sites = resourcesOfType(synthesized, 'azurerm_local_network_gateway');
    expect(byName(sites, 'paris')).toMatchObject({ gateway_address: '203.0.113.10', address_space: ['192.168.10.0/24'], resource_group_name: 'rg', location: 'westeurope' });
    expect(byName(sites, 'madrid')).toMatchObject({ gateway_fqdn: 'vpn.madrid.example.com', address_space: ['192.168.30.0/24'] });
    const connections = Object.values<any>(resourcesOfType(synthesized, 'azurerm_virtual_network_gateway_connection'));
    expect(connections.map((c) => c.name).sort()).toEqual(['branches-gw-to-berlin', 'branches-gw-to-madrid', 'branches-gw-to-paris']);
    // One key per site, each from its own random_password.
    expect(new Set(connections.map((c) => c.shared_key)).size).toBe(3);
    for (const c of connections) expect(c).toMatchObject({ type: 'IPsec', [BGP_ENABLED]: false, connection_protocol: 'IKEv2' });
    expect(synthesized.output).toBeUndefined();
  });

  test('GIVEN the typical multi-site VPN WHEN synthesized THEN the construct paths of its resources are the pinned ones', () => {
    const stack = testStack();
    typicalVpn(stack);
    const config: any = stack.toTerraform();
    const paths: string[] = [];
    for (const r of Object.values<any>(config.resource)) for (const body of Object.values<any>(r)) paths.push(body['//'].metadata.path);
    expect(paths.sort()).toEqual([
      'test/Vpn/GatewaySubnet',
      'test/Vpn/PublicIp',
      'test/Vpn/Resource',
      'test/Vpn/Site-berlin/Connection/Resource',
      'test/Vpn/Site-berlin/Connection/SharedKey',
      'test/Vpn/Site-berlin/LocalNetworkGateway/Resource',
      'test/Vpn/Site-madrid/Connection/Resource',
      'test/Vpn/Site-madrid/Connection/SharedKey',
      'test/Vpn/Site-madrid/LocalNetworkGateway/Resource',
      'test/Vpn/Site-paris/Connection/Resource',
      'test/Vpn/Site-paris/Connection/SharedKey',
      'test/Vpn/Site-paris/LocalNetworkGateway/Resource',
      'test/Vpn/VirtualNetwork',
    ]);
  });

  test('GIVEN the typical multi-site VPN WHEN checked THEN no rule reports an error or a warning', () => {
    const stack = testStack();
    typicalVpn(stack);
    expect(VpnValidation.check(stack).filter((f) => f.severity !== 'info')).toEqual([]);
  });

  test('GIVEN two tunnels to one site (two devices with overlapping prefixes) without BGP WHEN synthesized with validations THEN synth fails with conn.multi-tunnel-same-site on both connections', () => {
    const stack = testStack();
    const vpn = new MultiSiteVpn(stack, 'Vpn', base);
    vpn.addSite('hq-a', { gatewayAddress: '203.0.113.10', addressSpace: ['192.168.0.0/16'] });
    vpn.addSite('hq-b', { gatewayAddress: '203.0.113.11', addressSpace: ['192.168.0.0/16'] });
    let message = '';
    try {
      Testing.synth(stack, true);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/\[test\/Vpn\/Site-hq-a\/Connection\/Resource\] \[conn\.multi-tunnel-same-site\] .*bgp_enabled = true/);
    expect(message).toMatch(/\[test\/Vpn\/Site-hq-b\/Connection\/Resource\] \[conn\.multi-tunnel-same-site\]/);
  });

  test('GIVEN the same two devices of one site with BGP WHEN synthesized with validations THEN it passes', () => {
    const stack = testStack();
    const vpn = new MultiSiteVpn(stack, 'Vpn', { ...base, bgpAsn: 65010 });
    vpn.addSite('hq-a', { gatewayAddress: '203.0.113.10', bgpAsn: 65050, bgpPeeringAddress: '192.168.255.1' });
    vpn.addSite('hq-b', { gatewayAddress: '203.0.113.11', bgpAsn: 65050, bgpPeeringAddress: '192.168.255.2' });
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(vpn.sites.every((s) => s.connection.bgpEnabled)).toBe(true);
  });

  test('GIVEN more sites than the SKU has tunnels WHEN synthesized with validations THEN synth fails with conn.tunnel-limit at the gateway', () => {
    const stack = testStack();
    const vpn = new MultiSiteVpn(stack, 'Vpn', base);
    const limit = GatewaySku.VPN_GW1_AZ.maxTunnels;
    for (let i = 0; i <= limit; i++) vpn.addSite(`s${i}`, { gatewayAddress: `203.0.113.${i + 1}`, addressSpace: [`192.168.${i}.0/24`] });
    expect(() => Testing.synth(stack, true)).toThrow(new RegExp(`\\[test/Vpn/Resource\\] \\[conn\\.tunnel-limit\\] ${limit + 1} site-to-site`));
  });

  test('GIVEN outputPeerInfo() WHEN synthesized THEN the gateway public IP is output (no BGP, so no peering addresses)', () => {
    const stack = testStack();
    typicalVpn(stack).outputPeerInfo();
    expect(Object.keys(synthValidated(stack).output)).toEqual([expect.stringMatching(/^Vpn_PublicIpAddresses_/)]);
  });
});

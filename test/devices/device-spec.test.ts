import * as fs from 'fs';
import * as path from 'path';
import { AZURE_DEFAULT_ESP_ROUTE_BASED, AZURE_DEFAULT_IKE_ROUTE_BASED } from '../../lib/azure/device-proposals';
import { DeviceSpecError, deviceSpecFromTopology } from '../../lib/devices/device-spec';
import { strongswanEspProposal, strongswanIkeProposal } from '../../lib/devices/strongswan';
import { topologyFromTerraformJson } from '../../lib/terraform-json';
import { topologyFromTerraformShow } from '../../lib/terraform-json/show';
import { FIXTURES, specFromState, stateTopology } from './support';

describe('DeviceSpec from a state', () => {
  test('GIVEN an active-active gateway whose public IPs are listed in reverse order WHEN the spec is built THEN each tunnel gets its instance\'s IP and BGP address by ip_configuration name', () => {
    const spec = specFromState('aa-apipa.state.json', 'paris');
    expect(spec.tunnels.map((t) => [t.name, t.ipConfigurationName, t.azureAddress, t.bgpNeighbourAddress])).toEqual([
      ['azure-0', 'vnetGatewayConfig0', '20.50.0.10', '169.254.21.1'],
      ['azure-1', 'vnetGatewayConfig1', '20.50.0.11', '169.254.22.1'],
    ]);
    expect(spec.placeholders).toEqual([]);
  });

  test('GIVEN an APIPA BGP site WHEN the spec is built THEN each tunnel carries the VNet plus its own Azure BGP /32, and the device sends anything', () => {
    const spec = specFromState('aa-apipa.state.json', 'paris');
    expect(spec.tunnels.map((t) => [t.localTrafficSelectors, t.remoteTrafficSelectors])).toEqual([
      [['0.0.0.0/0'], ['10.1.0.0/16', '169.254.21.1/32']],
      [['0.0.0.0/0'], ['10.1.0.0/16', '169.254.22.1/32']],
    ]);
    expect(spec.bgp).toMatchObject({ localAsn: 65010, localAddress: '169.254.21.2', azureAsn: 65515, apipa: true });
  });

  test('GIVEN a BGP site on a non-APIPA address WHEN the spec is built THEN the neighbour is Azure\'s default BGP address', () => {
    const spec = specFromState('default-bgp.state.json', 'nantes');
    expect(spec.bgp?.neighbours).toEqual([{ address: '10.3.255.30', tunnel: 'azure-0' }]);
    expect(spec.bgp?.apipa).toBe(false);
  });

  test('GIVEN a connection without ipsec_policy WHEN the spec is built THEN it carries Azure\'s documented route-based defaults, DH group 2 and no PFS', () => {
    const spec = specFromState('default-bgp.state.json', 'nantes');
    expect(spec.customPolicy).toBe(false);
    expect(spec.ikeProposals.map(strongswanIkeProposal).join(',')).toBe(
      'aes256-sha1-modp1024,aes256-sha256-modp1024,aes128-sha1-modp1024,aes128-sha256-modp1024,3des-sha1-modp1024,3des-sha256-modp1024',
    );
    expect(spec.espProposals.map(strongswanEspProposal).join(',')).toBe('aes256gcm16,aes256-sha1,3des-sha1,aes256-sha256,aes128-sha1,3des-sha256');
    expect([spec.ikeLifetimeSeconds, spec.childLifetimeSeconds, spec.childLifetimeKilobytes]).toEqual([28800, 27000, 102400000]);
    expect(spec.ikeProposals).toBe(AZURE_DEFAULT_IKE_ROUTE_BASED);
    expect(spec.espProposals).toBe(AZURE_DEFAULT_ESP_ROUTE_BASED);
  });

  test('GIVEN a custom GCM policy WHEN the spec is built THEN exactly one IKE and one ESP proposal mirror it (integrity becomes the PRF)', () => {
    const spec = specFromState('aa-apipa.state.json', 'paris');
    expect(spec.ikeProposals.map(strongswanIkeProposal)).toEqual(['aes256gcm16-prfsha384-ecp384']);
    expect(spec.espProposals.map(strongswanEspProposal)).toEqual(['aes256gcm16-ecp384']);
  });

  test('GIVEN a static site WHEN the spec is built THEN the device proposes its own prefixes and there is no BGP', () => {
    const spec = specFromState('static-custom.state.json', 'lyon');
    expect(spec.tunnels).toHaveLength(1);
    expect(spec.tunnels[0]).toMatchObject({ localTrafficSelectors: ['10.20.0.0/24'], remoteTrafficSelectors: ['10.2.0.0/16'] });
    expect(spec.bgp).toBeUndefined();
    expect(spec.espProposals.map(strongswanEspProposal)).toEqual(['aes256-sha256-modp2048']);
    expect(spec.childLifetimeSeconds).toBe(3600);
  });

  test('GIVEN a spoke VNet peered with use_remote_gateways WHEN the spec is built THEN its prefixes are in every tunnel\'s remote selectors', () => {
    const topology = stateTopology('static-custom.state.json');
    const state = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'static-custom.state.json'), 'utf-8')) as { values: { root_module: { resources: object[] } } };
    const sub = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-vpn/providers/Microsoft.Network/virtualNetworks';
    state.values.root_module.resources.push(
      { address: 'azurerm_virtual_network.spoke', mode: 'managed', type: 'azurerm_virtual_network', name: 'spoke', values: { id: `${sub}/spoke`, name: 'spoke', resource_group_name: 'rg-vpn', address_space: ['10.9.0.0/16'] } },
      { address: 'azurerm_virtual_network_peering.spoke', mode: 'managed', type: 'azurerm_virtual_network_peering', name: 'spoke', values: { id: `${sub}/spoke/virtualNetworkPeerings/to-hub`, name: 'to-hub', resource_group_name: 'rg-vpn', virtual_network_name: 'spoke', remote_virtual_network_id: `${sub}/branch-vnet`, use_remote_gateways: true } },
    );
    const withSpoke = topologyFromTerraformShow('x', state);
    expect(deviceSpecFromTopology(topology, 'lyon').tunnels[0].remoteTrafficSelectors).toEqual(['10.2.0.0/16']);
    expect(deviceSpecFromTopology(withSpoke, 'lyon').tunnels[0].remoteTrafficSelectors).toEqual(['10.2.0.0/16', '10.9.0.0/16']);
  });

  test('GIVEN a name or a full Terraform address in a child module WHEN the site is looked up THEN both find the same local network gateway', () => {
    const byName = specFromState('aa-apipa.state.json', 'paris');
    const byAddress = specFromState('aa-apipa.state.json', 'module.paris.azurerm_local_network_gateway.this');
    expect(byAddress).toEqual(byName);
  });

  test('GIVEN an unknown site WHEN the spec is built THEN the error lists the sites that exist', () => {
    expect(() => specFromState('aa-apipa.state.json', 'berlin')).toThrow(new DeviceSpecError('unknown site berlin; the file has paris'));
  });

  test('GIVEN a connection whose gateway is not in the state WHEN the spec is built THEN the error says the gateway is missing', () => {
    expect(() =>
      specFromState('static-custom.state.json', 'lyon', {}, (r) => {
        if (r.type === 'azurerm_virtual_network_gateway') r.values.id = '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/other';
      }),
    ).toThrow(/the gateway of site lyon .* is not in the file/);
  });

  test('GIVEN an APIPA site but no apipa_addresses on the gateway WHEN the spec is built THEN the error names the ip_configuration', () => {
    expect(() =>
      specFromState('aa-apipa.state.json', 'paris', {}, (r) => {
        if (r.type === 'azurerm_virtual_network_gateway_connection') r.values.custom_bgp_addresses = [];
        if (r.type === 'azurerm_virtual_network_gateway') {
          for (const p of (r.values.bgp_settings as Array<{ peering_addresses: Array<{ apipa_addresses: string[] }> }>)[0].peering_addresses) p.apipa_addresses = [];
        }
      }),
    ).toThrow(/has no apipa_addresses/);
  });

  test('GIVEN a policy with ike_integrity GCMAES256 WHEN the spec is built THEN it refuses to generate it (no longer documented for IKE)', () => {
    expect(() =>
      specFromState('aa-apipa.state.json', 'paris', {}, (r) => {
        if (r.type === 'azurerm_virtual_network_gateway_connection') (r.values.ipsec_policy as Array<Record<string, unknown>>)[0].ike_integrity = 'GCMAES256';
      }),
    ).toThrow(/ipsec.weak/);
  });

  test('GIVEN a configuration instead of a state WHEN the spec is built THEN public IPs and the key are placeholders with Terraform expressions, the rest is filled in', () => {
    const file = path.join(FIXTURES, 'aa-apipa.tf.json');
    const topology = topologyFromTerraformJson([{ file, content: JSON.parse(fs.readFileSync(file, 'utf-8')) }]);
    const spec = deviceSpecFromTopology(topology, 'paris');
    expect(spec.placeholders.map((p) => [p.name, p.terraformExpression])).toEqual([
      ['AZURE_INSTANCE_0_PUBLIC_IP', 'azurerm_public_ip.b_first.ip_address'],
      ['AZURE_INSTANCE_1_PUBLIC_IP', 'azurerm_public_ip.a_second.ip_address'],
      ['PRE_SHARED_KEY', 'azurerm_virtual_network_gateway_connection.paris.shared_key'],
    ]);
    expect(spec.tunnels.map((t) => t.bgpNeighbourAddress)).toEqual(['169.254.21.1', '169.254.22.1']);
  });

  test('GIVEN a configuration with a default-address BGP site WHEN the spec is built THEN Azure\'s BGP address is a placeholder found by ip_configuration name', () => {
    const file = path.join(FIXTURES, 'aa-apipa.tf.json');
    const content = JSON.parse(fs.readFileSync(file, 'utf-8')) as { resource: { azurerm_local_network_gateway: { paris: { bgp_settings: { bgp_peering_address: string } } } } };
    content.resource.azurerm_local_network_gateway.paris.bgp_settings.bgp_peering_address = '10.10.255.254';
    const spec = deviceSpecFromTopology(topologyFromTerraformJson([{ file, content }]), 'paris');
    const bgp = spec.placeholders.find((p) => p.name === 'AZURE_INSTANCE_1_BGP_ADDRESS');
    expect(bgp?.terraformExpression).toBe(
      '[for p in azurerm_virtual_network_gateway.hub.bgp_settings[0].peering_addresses : p.default_addresses[0] if p.ip_configuration_name == "vnetGatewayConfig1"][0]',
    );
  });
});

describe('DeviceSpec traffic selectors', () => {
  test('GIVEN policy-based selectors with a traffic_selector_policy WHEN the spec is built THEN the device mirrors it (its remote CIDRs are the device\'s side)', () => {
    const spec = specFromState('static-custom.state.json', 'lyon', {}, (r) => {
      if (r.type !== 'azurerm_virtual_network_gateway_connection') return;
      r.values.use_policy_based_traffic_selectors = true;
      r.values.traffic_selector_policy = [{ local_address_cidrs: ['10.2.1.0/24'], remote_address_cidrs: ['10.20.0.0/25'] }];
    });
    expect(spec.tunnels[0]).toMatchObject({ localTrafficSelectors: ['10.20.0.0/25'], remoteTrafficSelectors: ['10.2.1.0/24'] });
  });

  test('GIVEN a traffic_selector_policy without policy-based selectors WHEN the spec is built THEN it is ignored, as Azure ignores it', () => {
    const spec = specFromState('static-custom.state.json', 'lyon', {}, (r) => {
      if (r.type === 'azurerm_virtual_network_gateway_connection') r.values.traffic_selector_policy = [{ local_address_cidrs: ['10.2.1.0/24'], remote_address_cidrs: ['10.20.0.0/25'] }];
    });
    expect(spec.tunnels[0]).toMatchObject({ localTrafficSelectors: ['10.20.0.0/24'], remoteTrafficSelectors: ['10.2.0.0/16'] });
  });
});

import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { ActiveActiveGateway } from '../../lib/constructs/active-active-gateway';
import { GatewaySku } from '../../lib/constructs/gateway-sku';
import { HubSpokeTransit, HubSpokeTransitProps, TransitSpoke } from '../../lib/constructs/hub-spoke-transit';
import { VirtualNetworkReference } from '../../lib/constructs/virtual-network';
import { VpnGateway, VpnGatewayProps } from '../../lib/constructs/vpn-gateway';
import { VpnValidation } from '../../lib/constructs/vpn-validation';
import { VpnConfigError } from '../../lib/private/construct-errors';
import { resourcesOfType, synthValidated, testStack } from '../support/stack';
import { BGP_ENABLED } from '../support/framework';

const hubGateway: VpnGatewayProps = { name: 'hub-gw', resourceGroupName: 'rg-hub', location: 'westeurope', addressSpace: ['10.0.0.0/16'], bgpAsn: 65010 };

/** The typical hub: two spokes (one added later), one BGP and one static site. */
function typicalHub(stack: TerraformStack, extra: Partial<HubSpokeTransitProps> = {}): HubSpokeTransit {
  const hub = new HubSpokeTransit(stack, 'Hub', {
    gateway: hubGateway,
    spokes: { app: { addressSpace: ['10.1.0.0/16'] } },
    sites: { paris: { gatewayAddress: '203.0.113.10', bgpAsn: 65050, bgpPeeringAddress: '192.168.255.1' } },
    ...extra,
  });
  hub.addSpoke('data', { addressSpace: ['10.2.0.0/16'], resourceGroupName: 'rg-data' });
  hub.addSite('lyon', { gatewayAddress: '198.51.100.20', addressSpace: ['192.168.20.0/24'] });
  return hub;
}

function countsByType(synthesized: any): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [type, byName] of Object.entries<any>(synthesized.resource)) counts[type] = Object.keys(byName).length;
  return counts;
}

function constructPaths(stack: TerraformStack): string[] {
  const config: any = stack.toTerraform();
  const paths: string[] = [];
  for (const byName of Object.values<any>(config.resource)) for (const body of Object.values<any>(byName)) paths.push(body['//'].metadata.path);
  return paths.sort();
}

function byName(resources: Record<string, any>, name: string): any {
  const found = Object.values<any>(resources).find((r) => r.name === name);
  expect(found).toBeDefined();
  return found;
}

describe('HubSpokeTransit', () => {
  test('GIVEN a hub with two spokes, a BGP site and a static site WHEN synthesized with validations THEN every resource of the topology is rendered, wired in order', () => {
    const stack = testStack();
    typicalHub(stack);
    const synthesized = synthValidated(stack);

    expect(countsByType(synthesized)).toEqual({
      azurerm_virtual_network: 3,
      azurerm_subnet: 1,
      azurerm_public_ip: 1,
      azurerm_virtual_network_gateway: 1,
      azurerm_virtual_network_peering: 4,
      azurerm_local_network_gateway: 2,
      azurerm_virtual_network_gateway_connection: 2,
      random_password: 2,
    });
    expect(synthesized.output).toBeUndefined();

    const gatewayAddress = `azurerm_virtual_network_gateway.${Object.keys(resourcesOfType(synthesized, 'azurerm_virtual_network_gateway'))[0]}`;
    const peerings = Object.entries<any>(resourcesOfType(synthesized, 'azurerm_virtual_network_peering'));
    const hubToSpoke = peerings.filter(([, p]) => p.allow_gateway_transit === true);
    const spokeToHub = peerings.filter(([, p]) => p.use_remote_gateways === true);
    expect(hubToSpoke).toHaveLength(2);
    expect(spokeToHub).toHaveLength(2);
    for (const [, p] of hubToSpoke) expect(p).toMatchObject({ use_remote_gateways: false, depends_on: [gatewayAddress] });
    for (const [, p] of spokeToHub) {
      expect(p.allow_gateway_transit).toBe(false);
      // The spoke side waits for the gateway and the hub side (RemoteVnetHasNoGateways otherwise).
      expect(p.depends_on).toHaveLength(2);
      expect(p.depends_on[0]).toBe(gatewayAddress);
      expect(hubToSpoke.map(([name]) => `azurerm_virtual_network_peering.${name}`)).toContain(p.depends_on[1]);
    }

    const vnets = resourcesOfType(synthesized, 'azurerm_virtual_network');
    expect(byName(vnets, 'app-vnet')).toMatchObject({ address_space: ['10.1.0.0/16'], resource_group_name: 'rg-hub', location: 'westeurope' });
    expect(byName(vnets, 'data-vnet')).toMatchObject({ address_space: ['10.2.0.0/16'], resource_group_name: 'rg-data' });

    const sites = resourcesOfType(synthesized, 'azurerm_local_network_gateway');
    expect(byName(sites, 'paris')).toMatchObject({ address_space: ['192.168.255.1/32'], bgp_settings: { asn: 65050, bgp_peering_address: '192.168.255.1' } });
    expect(byName(sites, 'lyon')).toMatchObject({ address_space: ['192.168.20.0/24'], gateway_address: '198.51.100.20' });
    const connections = resourcesOfType(synthesized, 'azurerm_virtual_network_gateway_connection');
    expect(byName(connections, 'hub-gw-to-paris')).toMatchObject({ type: 'IPsec', [BGP_ENABLED]: true });
    expect(byName(connections, 'hub-gw-to-lyon')).toMatchObject({ type: 'IPsec', [BGP_ENABLED]: false });
  });

  test('GIVEN the typical hub WHEN synthesized THEN the construct paths of its resources are the pinned ones', () => {
    const stack = testStack();
    typicalHub(stack);
    expect(constructPaths(stack)).toEqual([
      'test/Hub/Gateway/GatewaySubnet',
      'test/Hub/Gateway/PublicIp',
      'test/Hub/Gateway/Resource',
      'test/Hub/Gateway/VirtualNetwork',
      'test/Hub/Site-lyon/Connection/Resource',
      'test/Hub/Site-lyon/Connection/SharedKey',
      'test/Hub/Site-lyon/LocalNetworkGateway/Resource',
      'test/Hub/Site-paris/Connection/Resource',
      'test/Hub/Site-paris/Connection/SharedKey',
      'test/Hub/Site-paris/LocalNetworkGateway/Resource',
      'test/Hub/Spoke-app/Peering/HubToSpoke',
      'test/Hub/Spoke-app/Peering/SpokeToHub',
      'test/Hub/Spoke-app/VirtualNetwork',
      'test/Hub/Spoke-data/Peering/HubToSpoke',
      'test/Hub/Spoke-data/Peering/SpokeToHub',
      'test/Hub/Spoke-data/VirtualNetwork',
    ]);
  });

  test('GIVEN the typical hub WHEN checked THEN no rule reports an error, and the static site is warned about the spoke prefixes it must route', () => {
    const stack = testStack();
    typicalHub(stack);
    const findings = VpnValidation.check(stack);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.filter((f) => f.severity === 'warning').map((f) => [f.rule, f.path])).toEqual([['peer.onprem-prefixes', 'test/Hub/Site-lyon/Connection/Resource']]);
  });

  test('GIVEN a spoke that overlaps the hub WHEN synthesized with validations THEN synth fails with peer.no-overlap at the spoke peering', () => {
    const stack = testStack();
    const hub = typicalHub(stack);
    hub.addSpoke('overlapping', { addressSpace: ['10.0.128.0/17'] });
    expect(() => Testing.synth(stack, true)).toThrow(/\[test\/Hub\/Spoke-overlapping\/Peering\/(HubToSpoke|SpokeToHub)\] \[peer\.no-overlap\] .*10\.0\.128\.0\/17/);
  });

  test('GIVEN two spokes that overlap each other WHEN synthesized with validations THEN synth fails with peer.no-overlap', () => {
    const stack = testStack();
    const hub = typicalHub(stack);
    hub.addSpoke('twin', { addressSpace: ['10.1.128.0/17'] });
    expect(() => Testing.synth(stack, true)).toThrow(/\[peer\.no-overlap\] .*also peered/);
  });

  test('GIVEN an existing spoke VNet WHEN added THEN no VNet is created, both peerings point at it, and its unknown address space is an info skip', () => {
    const stack = testStack();
    const hub = new HubSpokeTransit(stack, 'Hub', { gateway: hubGateway });
    const existing = VirtualNetworkReference.fromAttributes({
      virtualNetworkId: '/subscriptions/s/resourceGroups/rg-legacy/providers/Microsoft.Network/virtualNetworks/legacy',
      virtualNetworkName: 'legacy',
      resourceGroupName: 'rg-legacy',
    });
    const spoke = hub.addSpoke('legacy', { virtualNetwork: existing });
    const synthesized = synthValidated(stack);
    expect(spoke.virtualNetworkResource).toBeUndefined();
    expect(Object.keys(resourcesOfType(synthesized, 'azurerm_virtual_network'))).toHaveLength(1);
    expect(spoke.spokeToHub.virtualNetworkNameInput).toBe('legacy');
    expect(spoke.hubToSpoke.remoteVirtualNetworkIdInput).toBe(existing.virtualNetworkId);
    const findings = VpnValidation.check(stack);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'peer.no-overlap', severity: 'info' })]));
  });

  test('GIVEN an existing gateway (an ActiveActiveGateway) WHEN used as the hub THEN no second gateway is created and the peerings depend on it', () => {
    const stack = testStack();
    const gateway = new ActiveActiveGateway(stack, 'HubGateway', hubGateway);
    const hub = new HubSpokeTransit(stack, 'Hub', { existingGateway: gateway, spokes: { app: { addressSpace: ['10.1.0.0/16'] } } });
    const synthesized = synthValidated(stack);
    expect(hub.gateway).toBe(gateway);
    expect(hub.vpnGateway).toBeUndefined();
    expect(hub.hubVirtualNetwork).toBe(gateway.virtualNetwork);
    expect(Object.keys(resourcesOfType(synthesized, 'azurerm_virtual_network_gateway'))).toHaveLength(1);
    hub.outputPeerInfo();
    expect(Object.keys(synthValidated(stack).output).sort()).toEqual([expect.stringMatching(/^HubGateway_BgpPeeringAddresses_/), expect.stringMatching(/^HubGateway_PublicIpAddresses_/)]);
    const spokeToHub = Object.values<any>(resourcesOfType(synthesized, 'azurerm_virtual_network_peering')).find((p) => p.use_remote_gateways);
    expect(spokeToHub.depends_on[0]).toMatch(/^azurerm_virtual_network_gateway\.HubGateway_/);
  });

  test('GIVEN BGP on the hub and a BGP site WHEN synthesized THEN the site connection runs BGP (transit of the spoke prefixes), and enableBgp: false turns it off', () => {
    const stack = testStack();
    const hub = new HubSpokeTransit(stack, 'Hub', { gateway: hubGateway });
    const withBgp = hub.addSite('a', { gatewayAddress: '203.0.113.10', bgpAsn: 65050, bgpPeeringAddress: '192.168.255.1' });
    const without = hub.addSite('b', { gatewayAddress: '203.0.113.20', bgpAsn: 65060, bgpPeeringAddress: '192.168.255.2', enableBgp: false });
    expect(withBgp.connection.bgpEnabled).toBe(true);
    expect(without.connection.bgpEnabled).toBe(false);
  });

  test('GIVEN the construct WHEN nothing asks for outputs THEN there are none; outputPeerInfo() adds the gateway public IPs and BGP peering addresses', () => {
    const stack = testStack();
    const hub = typicalHub(stack);
    expect(synthValidated(stack).output).toBeUndefined();
    hub.outputPeerInfo();
    const outputs = synthValidated(stack).output;
    expect(Object.keys(outputs).sort()).toEqual([expect.stringMatching(/^Hub_Gateway_BgpPeeringAddresses_/), expect.stringMatching(/^Hub_Gateway_PublicIpAddresses_/)]);
  });

  test('GIVEN spokes and sites WHEN read back THEN the construct exposes them in the order they were added', () => {
    const stack = testStack();
    const hub = typicalHub(stack);
    expect(hub.spokes.map((s) => s.node.id)).toEqual(['Spoke-app', 'Spoke-data']);
    expect(hub.sites.map((s) => s.siteName)).toEqual(['paris', 'lyon']);
    expect(hub.spokes[0]).toBeInstanceOf(TransitSpoke);
    expect(hub.vpnGateway).toBeInstanceOf(VpnGateway);
  });

  test('GIVEN a spoke address space and a site address that are Terraform variables WHEN synthesized with validations THEN nothing is guessed: no error, the overlap check is an info skip', () => {
    const stack = testStack();
    const hub = new HubSpokeTransit(stack, 'Hub', { gateway: hubGateway });
    const spokeSpace = new TerraformVariable(stack, 'spoke_space', { type: 'list(string)' });
    const siteAddress = new TerraformVariable(stack, 'site_address', { type: 'string' });
    hub.addSpoke('app', { addressSpace: spokeSpace.listValue });
    hub.addSite('branch', { gatewayAddress: siteAddress.stringValue, bgpAsn: 65050, bgpPeeringAddress: '192.168.255.1' });
    expect(() => Testing.synth(stack, true)).not.toThrow();
    const skips = VpnValidation.check(stack).filter((f) => f.severity === 'info' && f.rule === 'peer.no-overlap');
    expect(skips.length).toBeGreaterThan(0);
    expect(skips[0].message).toMatch(/var\.spoke_space/);
  });

  describe('input it cannot build from', () => {
    test.each([
      ['neither gateway nor existingGateway', {}, /\[props\.exclusive\] HubSpokeTransit needs a hub gateway/],
      ['both gateway and existingGateway', { existing: true }, /\[props\.exclusive\] gateway and existingGateway are both set/],
    ])('GIVEN %s WHEN constructed THEN it throws at once', (_label, variant, message) => {
      const stack = testStack();
      const existing = VpnGateway.fromAttributes(stack, 'Existing', {
        gatewayId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/gw',
        gatewayName: 'gw',
        resourceGroupName: 'rg',
        location: 'westeurope',
        sku: GatewaySku.VPN_GW2_AZ,
        virtualNetwork: VirtualNetworkReference.fromAttributes({ virtualNetworkId: 'id', virtualNetworkName: 'hub', resourceGroupName: 'rg' }),
      });
      const props: HubSpokeTransitProps = 'existing' in variant ? { gateway: hubGateway, existingGateway: existing } : {};
      expect(() => new HubSpokeTransit(stack, 'Hub', props)).toThrow(VpnConfigError);
      expect(() => new HubSpokeTransit(stack, 'Hub2', props)).toThrow(message);
    });

    test.each([
      ['neither addressSpace nor virtualNetwork', {}, /neither addressSpace nor virtualNetwork/],
      ['both addressSpace and virtualNetwork', { both: true }, /sets both addressSpace and virtualNetwork/],
    ])('GIVEN a spoke with %s WHEN added THEN it throws at once with the spoke path', (_label, variant, message) => {
      const stack = testStack();
      const hub = new HubSpokeTransit(stack, 'Hub', { gateway: hubGateway });
      const options =
        'both' in variant
          ? { addressSpace: ['10.1.0.0/16'], virtualNetwork: VirtualNetworkReference.fromAttributes({ virtualNetworkId: 'id', virtualNetworkName: 'x', resourceGroupName: 'rg' }) }
          : {};
      expect(() => hub.addSpoke('bad', options)).toThrow(message);
      expect(() => hub.addSpoke('bad2', options)).toThrow(/\(at test\/Hub\/Spoke-bad2\)/);
    });
  });
});

import { LocalNetworkGateway } from '@cdktf/provider-azurerm/lib/local-network-gateway';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { VirtualNetworkGateway } from '@cdktf/provider-azurerm/lib/virtual-network-gateway';
import { VirtualNetworkGatewayConnection } from '@cdktf/provider-azurerm/lib/virtual-network-gateway-connection';
import { VirtualNetworkPeering } from '@cdktf/provider-azurerm/lib/virtual-network-peering';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { ReachStatus, VpnTopology } from '../../lib/constructs/vpn-topology';
import '../../lib/testing/jest';
import { testStack } from '../support/stack';
import { enterpriseConfig } from './fixtures';

const rg = 'rg-test';
const location = 'westeurope';

/** A hub with a BGP gateway, two spokes with gateway transit, a BGP site and a static site: raw azurerm resources. */
function hubStack(o: { spokeSpaceVariable?: boolean } = {}): TerraformStack {
  const stack = testStack();
  const spokeSpace = o.spokeSpaceVariable ? new TerraformVariable(stack, 'spoke_space', { type: 'list(string)' }).listValue : undefined;
  const hub = new VirtualNetwork(stack, 'hub', { name: 'vnet-hub', location, resourceGroupName: rg, addressSpace: ['10.0.0.0/16'] });
  const gwSubnet = new Subnet(stack, 'gateway-subnet', { name: 'GatewaySubnet', resourceGroupName: rg, virtualNetworkName: hub.name, addressPrefixes: ['10.0.255.0/27'] });
  const pip = new PublicIp(stack, 'gateway-ip', { name: 'pip-gw', location, resourceGroupName: rg, sku: 'Standard', allocationMethod: 'Static', zones: ['1', '2', '3'] });
  const gw = new VirtualNetworkGateway(stack, 'gateway', {
    name: 'vgw-hub',
    location,
    resourceGroupName: rg,
    type: 'Vpn',
    vpnType: 'RouteBased',
    sku: 'VpnGw2AZ',
    generation: 'Generation2',
    enableBgp: true,
    bgpSettings: { asn: 65010 },
    ipConfiguration: [{ name: 'default', publicIpAddressId: pip.id, subnetId: gwSubnet.id, privateIpAddressAllocation: 'Dynamic' }],
  });
  ['spoke-a', 'spoke-b'].forEach((name, i) => {
    const space = name === 'spoke-a' && spokeSpace ? spokeSpace : [`10.${i + 1}.0.0/16`];
    const vnet = new VirtualNetwork(stack, name, { name, location, resourceGroupName: rg, addressSpace: space });
    new VirtualNetworkPeering(stack, `hub-to-${name}`, { name: `hub-to-${name}`, resourceGroupName: rg, virtualNetworkName: hub.name, remoteVirtualNetworkId: vnet.id, allowGatewayTransit: true });
    new VirtualNetworkPeering(stack, `${name}-to-hub`, { name: `${name}-to-hub`, resourceGroupName: rg, virtualNetworkName: vnet.name, remoteVirtualNetworkId: hub.id, useRemoteGateways: true, dependsOn: [gw] });
  });
  const paris = new LocalNetworkGateway(stack, 'paris', { name: 'lng-paris', location, resourceGroupName: rg, gatewayAddress: '203.0.113.10', addressSpace: ['10.201.0.1/32'], bgpSettings: { asn: 65101, bgpPeeringAddress: '10.201.0.1' } });
  const berlin = new LocalNetworkGateway(stack, 'berlin', { name: 'lng-berlin', location, resourceGroupName: rg, gatewayAddress: '198.51.100.30', addressSpace: ['192.168.30.0/24'] });
  new VirtualNetworkGatewayConnection(stack, 'to-paris', { name: 'to-paris', location, resourceGroupName: rg, type: 'IPsec', virtualNetworkGatewayId: gw.id, localNetworkGatewayId: paris.id, sharedKey: 'not-shown', enableBgp: true });
  new VirtualNetworkGatewayConnection(stack, 'to-berlin', { name: 'to-berlin', location, resourceGroupName: rg, type: 'IPsec', virtualNetworkGatewayId: gw.id, localNetworkGatewayId: berlin.id, sharedKey: 'not-shown' });
  return stack;
}

describe('VpnTopology.of(stack), before synth', () => {
  const topology = VpnTopology.of(hubStack());

  test('GIVEN a stack of raw azurerm resources WHEN read THEN its endpoints carry Azure names, addresses and construct paths', () => {
    const byName = new Map(topology.endpoints.map((e) => [e.name, e]));
    expect([...byName.keys()].sort()).toEqual(['lng-berlin', 'lng-paris', 'spoke-a', 'spoke-b', 'vnet-hub']);
    expect(byName.get('vnet-hub')).toMatchObject({ kind: 'vnet', path: 'test/hub', prefixes: ['10.0.0.0/16'] });
  });

  test('GIVEN construct ids WHEN asked THEN canReach answers with status and reason', () => {
    const r = topology.canReach('spoke-a', 'paris');
    expect(r).toEqual({ source: 'spoke-a', destination: 'lng-paris', status: ReachStatus.REACHABLE, reachable: true, reason: 'spoke-a → vgw-hub → lng-paris', rule: undefined });
    const no = topology.canReach('spoke-a', 'spoke-b');
    expect(no.status).toBe(ReachStatus.UNREACHABLE);
    expect(no.reachable).toBe(false);
    expect(no.rule).toBe('peer.non-transitive');
  });

  test('GIVEN a reachable pair WHEN explained THEN every hop names the resource and the reason, and the text is printable', () => {
    const e = topology.explain('test/berlin', 'spoke-b');
    expect(e.hops.map((h) => `${h.source} → ${h.destination} [${h.via}]`)).toEqual([
      expect.stringMatching(/^lng-berlin → vgw-hub \[azurerm_virtual_network_gateway_connection\./),
      expect.stringMatching(/^vgw-hub → spoke-b \[azurerm_virtual_network_peering\./),
    ]);
    expect(e.text).toMatch(/^lng-berlin → spoke-b: reachable\n {2}path: lng-berlin → vgw-hub → spoke-b\n/);
    expect(e.notes.join('\n')).toContain('peer.onprem-prefixes');
  });

  test('GIVEN the matrix WHEN read THEN statuses and reachable sets agree with canReach', () => {
    const m = topology.matrix();
    expect(m.endpoints.map((e) => e.name)).toEqual(['spoke-a', 'spoke-b', 'vnet-hub', 'lng-berlin', 'lng-paris']);
    expect(m.statusOf('lng-berlin', 'lng-paris')).toBe(ReachStatus.UNREACHABLE);
    expect(m.reachableFrom('spoke-a')).toEqual(['vnet-hub', 'lng-berlin', 'lng-paris']);
    expect(m.toMarkdown()).toContain('| **spoke-a** | — | no | yes | yes | yes |');
    expect(() => m.statusOf('nowhere', 'spoke-a')).toThrow(/no endpoint named "nowhere"/);
  });

  test('GIVEN a name that matches nothing WHEN asked THEN it throws, listing known names', () => {
    expect(() => topology.canReach('madrid', 'spoke-a')).toThrow(/no VNet, site, P2S pool or address matches "madrid"/);
  });

  test('GIVEN a spoke address space from a TerraformVariable WHEN asked THEN the answer is unknown, naming the variable', () => {
    const t = VpnTopology.of(hubStack({ spokeSpaceVariable: true }));
    const r = t.canReach('spoke-a', 'paris');
    expect(r.status).toBe(ReachStatus.UNKNOWN);
    expect(r.reason).toContain('spoke_space');
  });

  test('GIVEN the stack WHEN drawn THEN toMermaid and toDot produce diagrams, and toMarkdown the summary', () => {
    expect(topology.toMermaid()).toMatch(/^flowchart LR\n/);
    expect(topology.toDot()).toMatch(/^graph topology \{\n/);
    expect(topology.toMarkdown()).toContain('## Validation checklists');
  });
});

describe('VpnTopology.fromTerraformJson', () => {
  test('GIVEN the enterprise configuration as text WHEN asked THEN P2S clients reach the BGP sites and the far region, not the static site', () => {
    const t = VpnTopology.fromTerraformJson(JSON.stringify(enterpriseConfig()));
    expect(t.canReach('p2s', 'paris').status).toBe(ReachStatus.REACHABLE);
    expect(t.canReach('p2s', 'hub-us').status).toBe(ReachStatus.REACHABLE);
    expect(t.canReach('p2s', 'berlin').rule).toBe('p2s.transit');
    expect(VpnTopology.fromTerraformObject(enterpriseConfig()).canReach('spoke-a', 'hub-us').reachable).toBe(true);
  });
});

describe('the toReach jest matcher', () => {
  const topology = VpnTopology.fromTerraformJson(JSON.stringify(enterpriseConfig()));

  test('GIVEN a reachable pair WHEN asserted THEN toReach passes and .not.toReach fails with the path', () => {
    expect(topology).toReach('spoke-a', 'paris');
    expect(() => expect(topology).not.toReach('spoke-a', 'paris')).toThrow(/expected spoke-a not to reach paris, but it is reachable\n.*path: spoke-a → hub-gw → paris/s);
  });

  test('GIVEN an unreachable pair WHEN asserted THEN .not.toReach passes and toReach fails with the reason', () => {
    expect(topology).not.toReach('spoke-a', 'spoke-b');
    expect(() => expect(topology).toReach('spoke-a', 'spoke-b')).toThrow(/but it is unreachable\n.*peer\.non-transitive/s);
  });

  test('GIVEN an answer that depends on a variable WHEN asserted either way THEN both fail, naming the variable', () => {
    const t = VpnTopology.fromTerraformObject(enterpriseConfig((c) => (c.resource.azurerm_virtual_network_gateway_connection.hub_to_paris.bgp_enabled = '${var.paris_bgp}')));
    expect(() => expect(t).toReach('london', 'paris')).toThrow(/unknown[\s\S]*var\.paris_bgp/);
    expect(() => expect(t).not.toReach('london', 'paris')).toThrow(/unknown[\s\S]*var\.paris_bgp/);
  });

  test('GIVEN a construct instead of a VpnTopology WHEN asserted THEN the matcher reads its stack', () => {
    expect(hubStack()).toReach('spoke-b', 'paris');
  });
});

import { Testing } from 'cdktf';
import { LocalSite } from '../../lib/constructs/local-site';
import { SiteToSiteConnection } from '../../lib/constructs/site-to-site-connection';
import { VNetToVNet } from '../../lib/constructs/vnet-to-vnet';
import { VpnGateway } from '../../lib/constructs/vpn-gateway';
import { ReachStatus, VpnTopology } from '../../lib/constructs/vpn-topology';
import { BGP_ENABLED_PROPERTY, FRAMEWORK } from '../../lib/private/framework';
import { BGP_ENABLED, FRAMEWORK_UNDER_TEST, OTHER_BGP_SPELLING } from '../support/framework';
import { resourcesOfType, testStack } from '../support/stack';

// Runs in both jest projects: `cdktf` as written, `cdktn` through the package rewrite.

describe(`the library on ${FRAMEWORK_UNDER_TEST}`, () => {
  test('GIVEN the framework the tests load WHEN the library is loaded with it THEN lib/private/framework names the same framework', () => {
    expect(FRAMEWORK).toBe(FRAMEWORK_UNDER_TEST);
    expect(BGP_ENABLED_PROPERTY).toBe(FRAMEWORK_UNDER_TEST === 'cdktn' ? 'bgpEnabled' : 'enableBgp');
  });

  test(`GIVEN BGP gateways, a BGP site connection and a VNet-to-VNet link WHEN synthesized THEN every BGP switch is written as ${BGP_ENABLED}, never as ${OTHER_BGP_SPELLING}`, () => {
    const stack = testStack();
    const hub = new VpnGateway(stack, 'Hub', { name: 'hub-gw', resourceGroupName: 'rg', location: 'westeurope', addressSpace: ['10.0.0.0/16'], bgpAsn: 65010 });
    const dr = new VpnGateway(stack, 'Dr', { name: 'dr-gw', resourceGroupName: 'rg', location: 'northeurope', addressSpace: ['10.1.0.0/16'], bgpAsn: 65020 });
    const site = new LocalSite(stack, 'Paris', { name: 'paris', resourceGroupName: 'rg', location: 'westeurope', gatewayAddress: '203.0.113.10', bgpAsn: 65050, bgpPeeringAddress: '192.168.10.1' });
    new SiteToSiteConnection(stack, 'ToParis', { gateway: hub, site });
    new VNetToVNet(stack, 'HubToDr', { left: hub, right: dr });
    const config = JSON.parse(Testing.synth(stack, true));
    const written = [
      ...Object.values<any>(resourcesOfType(config, 'azurerm_virtual_network_gateway')),
      ...Object.values<any>(resourcesOfType(config, 'azurerm_virtual_network_gateway_connection')),
    ];
    expect(written).toHaveLength(5);
    expect(written.map((r) => [r[BGP_ENABLED], OTHER_BGP_SPELLING in r])).toEqual(written.map(() => [true, false]));
  });

  test('GIVEN what the framework writes WHEN the rules read it THEN BGP transit works: the DR VNet reaches the BGP site through the hub', () => {
    const stack = testStack();
    const hub = new VpnGateway(stack, 'Hub', { name: 'hub-gw', resourceGroupName: 'rg', location: 'westeurope', addressSpace: ['10.0.0.0/16'], bgpAsn: 65010 });
    const dr = new VpnGateway(stack, 'Dr', { name: 'dr-gw', resourceGroupName: 'rg', location: 'northeurope', addressSpace: ['10.1.0.0/16'], bgpAsn: 65020 });
    const site = new LocalSite(stack, 'Paris', { name: 'paris', resourceGroupName: 'rg', location: 'westeurope', gatewayAddress: '203.0.113.10', bgpAsn: 65050, bgpPeeringAddress: '192.168.10.1' });
    new SiteToSiteConnection(stack, 'ToParis', { gateway: hub, site });
    new VNetToVNet(stack, 'HubToDr', { left: hub, right: dr });
    // Transit through two gateways needs BGP on every connection (bgp.transit): only a reader of
    // the spelling this framework writes finds the path.
    const answer = VpnTopology.of(stack).explain('10.1.0.4', 'paris');
    expect([answer.status, answer.text]).toEqual([ReachStatus.REACHABLE, expect.any(String)]);
  });
});

import { GatewayNatRule, NatRuleMode } from '../../lib/constructs/gateway-nat-rule';
import { GatewayTransitPeering } from '../../lib/constructs/gateway-transit-peering';
import { LocalSite } from '../../lib/constructs/local-site';
import { P2SAuthentication } from '../../lib/constructs/point-to-site';
import { SiteToSiteConnection } from '../../lib/constructs/site-to-site-connection';
import { VirtualNetworkReference } from '../../lib/constructs/virtual-network';
import { VpnGateway } from '../../lib/constructs/vpn-gateway';
import { testStack } from '../support/stack';

// Construct ids name the Terraform resources: renaming one replaces the resource (for a gateway,
// 45 minutes and new public IPs). These paths are part of the public API.
test('GIVEN every building block WHEN synthesized THEN the construct paths of their resources are the pinned ones', () => {
  const stack = testStack();
  const hub = new VpnGateway(stack, 'Hub', { name: 'hub-gw', resourceGroupName: 'rg', location: 'westeurope', addressSpace: ['10.0.0.0/16'], activeActive: true, bgpAsn: 65010 });
  hub.enableP2S({ clientAddressPool: ['172.16.0.0/24'], authentications: [P2SAuthentication.entraId({ tenantId: 'tid' })] });
  const site = new LocalSite(stack, 'Branch', { name: 'branch', resourceGroupName: 'rg', location: 'westeurope', gatewayAddress: '203.0.113.10', bgpAsn: 65050, bgpPeeringAddress: '192.168.255.1' });
  const nat = new GatewayNatRule(stack, 'Nat', { gateway: hub, name: 'in', mode: NatRuleMode.INGRESS_SNAT, internalMapping: '192.168.0.0/24', externalMapping: '100.64.0.0/24' });
  new SiteToSiteConnection(stack, 'ToBranch', { gateway: hub, site, ingressNatRules: [nat] });
  const spoke = VirtualNetworkReference.fromAttributes({ virtualNetworkId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/spoke', virtualNetworkName: 'spoke', resourceGroupName: 'rg' });
  new GatewayTransitPeering(stack, 'Spoke', { hubGateway: hub, spokeVirtualNetwork: spoke });

  // toTerraform() keeps the cdktf metadata (the construct path) that Testing.synth strips.
  const synthesized: any = stack.toTerraform();
  const paths: string[] = [];
  for (const byName of Object.values<any>(synthesized.resource)) {
    for (const body of Object.values<any>(byName)) paths.push(body['//']?.metadata?.path);
  }
  expect(paths.sort()).toEqual([
    'test/Branch/Resource',
    'test/Hub/ActiveActivePublicIp',
    'test/Hub/GatewaySubnet',
    'test/Hub/P2SPublicIp',
    'test/Hub/PublicIp',
    'test/Hub/Resource',
    'test/Hub/VirtualNetwork',
    'test/Nat/Resource',
    'test/Spoke/HubToSpoke',
    'test/Spoke/SpokeToHub',
    'test/ToBranch/Resource',
    'test/ToBranch/SharedKey',
  ]);
  expect(stack.node.tryFindChild('RandomProvider')).toBeDefined();
  expect(Object.keys(synthesized.resource.azurerm_virtual_network_gateway)).toEqual(['Hub_C5CB2B3F']);
  expect(Object.keys(synthesized.resource.azurerm_public_ip).sort()).toEqual(['Hub_ActiveActivePublicIp_2768C483', 'Hub_P2SPublicIp_AFEA655F', 'Hub_PublicIp_5A242F9C']);
});

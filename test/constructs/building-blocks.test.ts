import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Testing } from 'cdktf';
import { GatewayNatRule, NatRuleMode } from '../../lib/constructs/gateway-nat-rule';
import { GatewayTransitPeering } from '../../lib/constructs/gateway-transit-peering';
import { LocalSite } from '../../lib/constructs/local-site';
import { P2SAuthentication } from '../../lib/constructs/point-to-site';
import { SiteToSiteConnection } from '../../lib/constructs/site-to-site-connection';
import { VirtualNetworkReference } from '../../lib/constructs/virtual-network';
import { VpnGateway } from '../../lib/constructs/vpn-gateway';
import { VpnValidation } from '../../lib/constructs/vpn-validation';
import { testStack } from '../support/stack';

// The building blocks derive what Azure dictates, so their defaults must pass every rule.
describe('building blocks together', () => {
  test('GIVEN an active-active BGP hub with P2S, two sites, NAT and a spoke WHEN checked THEN no rule reports an error', () => {
    const stack = testStack();
    const hub = new VpnGateway(stack, 'Hub', {
      name: 'hub-gw',
      resourceGroupName: 'rg-hub',
      location: 'westeurope',
      addressSpace: ['10.0.0.0/16'],
      activeActive: true,
      bgpAsn: 65010,
      bgpCustomApipaAddresses: ['169.254.21.1'],
      bgpSecondCustomApipaAddresses: ['169.254.22.1'],
      p2s: { clientAddressPool: ['172.16.0.0/24'], authentications: [P2SAuthentication.entraId({ tenantId: '00000000-0000-0000-0000-000000000000' })] },
    });
    const bgpBranch = new LocalSite(stack, 'BgpBranch', { name: 'bgp-branch', resourceGroupName: 'rg-hub', location: 'westeurope', gatewayAddress: '203.0.113.10', bgpAsn: 65050, bgpPeeringAddress: '169.254.21.2' });
    const staticBranch = new LocalSite(stack, 'StaticBranch', { name: 'static-branch', resourceGroupName: 'rg-hub', location: 'westeurope', gatewayAddress: '198.51.100.20', addressSpace: ['192.168.0.0/24'] });
    const nat = new GatewayNatRule(stack, 'StaticIn', { gateway: hub, name: 'static-in', mode: NatRuleMode.INGRESS_SNAT, internalMapping: '192.168.0.0/24', externalMapping: '100.64.1.0/24' });
    new SiteToSiteConnection(stack, 'ToBgpBranch', { gateway: hub, site: bgpBranch, customBgpPrimaryAddress: '169.254.21.1', customBgpSecondaryAddress: '169.254.22.1' });
    new SiteToSiteConnection(stack, 'ToStaticBranch', { gateway: hub, site: staticBranch, ingressNatRules: [nat] });
    const spoke = new VirtualNetwork(stack, 'SpokeVnet', { name: 'spoke-vnet', resourceGroupName: 'rg-spoke', location: 'westeurope', addressSpace: ['10.1.0.0/16'] });
    new GatewayTransitPeering(stack, 'Spoke', { hubGateway: hub, spokeVirtualNetwork: VirtualNetworkReference.fromVirtualNetwork(spoke) });

    expect(VpnValidation.check(stack).filter((f) => f.severity === 'error')).toEqual([]);
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test('GIVEN a minimal active-standby hub and a static site WHEN checked THEN no rule reports an error', () => {
    const stack = testStack();
    const hub = new VpnGateway(stack, 'Hub', { name: 'hub-gw', resourceGroupName: 'rg-hub', location: 'westeurope', addressSpace: ['10.0.0.0/16'] });
    const site = new LocalSite(stack, 'Branch', { name: 'branch', resourceGroupName: 'rg-hub', location: 'westeurope', gatewayAddress: '203.0.113.10', addressSpace: ['192.168.0.0/24'] });
    new SiteToSiteConnection(stack, 'ToBranch', { gateway: hub, site });
    const findings = VpnValidation.check(stack);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    // The default policy is strong crypto: not even a warning from the IPsec rules.
    expect(findings.filter((f) => f.rule.startsWith('ipsec.'))).toEqual([]);
  });
});

import { GatewaySku } from '../../lib/constructs/gateway-sku';
import { HubSpokeTransit } from '../../lib/constructs/hub-spoke-transit';
import { LocalSite } from '../../lib/constructs/local-site';
import { SiteToSiteConnection } from '../../lib/constructs/site-to-site-connection';
import { VirtualNetworkReference } from '../../lib/constructs/virtual-network';
import { VpnGateway } from '../../lib/constructs/vpn-gateway';
import { VpnValidation } from '../../lib/constructs/vpn-validation';
import { testStack } from '../support/stack';

const HUB_VNET_ID = '/subscriptions/s/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/hub-vnet';

function existingHub(stack: ReturnType<typeof testStack>) {
  return VpnGateway.fromAttributes(stack, 'Hub', {
    gatewayId: '/subscriptions/s/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworkGateways/hub-gw',
    gatewayName: 'hub-gw',
    resourceGroupName: 'rg-hub',
    location: 'westeurope',
    sku: GatewaySku.VPN_GW2_AZ,
    bgpEnabled: true,
    bgpAsn: 65010,
    virtualNetwork: VirtualNetworkReference.fromAttributes({ virtualNetworkId: HUB_VNET_ID, virtualNetworkName: 'hub-vnet', resourceGroupName: 'rg-hub', addressSpace: ['10.0.0.0/16'] }),
  });
}

describe('facts given for existing resources reach the rules (issue 10, finding 5)', () => {
  test('GIVEN an existing gateway with ASN 65010 and VNet 10.0.0.0/16 WHEN a site uses ASN 65010 and a BGP peer inside that VNet THEN bgp.asn.distinct and lng.bgp.peer-ip report it, as for a gateway in the stack', () => {
    const stack = testStack();
    const gateway = existingHub(stack);
    const site = new LocalSite(stack, 'Branch', { name: 'branch', resourceGroupName: 'rg-hub', location: 'westeurope', gatewayAddress: '203.0.113.10', bgpAsn: 65010, bgpPeeringAddress: '10.0.5.1' });
    new SiteToSiteConnection(stack, 'ToBranch', { gateway, site });
    const errors = VpnValidation.check(stack).filter((f) => f.severity === 'error').map((f) => f.rule);
    expect(errors).toEqual(expect.arrayContaining(['bgp.asn.distinct', 'lng.bgp.peer-ip']));
  });

  test('GIVEN an existing gateway WHEN the site uses its own ASN and a peer outside the VNet THEN neither rule fires', () => {
    const stack = testStack();
    const gateway = existingHub(stack);
    const site = new LocalSite(stack, 'Branch', { name: 'branch', resourceGroupName: 'rg-hub', location: 'westeurope', gatewayAddress: '203.0.113.10', bgpAsn: 65020, bgpPeeringAddress: '192.168.255.1' });
    new SiteToSiteConnection(stack, 'ToBranch', { gateway, site });
    const rules = VpnValidation.check(stack).filter((f) => f.severity !== 'info').map((f) => f.rule);
    expect(rules).not.toContain('bgp.asn.distinct');
    expect(rules).not.toContain('lng.bgp.peer-ip');
  });

  function hubWithExistingSpoke(addressSpace?: string[]) {
    const stack = testStack();
    const hub = new HubSpokeTransit(stack, 'Hub', { gateway: { name: 'hub-gw', resourceGroupName: 'rg-hub', location: 'westeurope', addressSpace: ['10.0.0.0/16'] } });
    hub.addSpoke('legacy', {
      virtualNetwork: VirtualNetworkReference.fromAttributes({
        virtualNetworkId: '/subscriptions/s/resourceGroups/rg-legacy/providers/Microsoft.Network/virtualNetworks/legacy',
        virtualNetworkName: 'legacy',
        resourceGroupName: 'rg-legacy',
        ...(addressSpace ? { addressSpace } : {}),
      }),
    });
    hub.addSite('branch', { gatewayAddress: '203.0.113.10', addressSpace: ['192.168.10.0/24'] });
    return VpnValidation.check(stack).filter((f) => f.rule === 'peer.onprem-prefixes');
  }

  test('GIVEN an existing spoke with a known address space WHEN a static site uses the hub THEN peer.onprem-prefixes names the spoke prefix the device must route', () => {
    const findings = hubWithExistingSpoke(['10.9.0.0/16']);
    expect(findings.map((f) => f.severity)).toEqual(['warning']);
    expect(findings[0].message).toContain('"10.9.0.0/16"');
  });

  test('GIVEN an existing spoke without an address space WHEN checked THEN peer.onprem-prefixes guesses nothing', () => {
    expect(hubWithExistingSpoke().filter((f) => f.severity !== 'info')).toEqual([]);
  });
});

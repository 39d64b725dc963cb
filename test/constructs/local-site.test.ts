import { LocalNetworkGateway } from '@cdktf/provider-azurerm/lib/local-network-gateway';
import { TerraformVariable, Testing } from 'cdktf';
import { LocalSite, LocalSiteProps } from '../../lib/constructs/local-site';
import { VpnConfigError } from '../../lib/private/construct-errors';
import { resourcesOfType, testStack } from '../support/stack';

const base: LocalSiteProps = { name: 'branch', resourceGroupName: 'rg', location: 'westeurope', gatewayAddress: '203.0.113.10' };

function siteOf(stack: ReturnType<typeof testStack>, validate = false): any {
  const sites = Object.values<any>(resourcesOfType(JSON.parse(Testing.synth(stack, validate)), 'azurerm_local_network_gateway'));
  expect(sites).toHaveLength(1);
  return sites[0];
}

describe('LocalSite', () => {
  test('GIVEN a static site WHEN synthesized with validations THEN its prefixes and endpoint are written and it has no BGP', () => {
    const stack = testStack();
    const site = new LocalSite(stack, 'Branch', { ...base, addressSpace: ['192.168.0.0/24'] });
    expect(Testing.synth(stack, true)).toHaveResourceWithProperties(LocalNetworkGateway, {
      name: 'branch',
      gateway_address: '203.0.113.10',
      address_space: ['192.168.0.0/24'],
    });
    expect(site.bgpEnabled).toBe(false);
    expect(siteOf(stack).bgp_settings).toBeUndefined();
  });

  test('GIVEN a BGP site with a regular peer address WHEN synthesized with validations THEN the address space is exactly the peer /32', () => {
    const stack = testStack();
    const site = new LocalSite(stack, 'Branch', { ...base, bgpAsn: 65050, bgpPeeringAddress: '192.168.255.1' });
    const rendered = siteOf(stack, true);
    expect(rendered.address_space).toEqual(['192.168.255.1/32']);
    expect(rendered.bgp_settings).toEqual({ asn: 65050, bgp_peering_address: '192.168.255.1' });
    expect(site.bgpEnabled).toBe(true);
  });

  test('GIVEN a BGP site with an APIPA peer address WHEN synthesized THEN no address space is written', () => {
    const stack = testStack();
    new LocalSite(stack, 'Branch', { ...base, bgpAsn: 65050, bgpPeeringAddress: '169.254.21.5', bgpPeerWeight: 10 });
    const rendered = siteOf(stack);
    expect(rendered.address_space).toBeUndefined();
    expect(rendered.bgp_settings).toEqual({ asn: 65050, bgp_peering_address: '169.254.21.5', peer_weight: 10 });
  });

  test('GIVEN a BGP site that also lists static prefixes WHEN synthesized THEN the prefixes are kept and the /32 is added once', () => {
    const stack = testStack();
    new LocalSite(stack, 'Branch', { ...base, addressSpace: ['10.50.0.0/16', '192.168.255.1/32'], bgpAsn: 65050, bgpPeeringAddress: '192.168.255.1' });
    expect(siteOf(stack).address_space).toEqual(['10.50.0.0/16', '192.168.255.1/32']);
  });

  test('GIVEN a BGP peer address from a variable WHEN synthesized THEN Terraform chooses between the /32 and nothing', () => {
    const stack = testStack();
    const peer = new TerraformVariable(stack, 'peer', { type: 'string' });
    new LocalSite(stack, 'Branch', { ...base, bgpAsn: 65050, bgpPeeringAddress: peer.stringValue });
    expect(siteOf(stack).address_space).toBe('${startswith(var.peer, "169.254.") ? [] : ["${var.peer}/32"]}');
  });

  test('GIVEN an FQDN endpoint WHEN synthesized THEN gateway_fqdn is written and gateway_address is not', () => {
    const stack = testStack();
    new LocalSite(stack, 'Branch', { ...base, gatewayAddress: undefined, gatewayFqdn: 'vpn.example.com', addressSpace: ['10.50.0.0/16'] });
    const rendered = siteOf(stack);
    expect(rendered.gateway_fqdn).toBe('vpn.example.com');
    expect(rendered.gateway_address).toBeUndefined();
  });

  test.each([
    ['no endpoint', 'lng.endpoint', { gatewayAddress: undefined }, /the site has no endpoint; set gatewayAddress/],
    ['both endpoints', 'lng.endpoint', { gatewayFqdn: 'vpn.example.com' }, /gatewayAddress and gatewayFqdn are both set/],
    ['an ASN without peer address', 'lng.bgp.peer-ip', { bgpAsn: 65050 }, /bgpAsn 65050 is set without bgpPeeringAddress/],
    ['a peer address without ASN', 'lng.bgp.asn', { bgpPeeringAddress: '192.168.255.1' }, /bgpPeeringAddress is set without bgpAsn/],
    ['a peer address that is not an IP', 'lng.bgp.peer-ip', { bgpAsn: 65050, bgpPeeringAddress: 'router.example' }, /bgpPeeringAddress "router\.example" is not an IP address/],
  ])('GIVEN %s WHEN constructing THEN it throws %s', (_label, ruleId, override, message) => {
    const attempt = () => new LocalSite(testStack(), 'Branch', { ...base, ...override });
    expect(attempt).toThrow(VpnConfigError);
    expect(attempt).toThrow(new RegExp(`^\\[${ruleId.replace(/\./g, '\\.')}\\] `));
    expect(attempt).toThrow(message);
    expect(attempt).toThrow(/\(at test\/Branch\)$/);
  });

  test('GIVEN an existing local network gateway WHEN imported with BGP attributes THEN it reports BGP', () => {
    const site = LocalSite.fromAttributes(testStack(), 'Existing', {
      localNetworkGatewayId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/localNetworkGateways/branch',
      localNetworkGatewayName: 'branch',
      bgpAsn: 65050,
      bgpPeeringAddress: '192.168.255.1',
    });
    expect(site.bgpEnabled).toBe(true);
    expect(site.bgpAsn).toBe(65050);
  });
});

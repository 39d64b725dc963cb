import { Testing } from 'cdktf';
import { GatewayNatRule, NatRuleMode } from '../../lib/constructs/gateway-nat-rule';
import { GatewaySku, VpnType } from '../../lib/constructs/gateway-sku';
import { LocalSite } from '../../lib/constructs/local-site';
import { SiteToSiteConnection } from '../../lib/constructs/site-to-site-connection';
import { VpnGateway, VpnGatewayProps } from '../../lib/constructs/vpn-gateway';
import { VpnValidation } from '../../lib/constructs/vpn-validation';
import { resourcesOfType, testStack } from '../support/stack';

const base: VpnGatewayProps = { name: 'hub-gw', resourceGroupName: 'rg-hub', location: 'westeurope', addressSpace: ['10.0.0.0/16'] };
const only = (o: Record<string, any>) => Object.values(o)[0];

describe('VPN over ExpressRoute private peering: privateIpAddressEnabled and localAzureIpAddressEnabled', () => {
  function privatePeering(o: { privateGateway: boolean; localAzureIp: boolean }) {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', { ...base, privateIpAddressEnabled: o.privateGateway });
    const site = new LocalSite(stack, 'Dc', { name: 'dc', resourceGroupName: 'rg-hub', location: 'westeurope', gatewayAddress: '10.100.0.4', addressSpace: ['192.168.0.0/16'] });
    new SiteToSiteConnection(stack, 'ToDc', { gateway, site, localAzureIpAddressEnabled: o.localAzureIp });
    return stack;
  }

  test('GIVEN both settings WHEN synthesized with validations THEN they are written and synth passes with a private device address', () => {
    const synthesized = JSON.parse(Testing.synth(privatePeering({ privateGateway: true, localAzureIp: true }), true));
    expect(only(resourcesOfType(synthesized, 'azurerm_virtual_network_gateway')).private_ip_address_enabled).toBe(true);
    expect(only(resourcesOfType(synthesized, 'azurerm_virtual_network_gateway_connection')).local_azure_ip_address_enabled).toBe(true);
  });

  test('GIVEN localAzureIpAddressEnabled WHEN the gateway has no private IP THEN synth fails with conn.public-endpoint', () => {
    expect(() => Testing.synth(privatePeering({ privateGateway: false, localAzureIp: true }), true)).toThrow(/conn\.public-endpoint/);
  });
});

describe('bgpRouteTranslationForNatEnabled', () => {
  function natWithBgp(translate?: boolean) {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', { ...base, sku: GatewaySku.VPN_GW2_AZ, bgpAsn: 65010, bgpRouteTranslationForNatEnabled: translate });
    const site = new LocalSite(stack, 'Branch', { name: 'branch', resourceGroupName: 'rg-hub', location: 'westeurope', gatewayAddress: '203.0.113.10', bgpAsn: 65050, bgpPeeringAddress: '192.168.255.1' });
    const rule = new GatewayNatRule(stack, 'Out', { gateway, name: 'out', mode: NatRuleMode.EGRESS_SNAT, internalMapping: '10.0.0.0/24', externalMapping: '100.64.0.0/24' });
    new SiteToSiteConnection(stack, 'ToBranch', { gateway, site, egressNatRules: [rule] });
    return stack;
  }

  test('GIVEN NAT with BGP and the prop set WHEN synthesized THEN bgp_route_translation_for_nat_enabled is written and nat.bgp is silent', () => {
    const stack = natWithBgp(true);
    const synthesized = JSON.parse(Testing.synth(stack, true));
    expect(only(resourcesOfType(synthesized, 'azurerm_virtual_network_gateway')).bgp_route_translation_for_nat_enabled).toBe(true);
    expect(VpnValidation.check(stack).filter((f) => f.rule === 'nat.bgp' && f.severity !== 'info')).toEqual([]);
  });

  test('GIVEN NAT with BGP and the prop left off WHEN checked THEN nat.bgp warns', () => {
    expect(VpnValidation.check(natWithBgp()).filter((f) => f.rule === 'nat.bgp').map((f) => f.severity)).toEqual(['warning']);
  });
});

describe('forced tunnelling: defaultLocalNetworkGatewayId', () => {
  test('GIVEN a default site WHEN synthesized THEN default_local_network_gateway_id references it', () => {
    const stack = testStack();
    const site = new LocalSite(stack, 'Dc', { name: 'dc', resourceGroupName: 'rg-hub', location: 'westeurope', gatewayAddress: '203.0.113.10', addressSpace: ['192.168.0.0/16'] });
    const gateway = new VpnGateway(stack, 'Hub', { ...base, defaultLocalNetworkGatewayId: site.localNetworkGatewayId });
    new SiteToSiteConnection(stack, 'ToDc', { gateway, site });
    const synthesized = JSON.parse(Testing.synth(stack, true));
    expect(only(resourcesOfType(synthesized, 'azurerm_virtual_network_gateway')).default_local_network_gateway_id).toMatch(/^\$\{azurerm_local_network_gateway\.Dc_[A-Za-z0-9_]+\.id\}$/);
  });

  test('GIVEN a default site on a policy-based gateway WHEN synthesized THEN it fails with gw.default-site', () => {
    const stack = testStack();
    const site = new LocalSite(stack, 'Dc', { name: 'dc', resourceGroupName: 'rg-hub', location: 'westeurope', gatewayAddress: '203.0.113.10', addressSpace: ['192.168.0.0/16'] });
    new VpnGateway(stack, 'Hub', { ...base, sku: GatewaySku.BASIC, vpnType: VpnType.POLICY_BASED, defaultLocalNetworkGatewayId: site.localNetworkGatewayId });
    expect(() => Testing.synth(stack, true)).toThrow(/gw\.default-site/);
  });
});

describe('connection settings: routingWeight and expressRouteGatewayBypass', () => {
  test('GIVEN both WHEN synthesized THEN routing_weight and express_route_gateway_bypass are written', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', base);
    const site = new LocalSite(stack, 'Dc', { name: 'dc', resourceGroupName: 'rg-hub', location: 'westeurope', gatewayAddress: '203.0.113.10', addressSpace: ['192.168.0.0/16'] });
    new SiteToSiteConnection(stack, 'ToDc', { gateway, site, routingWeight: 10, expressRouteGatewayBypass: true });
    const connection = only(resourcesOfType(JSON.parse(Testing.synth(stack, true)), 'azurerm_virtual_network_gateway_connection'));
    expect(connection).toMatchObject({ routing_weight: 10, express_route_gateway_bypass: true });
  });

  test('GIVEN a routing weight on a VPN connection WHEN checked THEN conn.routing-weight warns that it is meant for ExpressRoute', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', base);
    const site = new LocalSite(stack, 'Dc', { name: 'dc', resourceGroupName: 'rg-hub', location: 'westeurope', gatewayAddress: '203.0.113.10', addressSpace: ['192.168.0.0/16'] });
    new SiteToSiteConnection(stack, 'ToDc', { gateway, site, routingWeight: 10 });
    expect(VpnValidation.check(stack).filter((f) => f.rule === 'conn.routing-weight').map((f) => f.severity)).toEqual(['warning']);
  });
});

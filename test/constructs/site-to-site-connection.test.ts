import { VirtualNetworkGatewayConnection } from '@cdktf/provider-azurerm/lib/virtual-network-gateway-connection';
import { TerraformVariable, Testing } from 'cdktf';
import { GatewayNatRule, NatRuleMode } from '../../lib/constructs/gateway-nat-rule';
import { GatewaySku } from '../../lib/constructs/gateway-sku';
import { IpsecPolicy } from '../../lib/constructs/ipsec-policy';
import { LocalSite, LocalSiteProps } from '../../lib/constructs/local-site';
import { SharedKey } from '../../lib/constructs/shared-key';
import { ConnectionMode, ConnectionProtocol, SiteToSiteConnection } from '../../lib/constructs/site-to-site-connection';
import { VpnGateway, VpnGatewayProps } from '../../lib/constructs/vpn-gateway';
import { VpnConfigError } from '../../lib/private/construct-errors';
import { resourcesOfType, testStack } from '../support/stack';
import { BGP_ENABLED } from '../support/framework';

const gatewayProps: VpnGatewayProps = { name: 'hub-gw', resourceGroupName: 'rg-hub', location: 'westeurope', addressSpace: ['10.0.0.0/16'] };
const staticSite: LocalSiteProps = { name: 'branch', resourceGroupName: 'rg-hub', location: 'westeurope', gatewayAddress: '203.0.113.10', addressSpace: ['192.168.0.0/24'] };
const bgpSite: LocalSiteProps = { name: 'branch', resourceGroupName: 'rg-hub', location: 'westeurope', gatewayAddress: '203.0.113.10', bgpAsn: 65050, bgpPeeringAddress: '192.168.255.1' };

function connectionOf(synthesized: any): any {
  const connections = Object.values<any>(resourcesOfType(synthesized, 'azurerm_virtual_network_gateway_connection'));
  expect(connections).toHaveLength(1);
  return connections[0];
}

describe('SiteToSiteConnection', () => {
  test('GIVEN only a gateway and a site WHEN synthesized with validations THEN an IKEv2 IPsec connection with a generated key and the recommended policy is rendered', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', gatewayProps);
    const site = new LocalSite(stack, 'Branch', staticSite);
    new SiteToSiteConnection(stack, 'ToBranch', { gateway, site });
    const synthesized = Testing.synth(stack, true);
    expect(synthesized).toHaveResourceWithProperties(VirtualNetworkGatewayConnection, {
      name: 'hub-gw-to-branch',
      type: 'IPsec',
      resource_group_name: 'rg-hub',
      location: 'westeurope',
      connection_protocol: 'IKEv2',
      [BGP_ENABLED]: false,
      ipsec_policy: { ike_encryption: 'GCMAES256', ike_integrity: 'SHA384', dh_group: 'ECP384', ipsec_encryption: 'GCMAES256', ipsec_integrity: 'GCMAES256', pfs_group: 'ECP384', sa_lifetime: 27000, sa_datasize: 102400000 },
    });
    const connection = connectionOf(JSON.parse(synthesized));
    expect(connection.shared_key).toMatch(/^\$\{random_password\.ToBranch_SharedKey_[0-9A-F]+\.result\}$/);
    expect(connection.depends_on).toBeUndefined();
  });

  test('GIVEN a shared key from a sensitive variable WHEN synthesized THEN the JSON holds the reference and no literal key anywhere', () => {
    const stack = testStack();
    const psk = new TerraformVariable(stack, 'psk', { type: 'string', sensitive: true });
    const gateway = new VpnGateway(stack, 'Hub', gatewayProps);
    const site = new LocalSite(stack, 'Branch', staticSite);
    new SiteToSiteConnection(stack, 'ToBranch', { gateway, site, sharedKey: SharedKey.fromVariable(psk) });
    const synthesized = JSON.parse(Testing.synth(stack, true));
    expect(connectionOf(synthesized).shared_key).toBe('${var.psk}');
    expect(synthesized.variable.psk).toEqual({ type: 'string', sensitive: true });
  });

  test.each([
    ['gateway and site with BGP', { bgpAsn: 65010 }, bgpSite, true],
    ['gateway with BGP, static site', { bgpAsn: 65010 }, staticSite, false],
    ['site with BGP, gateway without', {}, bgpSite, false],
  ])('GIVEN %s WHEN enableBgp is not set THEN the connection BGP switch is derived', (_label, gatewayExtra, siteProps, expected) => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', { ...gatewayProps, ...gatewayExtra });
    const connection = new SiteToSiteConnection(stack, 'ToBranch', { gateway, site: new LocalSite(stack, 'Branch', siteProps) });
    expect(connection.bgpEnabled).toBe(expected);
    expect(connectionOf(JSON.parse(Testing.synth(stack)))[BGP_ENABLED]).toBe(expected);
  });

  test('GIVEN a Basic gateway WHEN no policy is set THEN no ipsec_policy block is written, as Basic accepts no custom policy', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', { ...gatewayProps, sku: GatewaySku.BASIC });
    const connection = new SiteToSiteConnection(stack, 'ToBranch', { gateway, site: new LocalSite(stack, 'Branch', staticSite) });
    expect(connection.ipsecPolicy).toBe(IpsecPolicy.AZURE_DEFAULT);
    expect(connectionOf(JSON.parse(Testing.synth(stack))).ipsec_policy).toBeUndefined();
  });

  test('GIVEN IpsecPolicy.AZURE_DEFAULT WHEN synthesized THEN no ipsec_policy block is written', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', gatewayProps);
    new SiteToSiteConnection(stack, 'ToBranch', { gateway, site: new LocalSite(stack, 'Branch', staticSite), ipsecPolicy: IpsecPolicy.AZURE_DEFAULT });
    expect(connectionOf(JSON.parse(Testing.synth(stack))).ipsec_policy).toBeUndefined();
  });

  test('GIVEN NAT rules WHEN linked to the connection THEN their ids are written and the connection depends on them', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', gatewayProps);
    const ingress = new GatewayNatRule(stack, 'In', { gateway, name: 'in', mode: NatRuleMode.INGRESS_SNAT, internalMapping: '192.168.0.0/24', externalMapping: '100.64.1.0/24' });
    const egress = new GatewayNatRule(stack, 'Out', { gateway, name: 'out', mode: NatRuleMode.EGRESS_SNAT, internalMapping: '10.0.0.0/24', externalMapping: '100.64.2.0/24' });
    new SiteToSiteConnection(stack, 'ToBranch', { gateway, site: new LocalSite(stack, 'Branch', staticSite), ingressNatRules: [ingress], egressNatRules: [egress] });
    const connection = connectionOf(JSON.parse(Testing.synth(stack, true)));
    expect(connection.ingress_nat_rule_ids).toEqual([expect.stringMatching(/^\$\{azurerm_virtual_network_gateway_nat_rule\.In_[0-9A-F]+\.id\}$/)]);
    expect(connection.egress_nat_rule_ids).toEqual([expect.stringMatching(/^\$\{azurerm_virtual_network_gateway_nat_rule\.Out_[0-9A-F]+\.id\}$/)]);
    expect(connection.depends_on).toEqual([expect.stringMatching(/^azurerm_virtual_network_gateway_nat_rule\.In_/), expect.stringMatching(/^azurerm_virtual_network_gateway_nat_rule\.Out_/)]);
  });

  test('GIVEN every optional setting WHEN synthesized THEN each is written under its azurerm name', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', { ...gatewayProps, activeActive: true, bgpAsn: 65010, bgpCustomApipaAddresses: ['169.254.21.1'], bgpSecondCustomApipaAddresses: ['169.254.22.1'] });
    new SiteToSiteConnection(stack, 'ToBranch', {
      gateway,
      site: new LocalSite(stack, 'Branch', { ...bgpSite, bgpPeeringAddress: '169.254.21.2' }),
      name: 'to-branch',
      connectionProtocol: ConnectionProtocol.IKEV1,
      connectionMode: ConnectionMode.RESPONDER_ONLY,
      dpdTimeoutSeconds: 30,
      usePolicyBasedTrafficSelectors: true,
      trafficSelectorPolicies: [{ localAddressCidrs: ['10.0.0.0/16'], remoteAddressCidrs: ['192.168.0.0/24'] }],
      customBgpPrimaryAddress: '169.254.21.1',
      customBgpSecondaryAddress: '169.254.22.1',
      tags: { env: 'test' },
    });
    expect(connectionOf(JSON.parse(Testing.synth(stack)))).toMatchObject({
      name: 'to-branch',
      connection_protocol: 'IKEv1',
      connection_mode: 'ResponderOnly',
      dpd_timeout_seconds: 30,
      use_policy_based_traffic_selectors: true,
      traffic_selector_policy: [{ local_address_cidrs: ['10.0.0.0/16'], remote_address_cidrs: ['192.168.0.0/24'] }],
      custom_bgp_addresses: { primary: '169.254.21.1', secondary: '169.254.22.1' },
      [BGP_ENABLED]: true,
      tags: { env: 'test' },
    });
  });

  test('GIVEN a secondary custom BGP address without a primary WHEN constructing THEN it throws conn.custom-bgp-addresses', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', { ...gatewayProps, activeActive: true, bgpAsn: 65010 });
    const site = new LocalSite(stack, 'Branch', bgpSite);
    let thrown: unknown;
    try {
      new SiteToSiteConnection(stack, 'ToBranch', { gateway, site, customBgpSecondaryAddress: '169.254.22.1' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(VpnConfigError);
    expect((thrown as VpnConfigError).ruleId).toBe('conn.custom-bgp-addresses');
    expect((thrown as Error).message).toMatch(/^\[conn\.custom-bgp-addresses\] customBgpSecondaryAddress is set without customBgpPrimaryAddress.*\(at test\/ToBranch\)$/);
  });
});

import { Testing } from 'cdktf';
import { GatewayNatRule, NatRuleMode } from '../../lib/constructs/gateway-nat-rule';
import { GatewaySku } from '../../lib/constructs/gateway-sku';
import { LocalSite } from '../../lib/constructs/local-site';
import { SiteToSiteConnection } from '../../lib/constructs/site-to-site-connection';
import { VirtualNetworkReference } from '../../lib/constructs/virtual-network';
import { VpnGateway, VpnGatewayProps } from '../../lib/constructs/vpn-gateway';
import { VpnValidation } from '../../lib/constructs/vpn-validation';
import { resourcesOfType, synthValidated, testStack } from '../support/stack';

const hubProps: VpnGatewayProps = { name: 'hub-gw', resourceGroupName: 'rg-hub', location: 'westeurope', addressSpace: ['10.0.0.0/16'], activeActive: true, sku: GatewaySku.VPN_GW2_AZ };
const egress = { name: 'out', mode: NatRuleMode.EGRESS_SNAT, internalMapping: '10.0.0.0/24', externalMapping: '100.64.2.0/24' };

function branch(stack: any): LocalSite {
  return new LocalSite(stack, 'Branch', { name: 'branch', resourceGroupName: 'rg-hub', location: 'westeurope', gatewayAddress: '203.0.113.10', addressSpace: ['192.168.0.0/16'] });
}

describe('NAT rules per gateway instance: VpnGateway.addNatRulePerInstance and GatewayNatRule.perInstance', () => {
  test('GIVEN an active-active gateway WHEN NAT rules are added per instance and linked to a connection THEN synth passes with one rule per IP configuration', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', hubProps);
    const rules = gateway.addNatRulePerInstance('Out', egress);
    new SiteToSiteConnection(stack, 'ToBranch', { gateway, site: branch(stack), egressNatRules: rules });

    const synthesized = synthValidated(stack);
    const natRules = Object.values<any>(resourcesOfType(synthesized, 'azurerm_virtual_network_gateway_nat_rule'));
    expect(natRules.map((r) => r.name)).toEqual(['out-instance0', 'out-instance1']);
    expect(natRules.map((r) => r.ip_configuration_id)).toEqual([
      expect.stringMatching(/^\$\{azurerm_virtual_network_gateway\.Hub_[0-9A-F]+\.id\}\/ipConfigurations\/default$/),
      expect.stringMatching(/^\$\{azurerm_virtual_network_gateway\.Hub_[0-9A-F]+\.id\}\/ipConfigurations\/activeActive$/),
    ]);
    expect(natRules.every((r) => r.external_mapping[0].address_space === '100.64.2.0/24')).toBe(true);
    const connection = Object.values<any>(resourcesOfType(synthesized, 'azurerm_virtual_network_gateway_connection'))[0];
    expect(connection.egress_nat_rule_ids).toHaveLength(2);
    expect(rules.map((r) => r.node.path)).toEqual(['test/Hub/Out/Instance0', 'test/Hub/Out/Instance1']);
    expect(VpnValidation.check(stack).filter((f) => f.rule.startsWith('nat.') && f.severity !== 'info')).toEqual([]);
  });

  test('GIVEN one rule without an instance on an active-active gateway WHEN checked THEN nat.active-active warns, which the per-instance rules avoid', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', hubProps);
    new GatewayNatRule(stack, 'Out', { ...egress, gateway });
    expect(VpnValidation.check(stack).filter((f) => f.rule === 'nat.active-active').map((f) => f.severity)).toEqual(['warning']);
  });

  test('GIVEN an existing active-active gateway WHEN GatewayNatRule.perInstance is used THEN each rule names one of its literal IP configuration ids', () => {
    const stack = testStack();
    const id = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworkGateways/hub-gw';
    const gateway = VpnGateway.fromAttributes(stack, 'Hub', {
      gatewayId: id, gatewayName: 'hub-gw', resourceGroupName: 'rg-hub', location: 'westeurope', sku: GatewaySku.VPN_GW2_AZ, activeActive: true,
      virtualNetwork: VirtualNetworkReference.fromAttributes({ virtualNetworkId: `${id}-vnet`, virtualNetworkName: 'hub-vnet', resourceGroupName: 'rg-hub', addressSpace: ['10.0.0.0/16'] }),
    });
    const rules = GatewayNatRule.perInstance(stack, 'Out', gateway, egress);
    const synthesized = synthValidated(stack);
    expect(rules).toHaveLength(2);
    expect(Object.values<any>(resourcesOfType(synthesized, 'azurerm_virtual_network_gateway_nat_rule')).map((r) => r.ip_configuration_id)).toEqual([`${id}/ipConfigurations/default`, `${id}/ipConfigurations/activeActive`]);
  });

  test('GIVEN a SKU without NAT WHEN NAT rules are added per instance THEN synth fails with nat.sku', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', { ...hubProps, sku: GatewaySku.VPN_GW1_AZ });
    gateway.addNatRulePerInstance('Out', egress);
    expect(() => Testing.synth(stack, true)).toThrow(/nat\.sku/);
  });

  test('GIVEN per-instance rules whose name holds a slash WHEN synthesized THEN it fails with nat.name', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', hubProps);
    gateway.addNatRulePerInstance('Out', { ...egress, name: 'out/a' });
    expect(() => Testing.synth(stack, true)).toThrow(/nat\.name/);
  });
});

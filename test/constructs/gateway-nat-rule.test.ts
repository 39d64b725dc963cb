import { VirtualNetworkGatewayNatRule } from '@cdktf/provider-azurerm/lib/virtual-network-gateway-nat-rule';
import { Testing } from 'cdktf';
import { GatewayNatRule, NatRuleMode, NatRuleType } from '../../lib/constructs/gateway-nat-rule';
import { GatewaySku } from '../../lib/constructs/gateway-sku';
import { VpnGateway } from '../../lib/constructs/vpn-gateway';
import { testStack } from '../support/stack';

describe('GatewayNatRule', () => {
  test('GIVEN an ingress rule WHEN synthesized with validations THEN mode, static type and one mapping per side are written on the gateway', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', { name: 'hub-gw', resourceGroupName: 'rg-hub', location: 'westeurope', addressSpace: ['10.0.0.0/16'] });
    new GatewayNatRule(stack, 'BranchIn', { gateway, name: 'branch-in', mode: NatRuleMode.INGRESS_SNAT, internalMapping: '10.0.0.0/24', externalMapping: '100.64.1.0/24' });
    const synthesized = Testing.synth(stack, true);
    expect(synthesized).toHaveResourceWithProperties(VirtualNetworkGatewayNatRule, {
      name: 'branch-in',
      resource_group_name: 'rg-hub',
      mode: 'IngressSnat',
      type: 'Static',
      internal_mapping: [{ address_space: '10.0.0.0/24' }],
      external_mapping: [{ address_space: '100.64.1.0/24' }],
      virtual_network_gateway_id: expect.stringMatching(/^\$\{azurerm_virtual_network_gateway\.Hub_[0-9A-F]+\.id\}$/),
    });
  });

  test('GIVEN an active-active gateway WHEN a dynamic egress rule targets the second instance THEN its ip_configuration_id and port ranges are written', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', { name: 'hub-gw', resourceGroupName: 'rg-hub', location: 'westeurope', addressSpace: ['10.0.0.0/16'], activeActive: true });
    const rule = new GatewayNatRule(stack, 'Out', {
      gateway,
      name: 'out-1',
      mode: NatRuleMode.EGRESS_SNAT,
      natType: NatRuleType.DYNAMIC,
      internalMapping: '10.0.0.0/24',
      internalPortRange: '1000-2000',
      externalMapping: '100.64.2.0/26',
      externalPortRange: '1000-2000',
      ipConfigurationId: gateway.ipConfigurationIds[1],
    });
    expect(rule.mode).toBe(NatRuleMode.EGRESS_SNAT);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(VirtualNetworkGatewayNatRule, {
      mode: 'EgressSnat',
      type: 'Dynamic',
      internal_mapping: [{ address_space: '10.0.0.0/24', port_range: '1000-2000' }],
      external_mapping: [{ address_space: '100.64.2.0/26', port_range: '1000-2000' }],
      ip_configuration_id: expect.stringMatching(/^\$\{azurerm_virtual_network_gateway\.Hub_[0-9A-F]+\.id\}\/ipConfigurations\/activeActive$/),
    });
  });
});

describe('GatewayNatRule per instance (issue 10, finding 1)', () => {
  test('GIVEN an active-active gateway WHEN one rule per instance shares an external range through gateway.ipConfigurationIds THEN synth passes (the FAQ prescribes it)', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', { name: 'hub-gw', resourceGroupName: 'rg-hub', location: 'westeurope', addressSpace: ['10.0.0.0/16'], activeActive: true, sku: GatewaySku.VPN_GW2_AZ });
    gateway.ipConfigurationIds.forEach((ipConfigurationId, i) => new GatewayNatRule(stack, `Out${i}`, {
      gateway, name: `out-${i}`, mode: NatRuleMode.EGRESS_SNAT, internalMapping: '10.0.0.0/24', externalMapping: '100.64.2.0/24', ipConfigurationId,
    }));
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test('GIVEN an active-active gateway WHEN two rules on the same instance share an external range THEN synth fails with nat.external-unique', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', { name: 'hub-gw', resourceGroupName: 'rg-hub', location: 'westeurope', addressSpace: ['10.0.0.0/16'], activeActive: true, sku: GatewaySku.VPN_GW2_AZ });
    [0, 1].forEach((i) => new GatewayNatRule(stack, `Out${i}`, {
      gateway, name: `out-${i}`, mode: NatRuleMode.EGRESS_SNAT, internalMapping: `10.0.${i}.0/24`, externalMapping: '100.64.2.0/24', ipConfigurationId: gateway.ipConfigurationIds[0],
    }));
    expect(() => Testing.synth(stack, true)).toThrow(/nat\.external-unique/);
  });
});

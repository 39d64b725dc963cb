import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { VirtualNetworkPeering } from '@cdktf/provider-azurerm/lib/virtual-network-peering';
import { App, DataTerraformRemoteStateLocal, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { GatewayTransitPeering } from '../../lib/constructs/gateway-transit-peering';
import { VirtualNetworkReference } from '../../lib/constructs/virtual-network';
import { VNetToVNet } from '../../lib/constructs/vnet-to-vnet';
import { VpnGateway } from '../../lib/constructs/vpn-gateway';
import { hubAndSpokeStacks } from '../support/stack';
import { VpnValidation } from '../../lib/constructs/vpn-validation';
import * as engine from '../../lib/rules/engine';

/** The platform layout: the hub gateway in one stack, a spoke VNet and its transit peering in another. */
function hubAndSpoke(spokeAddressSpace: string[]) {
  const app = Testing.app();
  return { app, ...hubAndSpokeStacks(app, spokeAddressSpace) };
}

function synthError(app: App): string {
  try {
    app.synth();
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

describe('an app of several stacks', () => {
  test('GIVEN a spoke stack whose VNet overlaps the hub stack\'s WHEN the app is synthesized THEN synth fails with peer.no-overlap on the spoke stack\'s peering, naming the hub stack\'s VNet', () => {
    const { app } = hubAndSpoke(['10.0.128.0/24']);
    const message = synthError(app);
    expect(message).toMatch(/\[spoke\/Spoke\/SpokeToHub\] \[peer\.no-overlap\] .*stack hub: azurerm_virtual_network\.Hub_VirtualNetwork_[0-9A-F]+ \("10\.0\.0\.0\/16"\).*azurerm_virtual_network\.SpokeVnet \("10\.0\.128\.0\/24"\)/);
  });

  test('GIVEN the same overlap WHEN the spoke stack is checked THEN VpnValidation.check reports the error at the spoke construct with a stack-local address', () => {
    const { app, spokeStack } = hubAndSpoke(['10.0.128.0/24']);
    synthError(app);
    const errors = VpnValidation.check(spokeStack).filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.rule, f.path])).toEqual(expect.arrayContaining([['peer.no-overlap', 'spoke/Spoke/SpokeToHub']]));
    expect(errors.find((f) => f.path === 'spoke/Spoke/SpokeToHub')!.resource).toMatch(/^azurerm_virtual_network_peering\.Spoke_SpokeToHub_[0-9A-F]+$/);
  });

  test('GIVEN a spoke stack with a disjoint address space WHEN the app is synthesized THEN synth succeeds and neither stack has an error', () => {
    const { app, hubStack, spokeStack } = hubAndSpoke(['10.1.0.0/16']);
    expect(() => app.synth()).not.toThrow();
    expect([...VpnValidation.check(hubStack), ...VpnValidation.check(spokeStack)].filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('GIVEN the spoke\'s address space comes from a variable of the hub stack WHEN the app is synthesized THEN the output stays unknown: no error, the skip is an info naming the variable', () => {
    const app = Testing.app({ context: { 'azvpn:showSkipped': true } });
    const hubStack = new TerraformStack(app, 'hub');
    new AzurermProvider(hubStack, 'azurerm', { features: [{}] });
    const hub = new VpnGateway(hubStack, 'Hub', { name: 'hub-gw', resourceGroupName: 'rg-hub', location: 'westeurope', addressSpace: ['10.0.0.0/16'], virtualNetworkName: 'hub-vnet' });
    const space = new TerraformVariable(hubStack, 'spoke_space', { type: 'string' });
    const spokeStack = new TerraformStack(app, 'spoke');
    new AzurermProvider(spokeStack, 'azurerm', { features: [{}] });
    const spokeVnet = new VirtualNetwork(spokeStack, 'SpokeVnet', { name: 'spoke-vnet', resourceGroupName: 'rg-spoke', location: 'westeurope', addressSpace: [space.stringValue] });
    new GatewayTransitPeering(spokeStack, 'Spoke', { hubGateway: hub, spokeVirtualNetwork: VirtualNetworkReference.fromVirtualNetwork(spokeVnet) });
    expect(() => app.synth()).not.toThrow();
    const infos = spokeStack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === '@cdktf/info').map((m) => String(m.data)));
    expect(infos).toEqual(expect.arrayContaining([expect.stringMatching(/^\[peer\.no-overlap\] skipped: .*var\.spoke_space/)]));
  });

  test('GIVEN a remote state of a configuration outside the app WHEN the app is synthesized THEN its outputs are unknown and never matched to a stack of the app', () => {
    const app = Testing.app({ context: { 'azvpn:showSkipped': true } });
    const hubStack = new TerraformStack(app, 'hub');
    new AzurermProvider(hubStack, 'azurerm', { features: [{}] });
    new VirtualNetwork(hubStack, 'HubVnet', { name: 'hub-vnet', resourceGroupName: 'rg-hub', location: 'westeurope', addressSpace: ['10.0.0.0/16'] });
    const spokeStack = new TerraformStack(app, 'spoke');
    new AzurermProvider(spokeStack, 'azurerm', { features: [{}] });
    const platform = new DataTerraformRemoteStateLocal(spokeStack, 'platform', { path: '/elsewhere/platform.tfstate' });
    const spokeVnet = new VirtualNetwork(spokeStack, 'SpokeVnet', { name: 'spoke-vnet', resourceGroupName: 'rg-spoke', location: 'westeurope', addressSpace: ['10.0.128.0/24'] });
    new VirtualNetworkPeering(spokeStack, 'ToHub', { name: 'to-hub', resourceGroupName: 'rg-spoke', virtualNetworkName: spokeVnet.name, remoteVirtualNetworkId: platform.getString('hub_vnet_id') });
    VpnValidation.enable(spokeStack);
    expect(() => app.synth()).not.toThrow();
    const findings = VpnValidation.check(spokeStack).filter((f) => f.rule === 'peer.no-overlap');
    expect(findings.map((f) => f.severity)).toEqual(['info']);
    expect(findings[0].message).toMatch(/data\.terraform_remote_state\.platform is a data source/);
  });

  test('GIVEN a synthesized app WHEN a property changes and the app is synthesized again at once THEN the second synth sees the change (each synth runs the engine afresh)', () => {
    const { app, spokeVnet } = hubAndSpoke(['10.1.0.0/16']);
    app.synth();
    spokeVnet.addressSpace = ['10.0.128.0/24'];
    expect(synthError(app)).toMatch(/\[spoke\/Spoke\/SpokeToHub\] \[peer\.no-overlap\]/);
  });

  test('GIVEN a hub and five spoke stacks WHEN the app is synthesized THEN the rule engine runs once for the whole app, not once per stack', () => {
    const app = Testing.app();
    const hubStack = new TerraformStack(app, 'hub');
    new AzurermProvider(hubStack, 'azurerm', { features: [{}] });
    const hub = new VpnGateway(hubStack, 'Hub', { name: 'hub-gw', resourceGroupName: 'rg-hub', location: 'westeurope', addressSpace: ['10.0.0.0/16'], virtualNetworkName: 'hub-vnet' });
    for (let i = 1; i <= 5; i++) {
      const spokeStack = new TerraformStack(app, `spoke${i}`);
      new AzurermProvider(spokeStack, 'azurerm', { features: [{}] });
      const vnet = new VirtualNetwork(spokeStack, 'Vnet', { name: `spoke${i}`, resourceGroupName: 'rg-spoke', location: 'westeurope', addressSpace: [`10.${i}.0.0/16`] });
      new GatewayTransitPeering(spokeStack, 'Spoke', { hubGateway: hub, spokeVirtualNetwork: VirtualNetworkReference.fromVirtualNetwork(vnet) });
    }
    const runs = jest.spyOn(engine, 'checkTopology');
    try {
      app.synth();
      expect(runs).toHaveBeenCalledTimes(1);
    } finally {
      runs.mockRestore();
    }
  });

  test('GIVEN two stacks whose gateways have the same ASN and a BGP VNet-to-VNet link between them WHEN the app is synthesized THEN bgp.asn.distinct fails synth on the connection, naming the other stack\'s gateway', () => {
    const app = Testing.app();
    const gateways = ['weu', 'neu'].map((region, i) => {
      const stack = new TerraformStack(app, region);
      new AzurermProvider(stack, 'azurerm', { features: [{}] });
      return new VpnGateway(stack, 'Gw', { name: `gw-${region}`, resourceGroupName: 'rg', location: 'westeurope', addressSpace: [`10.${i}.0.0/16`], enableBgp: true, bgpAsn: 65010 });
    });
    new VNetToVNet(TerraformStack.of(gateways[1]), 'Link', { left: gateways[1], right: gateways[0] });
    expect(synthError(app)).toMatch(/\[neu\/Link\/LeftToRight\] \[bgp\.asn\.distinct\] the gateways azurerm_virtual_network_gateway\.Gw_[0-9A-F]+ \(ASN 65010\) and stack weu: azurerm_virtual_network_gateway\.Gw_[0-9A-F]+ \(ASN 65010\)/);
  });

  test('GIVEN the same two stacks with distinct ASNs WHEN the app is synthesized THEN synth succeeds', () => {
    const app = Testing.app();
    const gateways = ['weu', 'neu'].map((region, i) => {
      const stack = new TerraformStack(app, region);
      new AzurermProvider(stack, 'azurerm', { features: [{}] });
      return new VpnGateway(stack, 'Gw', { name: `gw-${region}`, resourceGroupName: 'rg', location: 'westeurope', addressSpace: [`10.${i}.0.0/16`], enableBgp: true, bgpAsn: 65010 + i });
    });
    new VNetToVNet(TerraformStack.of(gateways[1]), 'Link', { left: gateways[1], right: gateways[0] });
    expect(synthError(app)).toBe('');
  });
});

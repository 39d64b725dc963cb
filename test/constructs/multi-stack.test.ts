import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { App, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { GatewayTransitPeering } from '../../lib/constructs/gateway-transit-peering';
import { VirtualNetworkReference } from '../../lib/constructs/virtual-network';
import { VpnGateway } from '../../lib/constructs/vpn-gateway';
import { VpnValidation } from '../../lib/constructs/vpn-validation';

/** The platform layout: the hub gateway in one stack, a spoke VNet and its transit peering in another. */
function hubAndSpoke(spokeAddressSpace: string[] | string, context?: Record<string, unknown>) {
  const app = Testing.app(context ? { context } : {});
  const hubStack = new TerraformStack(app, 'hub');
  new AzurermProvider(hubStack, 'azurerm', { features: [{}] });
  const hub = new VpnGateway(hubStack, 'Hub', { name: 'hub-gw', resourceGroupName: 'rg-hub', location: 'westeurope', addressSpace: ['10.0.0.0/16'], virtualNetworkName: 'hub-vnet' });
  const spokeStack = new TerraformStack(app, 'spoke');
  new AzurermProvider(spokeStack, 'azurerm', { features: [{}] });
  const addressSpace = typeof spokeAddressSpace === 'string' ? [new TerraformVariable(spokeStack, spokeAddressSpace, { type: 'string' }).stringValue] : spokeAddressSpace;
  const spokeVnet = new VirtualNetwork(spokeStack, 'SpokeVnet', { name: 'spoke-vnet', resourceGroupName: 'rg-spoke', location: 'westeurope', addressSpace });
  const peering = new GatewayTransitPeering(spokeStack, 'Spoke', { hubGateway: hub, spokeVirtualNetwork: VirtualNetworkReference.fromVirtualNetwork(spokeVnet) });
  return { app, hubStack, spokeStack, hub, spokeVnet, peering };
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
});

import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { App, TerraformStack, Testing } from 'cdktf';
import { GatewayTransitPeering } from '../../lib/constructs/gateway-transit-peering';
import { VirtualNetworkReference } from '../../lib/constructs/virtual-network';
import { VpnGateway } from '../../lib/constructs/vpn-gateway';

/** A fresh stack with the azurerm provider, named `test`, so construct paths read `test/<id>/…`. */
export function testStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  return stack;
}

/** The synthesized stack as an object, with validations run (they throw on rule errors). */
export function synthValidated(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack, true));
}

/** The resources of one type in a synthesized stack, by their Terraform logical name. */
export function resourcesOfType(synthesized: any, type: string): Record<string, any> {
  return synthesized.resource?.[type] ?? {};
}

/** The platform layout in `app`: the hub gateway in stack `hub`, a spoke VNet and its transit peering in stack `spoke`. */
export function hubAndSpokeStacks(app: App, spokeAddressSpace: string[]) {
  const hubStack = new TerraformStack(app, 'hub');
  new AzurermProvider(hubStack, 'azurerm', { features: [{}] });
  const hub = new VpnGateway(hubStack, 'Hub', { name: 'hub-gw', resourceGroupName: 'rg-hub', location: 'westeurope', addressSpace: ['10.0.0.0/16'], virtualNetworkName: 'hub-vnet' });
  const spokeStack = new TerraformStack(app, 'spoke');
  new AzurermProvider(spokeStack, 'azurerm', { features: [{}] });
  const spokeVnet = new VirtualNetwork(spokeStack, 'SpokeVnet', { name: 'spoke-vnet', resourceGroupName: 'rg-spoke', location: 'westeurope', addressSpace: spokeAddressSpace });
  const peering = new GatewayTransitPeering(spokeStack, 'Spoke', { hubGateway: hub, spokeVirtualNetwork: VirtualNetworkReference.fromVirtualNetwork(spokeVnet) });
  return { hubStack, spokeStack, hub, spokeVnet, peering };
}

import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { VirtualNetworkGateway } from '@cdktf/provider-azurerm/lib/virtual-network-gateway';
import { VirtualNetworkPeering } from '@cdktf/provider-azurerm/lib/virtual-network-peering';
import { TerraformStack, Testing } from 'cdktf';
import { HubSpokeTransit } from '../../lib/constructs/hub-spoke-transit';
import { VpnValidation } from '../../lib/constructs/vpn-validation';

const SPOKES = 500;

function spokePrefix(i: number): string {
  return `10.${1 + Math.floor(i / 256)}.${i % 256}.0/24`;
}

function newStack(name: string): TerraformStack {
  const stack = new TerraformStack(Testing.app(), name);
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  return stack;
}

function withConstruct(): TerraformStack {
  const stack = newStack('construct');
  const hub = new HubSpokeTransit(stack, 'Hub', { gateway: { name: 'hub', resourceGroupName: 'rg', location: 'westeurope', addressSpace: ['10.0.0.0/16'] } });
  for (let i = 0; i < SPOKES; i++) hub.addSpoke(`s${i}`, { addressSpace: [spokePrefix(i)] });
  return stack;
}

/** The same resources written with the provider classes alone, checked by the same rules. */
function withRawResources(): TerraformStack {
  const stack = newStack('raw');
  const hub = new VirtualNetwork(stack, 'hub', { name: 'hub-vnet', resourceGroupName: 'rg', location: 'westeurope', addressSpace: ['10.0.0.0/16'] });
  const subnet = new Subnet(stack, 'gwsubnet', { name: 'GatewaySubnet', resourceGroupName: 'rg', virtualNetworkName: hub.name, addressPrefixes: ['10.0.255.224/27'] });
  const pip = new PublicIp(stack, 'pip', { name: 'hub-pip', resourceGroupName: 'rg', location: 'westeurope', sku: 'Standard', allocationMethod: 'Static', zones: ['1', '2', '3'] });
  const gateway = new VirtualNetworkGateway(stack, 'gw', {
    name: 'hub',
    resourceGroupName: 'rg',
    location: 'westeurope',
    type: 'Vpn',
    vpnType: 'RouteBased',
    sku: 'VpnGw2AZ',
    generation: 'Generation2',
    ipConfiguration: [{ name: 'default', subnetId: subnet.id, publicIpAddressId: pip.id, privateIpAddressAllocation: 'Dynamic' }],
  });
  for (let i = 0; i < SPOKES; i++) {
    const spoke = new VirtualNetwork(stack, `s${i}`, { name: `s${i}-vnet`, resourceGroupName: 'rg', location: 'westeurope', addressSpace: [spokePrefix(i)] });
    const hubToSpoke = new VirtualNetworkPeering(stack, `h2s${i}`, { name: `h2s${i}`, resourceGroupName: 'rg', virtualNetworkName: hub.name, remoteVirtualNetworkId: spoke.id, allowGatewayTransit: true, dependsOn: [gateway] });
    new VirtualNetworkPeering(stack, `s2h${i}`, { name: `s2h${i}`, resourceGroupName: 'rg', virtualNetworkName: spoke.name, remoteVirtualNetworkId: hub.id, useRemoteGateways: true, dependsOn: [gateway, hubToSpoke] });
  }
  VpnValidation.enable(stack);
  return stack;
}

function resourceCounts(stack: TerraformStack): Record<string, number> {
  const resources = (stack.toTerraform() as { resource: Record<string, Record<string, unknown>> }).resource;
  return Object.fromEntries(Object.entries(resources).map(([type, byName]) => [type, Object.keys(byName).length]));
}

// Timings live in bench/ (npm run bench), never in unit tests; this pins the shape that makes
// the construct cost the same as hand-written resources: one set of resources per spoke.
test(`GIVEN a hub with ${SPOKES} spokes WHEN built with HubSpokeTransit THEN it emits the same resources as the hand-written raw variant`, () => {
  expect(resourceCounts(withConstruct())).toEqual(resourceCounts(withRawResources()));
});

test(`GIVEN a hub with ${SPOKES} disjoint spokes WHEN checked THEN no rule reports an error`, () => {
  const stack = withConstruct();
  expect(VpnValidation.check(stack).filter((f) => f.severity === 'error')).toEqual([]);
});

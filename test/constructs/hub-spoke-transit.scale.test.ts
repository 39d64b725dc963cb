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

function timed(build: () => TerraformStack): number {
  const started = performance.now();
  Testing.synth(build(), true);
  return performance.now() - started;
}

test(`GIVEN a hub with ${SPOKES} spokes WHEN built with HubSpokeTransit and synthesized with validations THEN it takes about as long as the same raw resources`, () => {
  // The faster of two runs each, so module loading and JIT warm-up do not count.
  const raw = Math.min(timed(withRawResources), timed(withRawResources));
  const construct = Math.min(timed(withConstruct), timed(withConstruct));
  // Generous bounds: the point is linear cost per spoke, not a micro-benchmark.
  expect({ raw, construct, within: construct < raw * 2 + 1000 }).toEqual({ raw, construct, within: true });
});

test(`GIVEN a hub with ${SPOKES} disjoint spokes WHEN checked THEN no rule reports an error`, () => {
  const stack = withConstruct();
  expect(VpnValidation.check(stack).filter((f) => f.severity === 'error')).toEqual([]);
});

import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { VirtualNetworkGateway } from '@cdktf/provider-azurerm/lib/virtual-network-gateway';
import { TerraformStack, Testing } from 'cdktf';
import { HubSpokeTransit } from '../../lib/constructs/hub-spoke-transit';
import { testStack } from '../support/stack';

// The constructs turn the rule engine on for the whole stack: raw azurerm resources beside them
// are checked by the same rules, without any call from the user.

function hubWithSpoke(stack: TerraformStack): void {
  new HubSpokeTransit(stack, 'Hub', {
    gateway: { name: 'hub-gw', resourceGroupName: 'rg', location: 'westeurope', addressSpace: ['10.0.0.0/16'] },
    spokes: { app: { addressSpace: ['10.1.0.0/16'] } },
  });
}

function rawGateway(stack: TerraformStack, publicIpSku: string): void {
  const vnet = new VirtualNetwork(stack, 'RawVnet', { name: 'raw-vnet', resourceGroupName: 'rg', location: 'westeurope', addressSpace: ['10.50.0.0/16'] });
  const subnet = new Subnet(stack, 'RawGatewaySubnet', { name: 'GatewaySubnet', resourceGroupName: 'rg', virtualNetworkName: vnet.name, addressPrefixes: ['10.50.255.224/27'] });
  const pip = new PublicIp(stack, 'RawPip', { name: 'raw-pip', resourceGroupName: 'rg', location: 'westeurope', sku: publicIpSku, allocationMethod: 'Static', zones: publicIpSku === 'Standard' ? ['1', '2', '3'] : undefined });
  new VirtualNetworkGateway(stack, 'RawGateway', {
    name: 'raw-gw',
    resourceGroupName: 'rg',
    location: 'westeurope',
    type: 'Vpn',
    vpnType: 'RouteBased',
    sku: 'VpnGw2AZ',
    generation: 'Generation2',
    ipConfiguration: [{ name: 'default', subnetId: subnet.id, publicIpAddressId: pip.id, privateIpAddressAllocation: 'Dynamic' }],
  });
}

test('GIVEN a raw VirtualNetworkGateway with a Basic public IP next to a HubSpokeTransit WHEN synthesized with validations THEN synth fails with gw.pip.standard at the raw public IP', () => {
  const stack = testStack();
  hubWithSpoke(stack);
  rawGateway(stack, 'Basic');
  expect(() => Testing.synth(stack, true)).toThrow(/\[test\/RawPip\] \[gw\.pip\.standard\] .*Standard/);
});

test('GIVEN the same raw gateway with a Standard public IP WHEN synthesized with validations THEN synth succeeds', () => {
  const stack = testStack();
  hubWithSpoke(stack);
  rawGateway(stack, 'Standard');
  expect(() => Testing.synth(stack, true)).not.toThrow();
});

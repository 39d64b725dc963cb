import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { VirtualNetworkPeering } from '@cdktf/provider-azurerm/lib/virtual-network-peering';
import { Testing } from 'cdktf';
import { GatewayTransitPeering } from '../../lib/constructs/gateway-transit-peering';
import { GatewaySku } from '../../lib/constructs/gateway-sku';
import { VirtualNetworkReference } from '../../lib/constructs/virtual-network';
import { VpnGateway } from '../../lib/constructs/vpn-gateway';
import { resourcesOfType, testStack } from '../support/stack';

function build(allowForwardedTraffic?: boolean) {
  const stack = testStack();
  const hub = new VpnGateway(stack, 'Hub', { name: 'hub-gw', resourceGroupName: 'rg-hub', location: 'westeurope', addressSpace: ['10.0.0.0/16'], virtualNetworkName: 'hub-vnet' });
  const spokeVnet = new VirtualNetwork(stack, 'SpokeVnet', { name: 'spoke-vnet', resourceGroupName: 'rg-spoke', location: 'westeurope', addressSpace: ['10.1.0.0/16'] });
  const peering = new GatewayTransitPeering(stack, 'Spoke', { hubGateway: hub, spokeVirtualNetwork: VirtualNetworkReference.fromVirtualNetwork(spokeVnet), allowForwardedTraffic });
  return { stack, hub, peering };
}

function peeringsOf(synthesized: any): { hubToSpoke: any; spokeToHub: any } {
  const peerings = resourcesOfType(synthesized, 'azurerm_virtual_network_peering');
  const hubToSpoke = Object.entries<any>(peerings).find(([k]) => k.startsWith('Spoke_HubToSpoke_'));
  const spokeToHub = Object.entries<any>(peerings).find(([k]) => k.startsWith('Spoke_SpokeToHub_'));
  expect(Object.keys(peerings)).toHaveLength(2);
  return { hubToSpoke: hubToSpoke![1], spokeToHub: spokeToHub![1] };
}

describe('GatewayTransitPeering', () => {
  test('GIVEN a hub gateway and a spoke VNet WHEN synthesized with validations THEN the hub side allows gateway transit and the spoke side uses the remote gateway', () => {
    const { stack } = build();
    const synthesized = Testing.synth(stack, true);
    expect(synthesized).toHaveResourceWithProperties(VirtualNetworkPeering, {
      virtual_network_name: '${azurerm_virtual_network.Hub_VirtualNetwork_FF7DDE7E.name}',
      remote_virtual_network_id: '${azurerm_virtual_network.SpokeVnet.id}',
      allow_gateway_transit: true,
      use_remote_gateways: false,
      allow_virtual_network_access: true,
    });
    expect(synthesized).toHaveResourceWithProperties(VirtualNetworkPeering, {
      virtual_network_name: '${azurerm_virtual_network.SpokeVnet.name}',
      resource_group_name: '${azurerm_virtual_network.SpokeVnet.resource_group_name}',
      remote_virtual_network_id: '${azurerm_virtual_network.Hub_VirtualNetwork_FF7DDE7E.id}',
      allow_gateway_transit: false,
      use_remote_gateways: true,
      allow_virtual_network_access: true,
    });
  });

  test('GIVEN the two peerings WHEN synthesized THEN the spoke side depends on the hub gateway and the hub side, and the hub side on the gateway', () => {
    const { stack, hub } = build();
    const { hubToSpoke, spokeToHub } = peeringsOf(JSON.parse(Testing.synth(stack)));
    const gatewayAddress = `azurerm_virtual_network_gateway.${hub.gateway.friendlyUniqueId}`;
    expect(hubToSpoke.depends_on).toEqual([gatewayAddress]);
    expect(spokeToHub.depends_on).toEqual([gatewayAddress, expect.stringMatching(/^azurerm_virtual_network_peering\.Spoke_HubToSpoke_[0-9A-F]+$/)]);
  });

  test('GIVEN allowForwardedTraffic WHEN synthesized THEN both peerings accept forwarded traffic', () => {
    const { stack } = build(true);
    const { hubToSpoke, spokeToHub } = peeringsOf(JSON.parse(Testing.synth(stack)));
    expect([hubToSpoke.allow_forwarded_traffic, spokeToHub.allow_forwarded_traffic]).toEqual([true, true]);
  });

  test('GIVEN a hub gateway from another stack WHEN peered THEN there is no depends_on target for the gateway, only the hub side', () => {
    const stack = testStack();
    const hub = VpnGateway.fromAttributes(stack, 'Hub', {
      gatewayId: '/subscriptions/s/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworkGateways/hub-gw',
      gatewayName: 'hub-gw',
      resourceGroupName: 'rg-hub',
      location: 'westeurope',
      sku: GatewaySku.VPN_GW2_AZ,
      virtualNetwork: VirtualNetworkReference.fromAttributes({
        virtualNetworkId: '/subscriptions/s/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/hub-vnet',
        virtualNetworkName: 'hub-vnet',
        resourceGroupName: 'rg-hub',
      }),
    });
    const spokeVnet = new VirtualNetwork(stack, 'SpokeVnet', { name: 'spoke-vnet', resourceGroupName: 'rg-spoke', location: 'westeurope', addressSpace: ['10.1.0.0/16'] });
    new GatewayTransitPeering(stack, 'Spoke', { hubGateway: hub, spokeVirtualNetwork: VirtualNetworkReference.fromVirtualNetwork(spokeVnet), hubToSpokeName: 'hub-to-spoke' });
    const { hubToSpoke, spokeToHub } = peeringsOf(JSON.parse(Testing.synth(stack)));
    expect(hubToSpoke).toMatchObject({ name: 'hub-to-spoke', virtual_network_name: 'hub-vnet', resource_group_name: 'rg-hub' });
    expect(hubToSpoke.depends_on).toBeUndefined();
    expect(spokeToHub.depends_on).toEqual([expect.stringMatching(/^azurerm_virtual_network_peering\.Spoke_HubToSpoke_/)]);
    expect(spokeToHub.name).toBe('${azurerm_virtual_network.SpokeVnet.name}-to-hub-vnet');
  });
});

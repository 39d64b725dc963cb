import { VirtualNetworkPeering } from '@cdktf/provider-azurerm/lib/virtual-network-peering';
import { Construct } from 'constructs';
import { IVirtualNetwork } from './virtual-network';
import { IVpnGateway } from './vpn-gateway';
import { isInTree, rememberExistingResource } from './known-resources';
import { VpnValidation } from './vpn-validation';

/**
 * Properties of a `GatewayTransitPeering`.
 */
export interface GatewayTransitPeeringProps {
  /** The hub's VPN gateway; the hub VNet is the gateway's VNet. */
  readonly hubGateway: IVpnGateway;
  /**
   * The spoke VNet. It must have no gateway of its own, no other peering that uses remote
   * gateways, and no address overlap with the hub or the hub's other spokes.
   * @see https://learn.microsoft.com/azure/virtual-network/virtual-network-manage-peering#requirements-and-constraints
   */
  readonly spokeVirtualNetwork: IVirtualNetwork;
  /**
   * Name of the hub-to-spoke peering.
   * @default `<hub VNet name>-to-<spoke VNet name>`
   */
  readonly hubToSpokeName?: string;
  /**
   * Name of the spoke-to-hub peering.
   * @default `<spoke VNet name>-to-<hub VNet name>`
   */
  readonly spokeToHubName?: string;
  /**
   * Accept traffic forwarded by a network virtual appliance in the other VNet, on both peerings.
   * @default false
   */
  readonly allowForwardedTraffic?: boolean;
}

/**
 * A hub-and-spoke VNet peering through which the spoke uses the hub's VPN gateway
 * (gateway transit): both directions, `allow_gateway_transit` on the hub-to-spoke peering,
 * `use_remote_gateways` on the spoke-to-hub peering.
 *
 * Both peerings depend on the hub gateway, and the spoke-to-hub peering also on the
 * hub-to-spoke one: Azure refuses `use_remote_gateways` until the hub has a gateway and allows
 * transit (`RemoteVnetHasNoGateways`).
 *
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-peering-gateway-transit
 * @example new GatewayTransitPeering(this, 'App', { hubGateway: hub, spokeVirtualNetwork: VirtualNetworkReference.fromVirtualNetwork(appVnet) });
 */
export class GatewayTransitPeering extends Construct {
  /** The hub-to-spoke `azurerm_virtual_network_peering` (allows gateway transit). */
  public readonly hubToSpoke: VirtualNetworkPeering;
  /** The spoke-to-hub `azurerm_virtual_network_peering` (uses the remote gateway). */
  public readonly spokeToHub: VirtualNetworkPeering;

  constructor(scope: Construct, id: string, props: GatewayTransitPeeringProps) {
    super(scope, id);
    VpnValidation.enable(this);
    const hub = props.hubGateway.virtualNetwork;
    const spoke = props.spokeVirtualNetwork;
    const gatewayDependencies = props.hubGateway.dependables;
    const allowForwardedTraffic = props.allowForwardedTraffic ?? false;
    // An existing spoke's address space, when given, is a known fact for the checks; a spoke in
    // the tree is in the configuration itself.
    if (!isInTree(spoke)) rememberExistingResource(this, { kind: 'virtualNetwork', id: spoke.virtualNetworkId, addressSpace: spoke.addressSpace });

    this.hubToSpoke = new VirtualNetworkPeering(this, 'HubToSpoke', {
      name: props.hubToSpokeName ?? `${hub.virtualNetworkName}-to-${spoke.virtualNetworkName}`,
      resourceGroupName: hub.resourceGroupName,
      virtualNetworkName: hub.virtualNetworkName,
      remoteVirtualNetworkId: spoke.virtualNetworkId,
      allowVirtualNetworkAccess: true,
      allowForwardedTraffic,
      allowGatewayTransit: true,
      useRemoteGateways: false,
      dependsOn: gatewayDependencies.length > 0 ? gatewayDependencies : undefined,
    });

    this.spokeToHub = new VirtualNetworkPeering(this, 'SpokeToHub', {
      name: props.spokeToHubName ?? `${spoke.virtualNetworkName}-to-${hub.virtualNetworkName}`,
      resourceGroupName: spoke.resourceGroupName,
      virtualNetworkName: spoke.virtualNetworkName,
      remoteVirtualNetworkId: hub.virtualNetworkId,
      allowVirtualNetworkAccess: true,
      allowForwardedTraffic,
      allowGatewayTransit: false,
      useRemoteGateways: true,
      dependsOn: [...gatewayDependencies, this.hubToSpoke],
    });
  }
}

import { VirtualNetworkGatewayConnection } from '@cdktf/provider-azurerm/lib/virtual-network-gateway-connection';
import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { IpsecPolicy } from './ipsec-policy';
import { bindSharedKey, SharedKey } from './shared-key';
import { ConnectionMode, ConnectionProtocol } from './site-to-site-connection';
import { IVpnGateway, VpnGateway } from './vpn-gateway';
import { VpnValidation } from './vpn-validation';
import { VNET2VNET } from '../azure/connection-types';
import { INPUT_ERRORS, VpnConfigError } from '../private/construct-errors';
import { BGP_ENABLED_PROPERTY } from '../private/framework';

/**
 * Properties of a `VNetToVNet`.
 */
export interface VNetToVNetProps {
  /**
   * The gateway of one VNet. Both gateways must be route-based, and with BGP have different ASNs.
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-howto-vnet-vnet-resource-manager-portal
   */
  readonly left: IVpnGateway;
  /**
   * The gateway of the other VNet, in any region or subscription.
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-howto-vnet-vnet-resource-manager-portal
   */
  readonly right: IVpnGateway;
  /**
   * The azurerm provider (alias) for the left gateway's subscription; the left-to-right
   * connection is created with it.
   * @default - the left gateway's provider when it is a `VpnGateway` with one; otherwise the stack's default
   */
  readonly leftProvider?: TerraformProvider;
  /**
   * The azurerm provider (alias) for the right gateway's subscription; the right-to-left
   * connection is created with it.
   * @default - the right gateway's provider when it is a `VpnGateway` with one; otherwise the stack's default
   */
  readonly rightProvider?: TerraformProvider;
  /**
   * The pre-shared key of both connections.
   * @default SharedKey.generate()
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
   */
  readonly sharedKey?: SharedKey;
  /**
   * The IPsec/IKE policy of both connections.
   * @default - IpsecPolicy.RECOMMENDED; IpsecPolicy.AZURE_DEFAULT when a gateway's SKU has no custom policies (Basic)
   * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto
   */
  readonly ipsecPolicy?: IpsecPolicy;
  /**
   * Run BGP over both connections. Needs BGP on both gateways, with different ASNs.
   * @default - true when both gateways have BGP
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp
   */
  readonly enableBgp?: boolean;
  /**
   * The IKE version of both connections.
   * @default ConnectionProtocol.IKEV2
   */
  readonly connectionProtocol?: ConnectionProtocol;
  /**
   * Dead peer detection timeout of both connections, 9 to 3600 seconds.
   * @default - Azure's default (45)
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#ipsecike-policy
   */
  readonly dpdTimeoutSeconds?: number;
  /**
   * Which side may start IKE on the left-to-right connection (`connection_mode`). Set the two
   * halves apart, never both to `RESPONDER_ONLY`: then neither gateway starts the tunnel
   * (`conn.mode`).
   * @default - Azure's default (ConnectionMode.DEFAULT)
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#connectionmode
   */
  readonly leftConnectionMode?: ConnectionMode;
  /**
   * Which side may start IKE on the right-to-left connection (`connection_mode`).
   * @default - Azure's default (ConnectionMode.DEFAULT)
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#connectionmode
   */
  readonly rightConnectionMode?: ConnectionMode;
  /**
   * Routing weight of both connections (`routing_weight`, 0–32000). Azure reserves it for
   * ExpressRoute; on VPN connections prefer BGP AS-path prepending (`conn.routing-weight`).
   * @default - Azure's default (0)
   */
  readonly routingWeight?: number;
  /**
   * Let traffic of both connections bypass an ExpressRoute gateway in the same VNet
   * (`express_route_gateway_bypass`).
   * @default false
   */
  readonly expressRouteGatewayBypass?: boolean;
  /**
   * Name of the left-to-right connection.
   * @default `<left gateway name>-to-<right gateway name>`
   */
  readonly leftToRightName?: string;
  /**
   * Name of the right-to-left connection.
   * @default `<right gateway name>-to-<left gateway name>`
   */
  readonly rightToLeftName?: string;
  /**
   * Tags for both connections.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/**
 * A VNet-to-VNet link between two Azure VPN gateways: both `Vnet2Vnet` connection resources,
 * from one set of settings, so the two halves cannot drift apart: one shared key (one
 * `random_password` unless given), one IPsec/IKE policy, the same BGP setting and IKE version.
 *
 * Each connection lives with its gateway (resource group, region) and, across subscriptions, is
 * created with that side's provider alias. That both gateways are route-based, their ASNs differ
 * and the VNets do not overlap are synth-time rules.
 *
 * @example new VNetToVNet(this, 'WestToNorth', { left: westHub, right: northHub });
 */
export class VNetToVNet extends Construct {
  /** The left gateway. */
  public readonly left: IVpnGateway;
  /** The right gateway. */
  public readonly right: IVpnGateway;
  /** The left-to-right `azurerm_virtual_network_gateway_connection` (escape hatch). */
  public readonly leftToRight: VirtualNetworkGatewayConnection;
  /** The right-to-left `azurerm_virtual_network_gateway_connection` (escape hatch). */
  public readonly rightToLeft: VirtualNetworkGatewayConnection;
  /** Whether BGP runs over the link. */
  public readonly bgpEnabled: boolean;
  /** The IPsec/IKE policy of both connections. */
  public readonly ipsecPolicy: IpsecPolicy;

  constructor(scope: Construct, id: string, props: VNetToVNetProps) {
    super(scope, id);
    VpnValidation.enable(this);
    if (props.left === undefined || props.right === undefined) {
      throw new VpnConfigError(INPUT_ERRORS.MISSING, `VNetToVNetProps.${props.left === undefined ? 'left' : 'right'} is missing; a VNet-to-VNet link joins two gateways, so pass both`, this);
    }
    if (props.left === props.right) {
      throw new VpnConfigError('conn.v2v.pair', `left and right are the same gateway "${props.left.gatewayName}"; a VNet-to-VNet link joins two different gateways`, this);
    }
    this.left = props.left;
    this.right = props.right;
    this.bgpEnabled = props.enableBgp ?? (props.left.bgpEnabled && props.right.bgpEnabled);
    const customPolicies = props.left.sku.customIpsecPolicy && props.right.sku.customIpsecPolicy;
    this.ipsecPolicy = props.ipsecPolicy ?? (customPolicies ? IpsecPolicy.RECOMMENDED : IpsecPolicy.AZURE_DEFAULT);
    // One bind, one token: both halves carry the same key by construction.
    const sharedKey = bindSharedKey(props.sharedKey ?? SharedKey.generate(), this, 'sharedKey');

    const connection = (connectionId: string, from: IVpnGateway, to: IVpnGateway, name: string | undefined, provider: TerraformProvider | undefined, connectionMode: ConnectionMode | undefined) =>
      new VirtualNetworkGatewayConnection(this, connectionId, {
        name: name ?? `${from.gatewayName}-to-${to.gatewayName}`,
        resourceGroupName: from.resourceGroupName,
        location: from.location,
        type: VNET2VNET,
        virtualNetworkGatewayId: from.gatewayId,
        peerVirtualNetworkGatewayId: to.gatewayId,
        sharedKey,
        [BGP_ENABLED_PROPERTY]: this.bgpEnabled,
        connectionProtocol: props.connectionProtocol ?? ConnectionProtocol.IKEV2,
        connectionMode,
        dpdTimeoutSeconds: props.dpdTimeoutSeconds,
        routingWeight: props.routingWeight,
        expressRouteGatewayBypass: props.expressRouteGatewayBypass,
        ipsecPolicy: this.ipsecPolicy.renderConnectionPolicy(),
        tags: props.tags,
        provider,
      });
    this.leftToRight = connection('LeftToRight', props.left, props.right, props.leftToRightName, props.leftProvider ?? providerOf(props.left), props.leftConnectionMode);
    this.rightToLeft = connection('RightToLeft', props.right, props.left, props.rightToLeftName, props.rightProvider ?? providerOf(props.right), props.rightConnectionMode);
  }

  /**
   * Adds Terraform outputs with the public IPs and BGP peering addresses of both gateways, for
   * those created in this stack (each gateway's `outputPeerInfo()`).
   */
  public outputPeerInfo(): void {
    for (const gateway of [this.left, this.right]) {
      if (VpnGateway.isVpnGateway(gateway)) gateway.outputPeerInfo();
    }
  }
}

function providerOf(gateway: IVpnGateway): TerraformProvider | undefined {
  return VpnGateway.isVpnGateway(gateway) ? gateway.provider : undefined;
}

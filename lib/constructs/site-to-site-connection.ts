import { VirtualNetworkGatewayConnection } from '@cdktf/provider-azurerm/lib/virtual-network-gateway-connection';
import { Construct } from 'constructs';
import { GatewayNatRule } from './gateway-nat-rule';
import { IpsecPolicy } from './ipsec-policy';
import { ILocalSite } from './local-site';
import { bindSharedKey, SharedKey } from './shared-key';
import { IVpnGateway } from './vpn-gateway';
import { VpnValidation } from './vpn-validation';
import { VpnConfigError } from '../private/construct-errors';
import { IPSEC } from '../azure/connection-types';
import { BGP_ENABLED_PROPERTY } from '../private/framework';

/**
 * The IKE version of a connection (`connection_protocol`). It cannot be changed after creation.
 *
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#ipsecike-policy
 */
export enum ConnectionProtocol {
  /** IKEv2: rekeys without dropping the tunnel. */
  IKEV2 = 'IKEv2',
  /** IKEv1: for devices without IKEv2; not on Basic or legacy SKUs; drops briefly at every rekey. */
  IKEV1 = 'IKEv1',
}

/**
 * Which side may start the IKE negotiation (`connection_mode`).
 *
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#connectionmode
 */
export enum ConnectionMode {
  /** Either side. */
  DEFAULT = 'Default',
  /** Only Azure initiates. */
  INITIATOR_ONLY = 'InitiatorOnly',
  /** Only the on-premises device initiates. */
  RESPONDER_ONLY = 'ResponderOnly',
}

/**
 * A pair of traffic selectors Azure proposes when it initiates a policy-based connection.
 */
export interface TrafficSelectorPolicy {
  /** Azure-side prefixes. */
  readonly localAddressCidrs: string[];
  /** On-premises prefixes. */
  readonly remoteAddressCidrs: string[];
}

/**
 * The settings of a site-to-site connection, apart from what it connects and what it is called:
 * shared by `SiteToSiteConnectionProps` and `VpnSiteOptions`.
 */
export interface SiteToSiteConnectionOptions {
  /**
   * The pre-shared key; configure the same key on the device.
   * @default SharedKey.generate()
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
   */
  readonly sharedKey?: SharedKey;
  /**
   * The IPsec/IKE policy. The device must offer exactly these algorithms.
   * @default - IpsecPolicy.RECOMMENDED; IpsecPolicy.AZURE_DEFAULT on SKUs without custom policies (Basic)
   * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto
   */
  readonly ipsecPolicy?: IpsecPolicy;
  /**
   * Run BGP over the connection. Needs BGP on the gateway and BGP settings on the site; several
   * tunnels to one site need it.
   * @default - true when both the gateway and the site have BGP
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-bgp-overview
   */
  readonly enableBgp?: boolean;
  /**
   * Propose policy-based traffic selectors (every site prefix × every VNet prefix), for devices
   * that only do policy-based VPN. Networks behind such a connection cannot transit the gateway,
   * and NAT rules cannot be linked to it.
   * @default false
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-connect-multiple-policybased-rm-ps
   */
  readonly usePolicyBasedTrafficSelectors?: boolean;
  /**
   * Custom traffic selectors, proposed only when Azure initiates; needs
   * `usePolicyBasedTrafficSelectors`.
   * @default - none
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
   */
  readonly trafficSelectorPolicies?: TrafficSelectorPolicy[];
  /**
   * Dead peer detection timeout, 9 to 3600 seconds; 30-45 is recommended.
   * @default - Azure's default (45)
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#ipsecike-policy
   */
  readonly dpdTimeoutSeconds?: number;
  /**
   * Reach the device at a private address over ExpressRoute private peering
   * (`local_azure_ip_address_enabled`); the gateway needs `privateIpAddressEnabled`
   * (`conn.public-endpoint`).
   * @default false
   * @see https://learn.microsoft.com/azure/vpn-gateway/site-to-site-vpn-private-peering
   */
  readonly localAzureIpAddressEnabled?: boolean;
  /**
   * Routing weight of the connection (`routing_weight`, 0–32000), to prefer one path over another.
   * @default - Azure's default (0)
   */
  readonly routingWeight?: number;
  /**
   * Let traffic bypass an ExpressRoute gateway in the same VNet (`express_route_gateway_bypass`).
   * @default false
   */
  readonly expressRouteGatewayBypass?: boolean;
  /**
   * The IKE version.
   * @default ConnectionProtocol.IKEV2
   */
  readonly connectionProtocol?: ConnectionProtocol;
  /**
   * Which side may initiate.
   * @default - Azure's default (ConnectionMode.DEFAULT)
   */
  readonly connectionMode?: ConnectionMode;
  /**
   * IngressSnat rules of the same gateway applied to this connection. The connection is created
   * after them.
   * @default - none
   * @see https://learn.microsoft.com/azure/vpn-gateway/nat-howto
   */
  readonly ingressNatRules?: GatewayNatRule[];
  /**
   * EgressSnat rules of the same gateway applied to this connection. The connection is created
   * after them.
   * @default - none
   * @see https://learn.microsoft.com/azure/vpn-gateway/nat-howto
   */
  readonly egressNatRules?: GatewayNatRule[];
  /**
   * The gateway's custom APIPA address (of its first instance) this connection peers from.
   * Needs BGP on the connection.
   * @default - a `VpnSite` whose `bgpPeeringAddress` is APIPA, on a gateway with custom APIPA
   *   addresses, derives it: the first instance's address in the same /30 as the peer, or its
   *   only one; otherwise Azure picks
   * @see https://learn.microsoft.com/azure/vpn-gateway/bgp-howto
   */
  readonly customBgpPrimaryAddress?: string;
  /**
   * The custom APIPA address of the gateway's second instance this connection peers from
   * (active-active only).
   * @default - a `VpnSite` derives it like `customBgpPrimaryAddress`: the second instance's
   *   address at the same position as the primary's, or its only one; otherwise Azure picks
   * @see https://learn.microsoft.com/azure/vpn-gateway/bgp-howto
   */
  readonly customBgpSecondaryAddress?: string;
}

/**
 * Properties of a `SiteToSiteConnection`.
 */
export interface SiteToSiteConnectionProps extends SiteToSiteConnectionOptions {
  /** The Azure VPN gateway. */
  readonly gateway: IVpnGateway;
  /** The on-premises site. */
  readonly site: ILocalSite;
  /**
   * Name of the connection.
   * @default `<gateway name>-to-<site name>`
   */
  readonly name?: string;
  /**
   * Tags for the connection.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/**
 * A site-to-site IPsec connection between an Azure VPN gateway and an on-premises site
 * (`azurerm_virtual_network_gateway_connection`, type `IPsec`), with a generated key and strong
 * crypto unless told otherwise.
 *
 * @example new SiteToSiteConnection(this, 'ToBranch', { gateway: hub, site: branch });
 */
export class SiteToSiteConnection extends Construct {
  /** The `azurerm_virtual_network_gateway_connection` (escape hatch). */
  public readonly connection: VirtualNetworkGatewayConnection;
  /** Azure resource ID of the connection. */
  public readonly connectionId: string;
  /** Whether BGP runs over the connection. */
  public readonly bgpEnabled: boolean;
  /** The IPsec/IKE policy of the connection. */
  public readonly ipsecPolicy: IpsecPolicy;

  constructor(scope: Construct, id: string, props: SiteToSiteConnectionProps) {
    super(scope, id);
    VpnValidation.enable(this);
    const gateway = props.gateway;
    this.bgpEnabled = props.enableBgp ?? (gateway.bgpEnabled && props.site.bgpEnabled);
    this.ipsecPolicy = props.ipsecPolicy ?? (gateway.sku.customIpsecPolicy ? IpsecPolicy.RECOMMENDED : IpsecPolicy.AZURE_DEFAULT);
    const sharedKey = bindSharedKey(props.sharedKey ?? SharedKey.generate(), this, 'sharedKey');
    const ingress = props.ingressNatRules ?? [];
    const egress = props.egressNatRules ?? [];
    if (props.customBgpSecondaryAddress !== undefined && props.customBgpPrimaryAddress === undefined) {
      throw new VpnConfigError(
        'conn.custom-bgp-addresses',
        'customBgpSecondaryAddress is set without customBgpPrimaryAddress; custom_bgp_addresses needs the primary (first instance) address too',
        this,
      );
    }
    const customBgp =
      props.customBgpPrimaryAddress !== undefined ? { primary: props.customBgpPrimaryAddress, secondary: props.customBgpSecondaryAddress } : undefined;
    const natRules = [...ingress, ...egress];

    this.connection = new VirtualNetworkGatewayConnection(this, 'Resource', {
      name: props.name ?? `${gateway.gatewayName}-to-${props.site.localNetworkGatewayName}`,
      resourceGroupName: gateway.resourceGroupName,
      location: gateway.location,
      type: IPSEC,
      virtualNetworkGatewayId: gateway.gatewayId,
      localNetworkGatewayId: props.site.localNetworkGatewayId,
      sharedKey,
      [BGP_ENABLED_PROPERTY]: this.bgpEnabled,
      connectionProtocol: props.connectionProtocol ?? ConnectionProtocol.IKEV2,
      connectionMode: props.connectionMode,
      dpdTimeoutSeconds: props.dpdTimeoutSeconds,
      ipsecPolicy: this.ipsecPolicy.renderConnectionPolicy(),
      usePolicyBasedTrafficSelectors: props.usePolicyBasedTrafficSelectors,
      trafficSelectorPolicy: props.trafficSelectorPolicies?.map((t) => ({ localAddressCidrs: t.localAddressCidrs, remoteAddressCidrs: t.remoteAddressCidrs })),
      ingressNatRuleIds: ingress.length > 0 ? ingress.map((r) => r.natRuleId) : undefined,
      egressNatRuleIds: egress.length > 0 ? egress.map((r) => r.natRuleId) : undefined,
      customBgpAddresses: customBgp,
      localAzureIpAddressEnabled: props.localAzureIpAddressEnabled,
      routingWeight: props.routingWeight,
      expressRouteGatewayBypass: props.expressRouteGatewayBypass,
      tags: props.tags,
      // Azure links NAT rules only once they exist on the gateway.
      dependsOn: natRules.length > 0 ? natRules.map((r) => r.natRule) : undefined,
    });
    this.connectionId = this.connection.id;
  }
}

import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { VirtualNetworkGateway } from '@cdktf/provider-azurerm/lib/virtual-network-gateway';
import { Construct } from 'constructs';
import { P2SOptions } from './point-to-site';
import { IVpnGateway, VpnGateway } from './vpn-gateway';
import { VpnValidation } from './vpn-validation';
import { INPUT_ERRORS, VpnConfigError } from '../private/construct-errors';

/**
 * Properties of a `P2SAccess`: the gateway and its point-to-site configuration.
 */
export interface P2SAccessProps extends P2SOptions {
  /**
   * The gateway clients connect to. It must be created in this stack (a `VpnGateway`,
   * `ActiveActiveGateway` or `MultiSiteVpn`): point-to-site is part of the gateway resource.
   * A gateway has one point-to-site configuration.
   * @see https://learn.microsoft.com/azure/vpn-gateway/point-to-site-about
   */
  readonly gateway: IVpnGateway;
}

/**
 * Point-to-site VPN access to a gateway: the client address pool, the tunnel types and the
 * authentication methods (`P2SAuthentication.certificate()`, `.entraId()`, `.radius()`, up to
 * one of each).
 *
 * Derived, not asked for: on an active-active gateway the third IP configuration and its public
 * IP; the tunnel types the methods work over unless `protocols` is set (OpenVPN alone for Entra
 * ID alone, IKEv2 and OpenVPN otherwise, SSTP on Basic). Pool overlaps, pool size, protocol and
 * method combinations and SKU limits are synth-time rules.
 *
 * @example new P2SAccess(this, 'Users', { gateway: hub, clientAddressPool: ['172.16.0.0/24'], authentications: [P2SAuthentication.entraId({ tenantId: '00000000-0000-0000-0000-000000000000' })] });
 */
export class P2SAccess extends Construct {
  /** The gateway that carries the point-to-site configuration. */
  public readonly gateway: VpnGateway;
  /** The `azurerm_virtual_network_gateway` with the `vpn_client_configuration` (escape hatch). */
  public readonly gatewayResource: VirtualNetworkGateway;
  /** The public IP of the point-to-site IP configuration, on an active-active gateway. */
  public readonly p2sPublicIp?: PublicIp;
  /** The client address pool. */
  public readonly clientAddressPool: string[];

  constructor(scope: Construct, id: string, props: P2SAccessProps) {
    super(scope, id);
    VpnValidation.enable(this);
    if (props.gateway === undefined) {
      throw new VpnConfigError(INPUT_ERRORS.MISSING, 'P2SAccessProps.gateway is missing; pass the VpnGateway clients connect to', this);
    }
    if (!VpnGateway.isVpnGateway(props.gateway)) {
      throw new VpnConfigError(
        'p2s.config',
        `gateway "${props.gateway.gatewayName}" is not created in this stack, and point-to-site is part of the gateway resource; configure it where the gateway is created (VpnGatewayProps.p2s)`,
        this,
      );
    }
    if (props.clientAddressPool === undefined || props.authentications === undefined) {
      throw new VpnConfigError(INPUT_ERRORS.MISSING, `P2SAccessProps.${props.clientAddressPool === undefined ? 'clientAddressPool' : 'authentications'} is missing; point-to-site needs a client address pool and at least one authentication method`, this);
    }
    this.gateway = props.gateway;
    this.gateway.enableP2S({
      clientAddressPool: props.clientAddressPool,
      authentications: props.authentications,
      protocols: props.protocols,
      ipsecPolicy: props.ipsecPolicy,
      customRoutes: props.customRoutes,
      userGroups: props.userGroups,
    });
    this.gatewayResource = this.gateway.gateway;
    this.clientAddressPool = props.clientAddressPool;
    this.p2sPublicIp = this.gateway.activeActive ? this.gateway.publicIps[2] : undefined;
  }

  /**
   * Adds Terraform outputs with the gateway's public IPs (and BGP peering addresses): the
   * addresses clients and firewalls in front of them need. Nothing is output unless this is called.
   */
  public outputPeerInfo(): void {
    this.gateway.outputPeerInfo();
  }
}

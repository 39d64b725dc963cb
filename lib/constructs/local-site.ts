import { LocalNetworkGateway } from '@cdktf/provider-azurerm/lib/local-network-gateway';
import { Fn, Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { VpnValidation } from './vpn-validation';
import { hostPrefix, isApipa, parseAddress } from '../private/cidr';
import { VpnConfigError } from '../private/construct-errors';

/**
 * An on-premises site (or any non-Azure VPN device) that connections can point at: one created
 * by `LocalSite`, or an existing local network gateway from `LocalSite.fromAttributes()`.
 */
export interface ILocalSite extends IConstruct {
  /** Azure resource ID of the local network gateway. */
  readonly localNetworkGatewayId: string;
  /** Name of the local network gateway. */
  readonly localNetworkGatewayName: string;
  /** Whether the site speaks BGP (it has BGP settings). */
  readonly bgpEnabled: boolean;
  /** The site's BGP ASN, when it speaks BGP. */
  readonly bgpAsn?: number;
  /** The site's BGP peer address, when it speaks BGP. */
  readonly bgpPeeringAddress?: string;
}

/**
 * The attributes of a local network gateway that is not created in this stack.
 */
export interface LocalSiteAttributes {
  /** Azure resource ID of the local network gateway. */
  readonly localNetworkGatewayId: string;
  /** Name of the local network gateway. */
  readonly localNetworkGatewayName: string;
  /**
   * The site's BGP ASN.
   * @default - the site does not speak BGP
   */
  readonly bgpAsn?: number;
  /**
   * The site's BGP peer address.
   * @default - the site does not speak BGP
   */
  readonly bgpPeeringAddress?: string;
}

/**
 * The on-premises device's endpoint, static prefixes and BGP settings: shared by `LocalSiteProps`
 * and `VpnSiteOptions`.
 */
export interface LocalSiteOptions {
  /**
   * Public IPv4 address of the on-premises VPN device. Set this or `gatewayFqdn`.
   * @default - `gatewayFqdn` is used
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
   */
  readonly gatewayAddress?: string;
  /**
   * DNS name of the on-premises VPN device. Set this or `gatewayAddress`.
   * @default - `gatewayAddress` is used
   */
  readonly gatewayFqdn?: string;
  /**
   * On-premises prefixes routed statically to this site. Required without BGP. With BGP, leave
   * it empty: BGP carries the routes, and every prefix listed here becomes a static route that
   * takes precedence over them.
   * @default - none (only the BGP peer's /32 when BGP is on)
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp
   */
  readonly addressSpace?: string[];
  /**
   * The site's BGP ASN. Setting it turns BGP on for the site; `bgpPeeringAddress` is then
   * required. It must differ from the Azure gateway's ASN and not be reserved (65515-65520 are
   * Azure's).
   * @default - the site does not speak BGP
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp
   */
  readonly bgpAsn?: number;
  /**
   * The BGP peer address of the on-premises device (not its public IP, not inside the Azure VNet;
   * APIPA 169.254.x.x is fine when the Azure gateway has a custom APIPA address). With an APIPA
   * address (169.254.21.0-169.254.22.255), the connection peers from the gateway's custom APIPA
   * addresses (see `SiteToSiteConnectionOptions.customBgpPrimaryAddress`).
   *
   * The construct writes its `/32` into `address_space` (none for APIPA, which Azure refuses in
   * an address space).
   * @default - the site does not speak BGP
   * @see https://learn.microsoft.com/azure/vpn-gateway/bgp-howto
   */
  readonly bgpPeeringAddress?: string;
  /**
   * Weight added to routes learned from this peer.
   * @default - Azure's default (0)
   */
  readonly bgpPeerWeight?: number;
}

/**
 * Properties of a `LocalSite`.
 */
export interface LocalSiteProps extends LocalSiteOptions {
  /** Name of the local network gateway. */
  readonly name: string;
  /** Resource group of the local network gateway. */
  readonly resourceGroupName: string;
  /** Azure region of the local network gateway; use the gateway's region. */
  readonly location: string;
  /**
   * Tags for the local network gateway.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/**
 * An on-premises site: an `azurerm_local_network_gateway` with the device's endpoint and either
 * its static prefixes or its BGP settings.
 *
 * With BGP the site's `address_space` is exactly the BGP peer's `/32` (decision
 * `lng.bgp.host-prefix`): Azure needs the host route to reach the peer, and any wider prefix
 * would be a static route overriding BGP.
 *
 * @example new LocalSite(this, 'Branch', { name: 'branch1', resourceGroupName: 'rg-hub', location: 'westeurope', gatewayAddress: '203.0.113.10', bgpAsn: 65050, bgpPeeringAddress: '192.168.255.1' });
 */
export class LocalSite extends Construct implements ILocalSite {
  /** A local network gateway that exists outside this stack. */
  public static fromAttributes(scope: Construct, id: string, attributes: LocalSiteAttributes): ILocalSite {
    return new ImportedLocalSite(scope, id, attributes);
  }

  /** The `azurerm_local_network_gateway` (escape hatch). */
  public readonly localNetworkGateway: LocalNetworkGateway;
  /** Azure resource ID of the local network gateway. */
  public readonly localNetworkGatewayId: string;
  /** Name of the local network gateway. */
  public readonly localNetworkGatewayName: string;
  /** Whether the site speaks BGP. */
  public readonly bgpEnabled: boolean;
  /** The site's BGP ASN, when it speaks BGP. */
  public readonly bgpAsn?: number;
  /** The site's BGP peer address, when it speaks BGP. */
  public readonly bgpPeeringAddress?: string;

  constructor(scope: Construct, id: string, props: LocalSiteProps) {
    super(scope, id);
    VpnValidation.enable(this);
    if ((props.gatewayAddress === undefined) === (props.gatewayFqdn === undefined)) {
      throw new VpnConfigError(
        'lng.endpoint',
        props.gatewayAddress === undefined
          ? 'the site has no endpoint; set gatewayAddress (the device\'s public IPv4 address) or gatewayFqdn'
          : 'gatewayAddress and gatewayFqdn are both set; a local network gateway has exactly one endpoint, so keep one',
        this,
      );
    }
    if (props.bgpAsn !== undefined && props.bgpPeeringAddress === undefined) {
      // A token's internal value means nothing to the user: name the prop only.
      const asn = Token.isUnresolved(props.bgpAsn) ? 'bgpAsn' : `bgpAsn ${props.bgpAsn}`;
      throw new VpnConfigError('lng.bgp.peer-ip', `${asn} is set without bgpPeeringAddress; BGP needs the device's BGP peer address`, this);
    }
    if (props.bgpPeeringAddress !== undefined && props.bgpAsn === undefined) {
      throw new VpnConfigError('lng.bgp.asn', 'bgpPeeringAddress is set without bgpAsn; BGP needs the device\'s ASN', this);
    }

    this.bgpEnabled = props.bgpAsn !== undefined;
    this.bgpAsn = props.bgpAsn;
    this.bgpPeeringAddress = props.bgpPeeringAddress;

    this.localNetworkGateway = new LocalNetworkGateway(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      gatewayAddress: props.gatewayAddress,
      gatewayFqdn: props.gatewayFqdn,
      addressSpace: this.renderAddressSpace(props),
      bgpSettings: this.bgpEnabled
        ? { asn: props.bgpAsn!, bgpPeeringAddress: props.bgpPeeringAddress!, peerWeight: props.bgpPeerWeight }
        : undefined,
      tags: props.tags,
    });
    this.localNetworkGatewayId = this.localNetworkGateway.id;
    this.localNetworkGatewayName = props.name;
  }

  /** The static prefixes, plus the BGP peer's /32 unless it is APIPA. */
  private renderAddressSpace(props: LocalSiteProps): string[] | undefined {
    const statics = props.addressSpace ?? [];
    const peer = props.bgpPeeringAddress;
    if (peer === undefined) return statics.length > 0 ? statics : undefined;
    if (Token.isUnresolved(peer)) {
      // The address is only known at apply: let Terraform decide between the /32 and nothing.
      const hostRoute = Fn.conditional(Fn.startswith(peer, '169.254.'), [], [`${peer}/32`]);
      return Token.asList(statics.length > 0 ? Fn.concat([statics, hostRoute]) : hostRoute);
    }
    const parsed = parseAddress(peer);
    if (parsed === undefined) {
      throw new VpnConfigError('lng.bgp.peer-ip', `bgpPeeringAddress "${peer}" is not an IP address; use the device's BGP peer address, e.g. "192.168.255.1"`, this);
    }
    if (isApipa(parsed)) return statics.length > 0 ? statics : undefined;
    const host = hostPrefix(peer)!;
    return statics.includes(host) ? statics : [...statics, host];
  }
}

class ImportedLocalSite extends Construct implements ILocalSite {
  public readonly localNetworkGatewayId: string;
  public readonly localNetworkGatewayName: string;
  public readonly bgpEnabled: boolean;
  public readonly bgpAsn?: number;
  public readonly bgpPeeringAddress?: string;

  constructor(scope: Construct, id: string, attributes: LocalSiteAttributes) {
    super(scope, id);
    this.localNetworkGatewayId = attributes.localNetworkGatewayId;
    this.localNetworkGatewayName = attributes.localNetworkGatewayName;
    this.bgpAsn = attributes.bgpAsn;
    this.bgpPeeringAddress = attributes.bgpPeeringAddress;
    this.bgpEnabled = attributes.bgpAsn !== undefined;
  }
}

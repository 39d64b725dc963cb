import { LocalNetworkGateway } from '@cdktf/provider-azurerm/lib/local-network-gateway';
import { VirtualNetworkGatewayConnection } from '@cdktf/provider-azurerm/lib/virtual-network-gateway-connection';
import { TerraformProvider, Token } from 'cdktf';
import { Construct } from 'constructs';
import { LocalSite, LocalSiteOptions } from './local-site';
import { SiteToSiteConnection, SiteToSiteConnectionOptions } from './site-to-site-connection';
import { IVpnGateway, VpnGateway } from './vpn-gateway';
import { VpnValidation } from './vpn-validation';
import { isApipa, parseAddress } from '../private/cidr';
import { INPUT_ERRORS, VpnConfigError } from '../private/construct-errors';

/**
 * An on-premises site and its connection, for `addSite()` and `addDevice()` of the topology
 * constructs: the local network gateway's settings and the connection's, flat.
 */
export interface VpnSiteOptions extends LocalSiteOptions, SiteToSiteConnectionOptions {
  /**
   * Name of the local network gateway.
   * @default - the id the site was added with
   */
  readonly name?: string;
  /**
   * Resource group of the local network gateway.
   * @default - the gateway's resource group
   */
  readonly resourceGroupName?: string;
  /**
   * Azure region of the local network gateway.
   * @default - the gateway's region
   */
  readonly location?: string;
  /**
   * Name of the connection.
   * @default `<gateway name>-to-<site name>`
   */
  readonly connectionName?: string;
  /**
   * Tags for the local network gateway and the connection.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
  /**
   * The azurerm provider (alias) for the local network gateway and the connection: that of the
   * gateway's subscription.
   * @default - the gateway's provider when it is a `VpnGateway` with one; otherwise the stack's default
   */
  readonly provider?: TerraformProvider;
}

/**
 * Properties of a `VpnSite`.
 */
export interface VpnSiteProps extends VpnSiteOptions {
  /** The Azure VPN gateway the site connects to. */
  readonly gateway: IVpnGateway;
}

/**
 * An on-premises site with its connection: a `LocalSite` (local network gateway) and a
 * `SiteToSiteConnection` to one Azure gateway. On an active-active gateway the one connection
 * carries a tunnel to each instance.
 *
 * When the site peers over BGP from an APIPA address and the gateway has custom APIPA addresses,
 * the connection's `custom_bgp_addresses` are derived: per instance, the address in the same /30
 * as the device's peer address, or the instance's only one.
 *
 * @example new VpnSite(this, 'Branch', { gateway: hub, gatewayAddress: '203.0.113.10', bgpAsn: 65050, bgpPeeringAddress: '169.254.21.2' });
 */
export class VpnSite extends Construct {
  /** The local network gateway construct. */
  public readonly localSite: LocalSite;
  /** The connection construct. */
  public readonly connection: SiteToSiteConnection;
  /** The `azurerm_local_network_gateway` (escape hatch). */
  public readonly localNetworkGateway: LocalNetworkGateway;
  /** The `azurerm_virtual_network_gateway_connection` (escape hatch). */
  public readonly connectionResource: VirtualNetworkGatewayConnection;
  /** Name of the local network gateway. */
  public readonly siteName: string;

  constructor(scope: Construct, id: string, props: VpnSiteProps) {
    super(scope, id);
    VpnValidation.enable(this);
    // What is not the local network gateway's (or shared, like tags) is the connection's.
    const { gateway, name, resourceGroupName, location, connectionName, tags, provider, ...options } = props;
    const { siteOptions, rest: connectionOptions } = splitLocalSiteOptions(options);
    if (gateway === undefined) {
      throw new VpnConfigError(INPUT_ERRORS.MISSING, 'VpnSiteProps.gateway is missing; a site connects to a gateway, so pass the VpnGateway (or VpnGateway.fromAttributes()) it connects to', this);
    }
    this.siteName = name ?? id;

    this.localSite = new LocalSite(this, 'LocalNetworkGateway', {
      ...siteOptions,
      name: this.siteName,
      resourceGroupName: resourceGroupName ?? gateway.resourceGroupName,
      location: location ?? gateway.location,
      tags,
    });
    this.localNetworkGateway = this.localSite.localNetworkGateway;

    const bgp = connectionOptions.enableBgp ?? (gateway.bgpEnabled && this.localSite.bgpEnabled);
    const derived =
      connectionOptions.customBgpPrimaryAddress === undefined && connectionOptions.customBgpSecondaryAddress === undefined && bgp
        ? deriveCustomBgpAddresses(gateway, siteOptions.bgpPeeringAddress)
        : {};

    this.connection = new SiteToSiteConnection(this, 'Connection', {
      ...connectionOptions,
      gateway,
      site: this.localSite,
      name: connectionName,
      customBgpPrimaryAddress: connectionOptions.customBgpPrimaryAddress ?? derived.primary,
      customBgpSecondaryAddress: connectionOptions.customBgpSecondaryAddress ?? derived.secondary,
      tags,
    });
    this.connectionResource = this.connection.connection;

    const siteProvider = provider ?? (VpnGateway.isVpnGateway(gateway) ? gateway.provider : undefined);
    if (siteProvider !== undefined) {
      this.localNetworkGateway.provider = siteProvider;
      this.connectionResource.provider = siteProvider;
    }
  }
}

/**
 * Every member of `LocalSiteOptions`: typed so that a member added there must be listed here, or
 * it would go to the connection instead of the local network gateway.
 */
const LOCAL_SITE_OPTION_NAMES: { readonly [name in keyof Required<LocalSiteOptions>]: true } = {
  gatewayAddress: true,
  gatewayFqdn: true,
  addressSpace: true,
  bgpAsn: true,
  bgpPeeringAddress: true,
  bgpPeerWeight: true,
};

/** Separates the local network gateway's options from the rest. */
function splitLocalSiteOptions<T extends LocalSiteOptions>(options: T): { siteOptions: LocalSiteOptions; rest: Omit<T, keyof LocalSiteOptions> } {
  const siteOptions: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    const isSiteOption = Object.prototype.hasOwnProperty.call(LOCAL_SITE_OPTION_NAMES, key);
    (isSiteOption ? siteOptions : rest)[key] = value;
  }
  return { siteOptions: siteOptions as LocalSiteOptions, rest: rest as Omit<T, keyof LocalSiteOptions> };
}

interface CustomBgpAddresses {
  readonly primary?: string;
  readonly secondary?: string;
}

/**
 * Which custom APIPA addresses of the gateway a connection to an APIPA BGP peer uses. Only a
 * unique answer is derived; otherwise Azure picks (and the BGP rules say what is missing).
 */
function deriveCustomBgpAddresses(gateway: IVpnGateway, peer: string | undefined): CustomBgpAddresses {
  if (!VpnGateway.isVpnGateway(gateway) || peer === undefined || Token.isUnresolved(peer)) return {};
  const parsedPeer = parseAddress(peer);
  if (parsedPeer === undefined || parsedPeer.version !== 4 || !isApipa(parsedPeer)) return {};
  const first = gateway.bgpCustomApipaAddresses;
  if (first.length === 0 || first.some((a) => Token.isUnresolved(a))) return {};
  const peerBlock = parsedPeer.start >> 2n;
  let index = first.findIndex((a) => {
    const parsed = parseAddress(a);
    return parsed !== undefined && parsed.version === 4 && parsed.start >> 2n === peerBlock;
  });
  if (index < 0 && first.length === 1) index = 0;
  if (index < 0) return {};
  const second = gateway.activeActive ? gateway.bgpSecondCustomApipaAddresses : [];
  const secondary = second.length === 1 ? second[0] : second[index];
  return { primary: first[index], secondary };
}

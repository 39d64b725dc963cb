import { Construct } from 'constructs';
import { VpnGateway, VpnGatewayProps } from './vpn-gateway';
import { VpnSite, VpnSiteOptions } from './vpn-site';

/**
 * Properties of a `MultiSiteVpn`: those of its `VpnGateway` and its sites.
 */
export interface MultiSiteVpnProps extends VpnGatewayProps {
  /**
   * On-premises sites by id; more can be added with `addSite()`. The SKU's tunnel maximum
   * applies to all of them together, and several sites that are one location (same device
   * address or overlapping prefixes) need BGP on every connection.
   * @default - none
   * @see https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus
   */
  readonly sites?: { [id: string]: VpnSiteOptions };
}

/**
 * One route-based VPN gateway and any number of on-premises sites, each a local network gateway
 * with its own connection (multi-site VPN).
 *
 * The gateway is route-based unless `vpnType` says otherwise. The SKU's tunnel maximum and the
 * need for BGP when several tunnels reach one site are synth-time rules (`conn.tunnel-limit`,
 * `conn.multi-tunnel-same-site`), so they see sites added with `addSite()` after construction
 * and connections added to the gateway by other means.
 *
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-howto-multi-site-to-site-resource-manager-portal
 * @example new MultiSiteVpn(this, 'Branches', { name: 'branches-gw', resourceGroupName: 'rg', location: 'westeurope', addressSpace: ['10.0.0.0/16'], sites: { paris: { gatewayAddress: '203.0.113.10', addressSpace: ['192.168.10.0/24'] } } });
 */
export class MultiSiteVpn extends VpnGateway {
  private readonly siteList: VpnSite[] = [];

  constructor(scope: Construct, id: string, props: MultiSiteVpnProps) {
    super(scope, id, props);
    for (const [siteId, options] of Object.entries(props.sites ?? {})) this.addSite(siteId, options);
  }

  /** The sites, in the order they were added. */
  public get sites(): VpnSite[] {
    return [...this.siteList];
  }

  /**
   * Adds an on-premises site: a local network gateway and its connection to this gateway, under
   * the construct id `Site-<id>`.
   */
  public addSite(id: string, options: VpnSiteOptions): VpnSite {
    const site = new VpnSite(this, `Site-${id}`, { ...options, name: options.name ?? id, gateway: this });
    this.siteList.push(site);
    return site;
  }
}

import { Construct } from 'constructs';
import { VpnGateway, VpnGatewayProps } from './vpn-gateway';
import { VpnSite, VpnSiteOptions } from './vpn-site';
import { VpnConfigError } from '../private/construct-errors';

/**
 * Properties of an `ActiveActiveGateway`: those of a `VpnGateway` (always active-active, always
 * BGP) and its on-premises devices.
 */
export interface ActiveActiveGatewayProps extends VpnGatewayProps {
  /**
   * On-premises VPN devices by id, each with its own public IP and BGP peer address. More can be
   * added with `addDevice()`. Give the devices of different sites different ASNs; two devices of
   * one site may share an ASN.
   * @default - none
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-highlyavailable
   */
  readonly devices?: { [id: string]: VpnSiteOptions };
}

/**
 * An active-active VPN gateway with BGP, and the on-premises devices that connect to it.
 *
 * Derived, not asked for: `active_active = true`, two IP configurations, each with its own
 * Standard static (zone-redundant for AZ SKUs) public IP, three with point-to-site; BGP on the
 * gateway and on every connection to a BGP device. Each device is one local network gateway and
 * one connection, which Azure terminates on both instances: two tunnels per device. A device that
 * peers from an APIPA address gets the connection's `custom_bgp_addresses` from the gateway's
 * APIPA addresses of each instance.
 *
 * Everything else (the SKU supports active-active, the ASNs are usable and distinct, the APIPA
 * addresses are in range) is checked by the synth-time rules.
 *
 * @example new ActiveActiveGateway(this, 'Hub', { name: 'hub-gw', resourceGroupName: 'rg-hub', location: 'westeurope', addressSpace: ['10.0.0.0/16'], bgpAsn: 65010, devices: { dc1: { gatewayAddress: '203.0.113.10', bgpAsn: 65050, bgpPeeringAddress: '192.168.255.1' } } });
 */
export class ActiveActiveGateway extends VpnGateway {
  private readonly deviceList: VpnSite[] = [];

  constructor(scope: Construct, id: string, props: ActiveActiveGatewayProps) {
    super(scope, id, { ...props, activeActive: forcedTrue(props.activeActive, 'activeActive', scope, id), enableBgp: forcedTrue(props.enableBgp, 'enableBgp', scope, id) });
    for (const [deviceId, options] of Object.entries(props.devices ?? {})) this.addDevice(deviceId, options);
  }

  /** The on-premises devices, in the order they were added. */
  public get devices(): VpnSite[] {
    return [...this.deviceList];
  }

  /**
   * Adds an on-premises device: a local network gateway and one connection, which carries a
   * tunnel to each gateway instance. Its resources are under the construct id `Device-<id>`.
   * @see https://learn.microsoft.com/azure/vpn-gateway/about-active-active-gateways
   */
  public addDevice(id: string, options: VpnSiteOptions): VpnSite {
    const device = new VpnSite(this, `Device-${id}`, { ...options, name: options.name ?? id, gateway: this });
    this.deviceList.push(device);
    return device;
  }
}

/** The construct's name says active-active with BGP; an explicit `false` contradicts it. */
function forcedTrue(value: boolean | undefined, prop: string, scope: Construct, id: string): boolean {
  if (value === false) {
    const path = scope.node.path === '' ? id : `${scope.node.path}/${id}`;
    throw new VpnConfigError(
      prop === 'activeActive' ? 'gw.aa.sku' : 'bgp.flags',
      `${prop} is false on an ActiveActiveGateway, which is always active-active with BGP; drop ${prop}, or use VpnGateway for a gateway without it (at ${path})`,
    );
  }
  return true;
}
